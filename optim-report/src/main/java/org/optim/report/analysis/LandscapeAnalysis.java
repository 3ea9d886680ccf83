package org.optim.report.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.optim.report.runs.Json;
import org.optim.report.runs.RunLog;
import org.optim.report.runs.RunLogException;
import org.optim.report.runs.Table;
import org.optim.report.stats.Bootstrap;
import org.optim.report.stats.Holm;
import org.optim.report.stats.Summary;
import org.optim.report.stats.WelchTTest;
import org.optim.report.stats.WilcoxonSignedRank;

/**
 * The loss-landscape artifacts of an experiment's runs ({@code docs/run-logs.md}, "Loss-landscape
 * artifacts"), summarized per series and compared between series: a pure function of the run logs.
 *
 * <p>Only complete runs with all artifacts enter (a run measured under other landscape settings than
 * the first one found is an error: the numbers would not be comparable). The two sharpness measures,
 * {@code top_eigenvalue} and {@code sam_sharpness}, are compared for every pair of series with the
 * report's paired test (exact Wilcoxon signed-rank over the seeds both have, Welch beside it), Holm-
 * adjusted together as one family, separate from the accuracy comparisons.
 *
 * @param series      series with at least one measured run, in the experiment's series order
 * @param comparisons every pair of series on both measures, Holm-adjusted together
 * @param epoch       the epoch of the weights measured (the last epoch of the measured runs)
 * @param config      {@code landscape.json}'s {@code config} and {@code subset} (the settings, shared by every run)
 */
public record LandscapeAnalysis(List<SeriesLandscape> series, List<Comparison> comparisons, long epoch, JsonNode config) {
    public static final String TOP_EIGENVALUE = "top_eigenvalue";
    public static final String SAM_SHARPNESS = "sam_sharpness";
    public static final List<String> MEASURES = List.of(TOP_EIGENVALUE, SAM_SHARPNESS);

    /** One series' measured runs, in seed order. */
    public record SeriesLandscape(Series series, List<RunLandscape> runs) {
        /** The measure's values in seed order. */
        public double[] values(String measure) {
            return runs.stream().mapToDouble(r -> r.value(measure)).toArray();
        }

        public Summary summary(String measure) {
            return Summary.of(values(measure), Bootstrap.SEED);
        }

        /** Seed to value. */
        Map<Integer, Double> bySeed(String measure) {
            Map<Integer, Double> m = new TreeMap<>();
            runs.forEach(r -> m.put(r.run().seed(), r.value(measure)));
            return m;
        }
    }

    /**
     * One run's artifacts.
     *
     * @param sharpness the single row of {@code landscape-sharpness.csv}
     */
    public record RunLandscape(RunLog run, Table slice, Table surface, Table sharpness) {
        /** A column of the sharpness row. */
        public double value(String column) {
            return sharpness.column(column)[0];
        }
    }

    /** The landscape analysis of {@code series}, or empty when no run has landscape artifacts. */
    public static Optional<LandscapeAnalysis> of(List<Series> series) {
        List<SeriesLandscape> measured = new ArrayList<>();
        JsonNode config = null;
        Path configFile = null;
        long epoch = -1;
        for (Series s : series) {
            List<RunLandscape> runs = new ArrayList<>();
            for (RunLog run : s.included()) {
                Path json = run.dir().resolve("landscape.json");
                if (run.status() != RunLog.Status.COMPLETE || !Files.isRegularFile(json)) {
                    continue;
                }
                JsonNode header = Json.parse(json, Json.text(json));
                JsonNode settings = header.deepCopy();
                ((ObjectNode) settings).remove(List.of("epoch", "weights", "format"));
                if (config == null) {
                    config = settings;
                    configFile = json;
                } else if (!config.equals(settings)) {
                    throw new RunLogException(json, "/config", "landscape settings differ from those of " + configFile);
                }
                Path sharpness = run.dir().resolve("landscape-sharpness.csv");
                Path slice = run.dir().resolve("landscape-slice.csv");
                Path surface = run.dir().resolve("landscape-surface.csv");
                if (!Files.isRegularFile(sharpness) || !Files.isRegularFile(slice) || !Files.isRegularFile(surface)) {
                    continue;
                }
                RunLandscape r = new RunLandscape(run, Table.read(slice, "point"), Table.read(surface, "point"),
                        Table.read(sharpness, "epoch"));
                epoch = Math.max(epoch, r.sharpness().lastIndex());
                runs.add(r);
            }
            if (!runs.isEmpty()) {
                measured.add(new SeriesLandscape(s, List.copyOf(runs)));
            }
        }
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LandscapeAnalysis(List.copyOf(measured), compare(measured, epoch), epoch, config));
    }

    private static List<Comparison> compare(List<SeriesLandscape> series, long epoch) {
        List<String[]> names = new ArrayList<>();
        List<WilcoxonSignedRank.Result> ranks = new ArrayList<>();
        List<WelchTTest.Result> welches = new ArrayList<>();
        List<double[]> diffs = new ArrayList<>();
        for (String measure : MEASURES) {
            for (int i = 0; i < series.size(); i++) {
                for (int j = i + 1; j < series.size(); j++) {
                    Map<Integer, Double> a = series.get(i).bySeed(measure);
                    Map<Integer, Double> b = series.get(j).bySeed(measure);
                    double[] x = a.keySet().stream().filter(b::containsKey).mapToDouble(a::get).toArray();
                    double[] y = a.keySet().stream().filter(b::containsKey).mapToDouble(b::get).toArray();
                    double[] d = new double[x.length];
                    for (int k = 0; k < d.length; k++) {
                        d[k] = x[k] - y[k];
                    }
                    names.add(new String[] {measure, series.get(i).series().label(), series.get(j).series().label()});
                    ranks.add(WilcoxonSignedRank.test(x, y));
                    welches.add(WelchTTest.test(series.get(i).values(measure), series.get(j).values(measure)));
                    diffs.add(d);
                }
            }
        }
        double[] holm = Holm.adjust(ranks.stream().mapToDouble(WilcoxonSignedRank.Result::p).toArray());
        List<Comparison> result = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            double[] d = diffs.get(k);
            result.add(new Comparison(names.get(k)[0], epoch, names.get(k)[1], names.get(k)[2], d.length,
                    d.length == 0 ? Double.NaN : Summary.mean(d), ranks.get(k), welches.get(k), holm[k]));
        }
        return List.copyOf(result);
    }
}
