package org.optim.report.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.optim.report.runs.Experiment;
import org.optim.report.runs.RunLog;
import org.optim.report.runs.RunLogException;
import org.optim.report.stats.Bootstrap;
import org.optim.report.stats.Holm;
import org.optim.report.stats.Summary;
import org.optim.report.stats.WelchTTest;
import org.optim.report.stats.WilcoxonSignedRank;

/**
 * Everything the report says about one experiment, computed from its run logs alone (a pure
 * function: same runs, same bits).
 *
 * <p>The reported epochs are the paper tables' rows and the last epoch when the manifest has a paper
 * table, else ten evenly spaced epochs and the last. The compared metric is {@code --metric} (for
 * the experiments that log it), else the first paper table's metric, else the first of {@link #PREFERRED_METRICS} the runs log.
 *
 * @param experiment  the experiment
 * @param series      its series, sorted by label
 * @param metric      the metric compared between arms
 * @param epochs      the reported epochs, ascending
 * @param tables      the paper's tables from the manifest
 * @param claims      the paper's single-number claims from the manifest
 * @param cells       summaries of every logged metric, at every reported epoch, for every series
 * @param comparisons every pair of series at every reported epoch on {@code metric}, Holm-adjusted together
 */
public record Analysis(Experiment experiment, List<Series> series, String metric, List<Long> epochs,
        List<PaperTable> tables, List<PaperClaim> claims, List<Cell> cells, List<Comparison> comparisons) {

    /** Metrics compared when neither the command line nor the manifest names one. */
    public static final List<String> PREFERRED_METRICS =
            List.of("val_accuracy", "test_accuracy", "train_accuracy", "val_loss", "test_loss", "train_loss", "loss");

    /**
     * One series' summary of one metric at one epoch.
     *
     * @param diverged how many of the series' runs diverged (left out of the summary)
     */
    public record Cell(String metric, long epoch, String series, Summary summary, int diverged) {
    }

    /** A row of a paper table reproduced: the paper's value (if any) against the runs. */
    public record PaperCell(long epoch, Series series, OptionalDouble paper, Summary summary) {
        /** reproduced mean - paper value (NaN if either is missing). */
        public double delta() {
            return paper.isPresent() && summary.n() > 0 ? summary.mean() - paper.getAsDouble() : Double.NaN;
        }
    }

    public static Analysis of(Experiment experiment, String metricOverride) {
        List<Series> series = Series.of(experiment.runs());
        List<PaperTable> tables = PaperTable.read(experiment.manifestFile(), experiment.manifest());
        List<PaperClaim> claims = PaperClaim.read(experiment.manifestFile(), experiment.manifest());
        Set<String> logged = loggedMetrics(experiment);
        for (int t = 0; t < tables.size() && !experiment.runs().isEmpty(); t++) {
            checkMetric(experiment, logged, tables.get(t).metric(), "/paper/tables/" + t + "/metric");
        }
        for (int c = 0; c < claims.size() && !experiment.runs().isEmpty(); c++) {
            checkMetric(experiment, logged, claims.get(c).metric(), "/paper/claims/" + c + "/metric");
        }
        String metric;
        if (metricOverride != null && logged.contains(metricOverride)) {
            metric = metricOverride;
        } else if (!tables.isEmpty()) {
            metric = tables.get(0).metric();
        } else {
            metric = PREFERRED_METRICS.stream().filter(logged::contains).findFirst()
                    .orElse(logged.stream().skip(1).findFirst().orElse("epoch"));
        }
        List<Long> epochs = reportedEpochs(series, tables);
        List<Cell> cells = new ArrayList<>();
        for (String m : logged) {
            if (m.equals("epoch") || m.equals("step")) {
                continue;
            }
            for (long epoch : epochs) {
                for (Series s : series) {
                    cells.add(new Cell(m, epoch, s.label(), Summary.of(s.values(m, epoch), Bootstrap.SEED), s.diverged().size()));
                }
            }
        }
        return new Analysis(experiment, series, metric, epochs, tables, claims, List.copyOf(cells), compare(series, metric, epochs));
    }

    private static void checkMetric(Experiment experiment, Set<String> logged, String metric, String pointer) {
        if (!logged.contains(metric)) {
            throw new RunLogException(experiment.manifestFile(), pointer,
                    "unknown metric '" + metric + "' (the runs log: " + String.join(", ", logged) + ")");
        }
    }

    /** A paper claim against one series: the metric at epoch 0 and at the series' last epoch. */
    public record ClaimCheck(PaperClaim claim, Series series, Summary start, long endEpoch, Summary end) {
    }

    /** Every claim against every series of its arm. */
    public List<ClaimCheck> checkClaims() {
        List<ClaimCheck> result = new ArrayList<>();
        for (PaperClaim claim : claims) {
            for (Series s : series) {
                if (s.arm().equals(claim.arm())) {
                    long last = s.lastEpoch();
                    result.add(new ClaimCheck(claim, s, Summary.of(s.values(claim.metric(), 0), Bootstrap.SEED), last,
                            Summary.of(s.values(claim.metric(), last), Bootstrap.SEED)));
                }
            }
        }
        return result;
    }

    /** The summary of {@code metric} for {@code series} at {@code epoch}. */
    public Summary summary(String metric, long epoch, Series s) {
        for (Cell c : cells) {
            if (c.metric().equals(metric) && c.epoch() == epoch && c.series().equals(s.label())) {
                return c.summary();
            }
        }
        return Summary.of(s.values(metric, epoch), Bootstrap.SEED);
    }

    /**
     * Series in a paper table's column order (a column whose arm has no runs yet gets an empty
     * series, shown as "no runs"), then every other series in label order.
     */
    public List<Series> seriesFor(PaperTable table) {
        Set<Series> ordered = new LinkedHashSet<>();
        for (PaperTable.Column c : table.columns()) {
            List<Series> of = series.stream().filter(s -> s.arm().equals(c.arm())).toList();
            ordered.addAll(of.isEmpty() ? List.of(new Series(c.arm(), c.arm(), List.of())) : of);
        }
        ordered.addAll(series);
        return List.copyOf(ordered);
    }

    /** The reproduced cells of {@code table}: for each row's epoch, each series. */
    public List<PaperCell> reproduce(PaperTable table) {
        List<PaperCell> result = new ArrayList<>();
        for (long epoch : table.epochs()) {
            for (Series s : seriesFor(table)) {
                result.add(new PaperCell(epoch, s, table.value(s.arm(), epoch), summary(table.metric(), epoch, s)));
            }
        }
        return result;
    }

    /** Every column any run's metrics.csv has, in first-seen order (runs are sorted, so this is stable). */
    public static Set<String> loggedMetrics(Experiment experiment) {
        Set<String> logged = new LinkedHashSet<>();
        for (RunLog run : experiment.runs()) {
            logged.addAll(run.metrics().columns());
        }
        return logged;
    }

    private static List<Long> reportedEpochs(List<Series> series, List<PaperTable> tables) {
        TreeSet<Long> epochs = new TreeSet<>();
        if (!tables.isEmpty()) {
            for (PaperTable t : tables) {
                for (long e : t.epochs()) {
                    epochs.add(e);
                }
            }
        }
        long last = series.stream().mapToLong(Series::lastEpoch).max().orElse(-1);
        if (last < 0 || !epochs.isEmpty()) {
            if (last >= 0) {
                epochs.add(last);
            }
            return List.copyOf(epochs);
        }
        long step = Math.max(1, (last + 9) / 10);
        for (long e = step; e < last; e += step) {
            epochs.add(e);
        }
        epochs.add(last);
        return List.copyOf(epochs);
    }

    private static List<Comparison> compare(List<Series> series, String metric, List<Long> epochs) {
        List<Series[]> pairs = new ArrayList<>();
        List<Long> pairEpochs = new ArrayList<>();
        List<WilcoxonSignedRank.Result> ranks = new ArrayList<>();
        List<WelchTTest.Result> welches = new ArrayList<>();
        List<double[]> diffs = new ArrayList<>();
        for (long epoch : epochs) {
            for (int i = 0; i < series.size(); i++) {
                for (int j = i + 1; j < series.size(); j++) {
                    Map<Integer, Double> a = series.get(i).bySeed(metric, epoch);
                    Map<Integer, Double> b = series.get(j).bySeed(metric, epoch);
                    List<Integer> common = a.keySet().stream().filter(b::containsKey).toList();
                    double[] x = common.stream().mapToDouble(a::get).toArray();
                    double[] y = common.stream().mapToDouble(b::get).toArray();
                    double[] d = new double[x.length];
                    for (int k = 0; k < d.length; k++) {
                        d[k] = x[k] - y[k];
                    }
                    pairs.add(new Series[] {series.get(i), series.get(j)});
                    pairEpochs.add(epoch);
                    ranks.add(WilcoxonSignedRank.test(x, y));
                    welches.add(WelchTTest.test(series.get(i).values(metric, epoch), series.get(j).values(metric, epoch)));
                    diffs.add(d);
                }
            }
        }
        double[] holm = Holm.adjust(ranks.stream().mapToDouble(WilcoxonSignedRank.Result::p).toArray());
        List<Comparison> result = new ArrayList<>();
        for (int k = 0; k < pairs.size(); k++) {
            double[] d = diffs.get(k);
            double mean = d.length == 0 ? Double.NaN : Summary.mean(d);
            result.add(new Comparison(metric, pairEpochs.get(k), pairs.get(k)[0].label(), pairs.get(k)[1].label(),
                    d.length, mean, ranks.get(k), welches.get(k), holm[k]));
        }
        return List.copyOf(result);
    }
}
