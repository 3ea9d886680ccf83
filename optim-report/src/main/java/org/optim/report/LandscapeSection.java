package org.optim.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.optim.report.analysis.Comparison;
import org.optim.report.analysis.LandscapeAnalysis;
import org.optim.report.analysis.LandscapeAnalysis.RunLandscape;
import org.optim.report.analysis.LandscapeAnalysis.SeriesLandscape;
import org.optim.report.analysis.Series;
import org.optim.report.figures.Figure;
import org.optim.report.figures.LandscapeCharts;
import org.optim.report.figures.Svg;
import org.optim.report.html.CsvFile;
import org.optim.report.html.Format;
import org.optim.report.html.Views;
import org.optim.report.runs.Experiment;
import org.optim.report.stats.Summary;

/**
 * The report's loss-landscape section (issue 9; the paper's Figs 2-3, which copy the SAM paper's
 * pictures): a heat map of the 2-D surface per series, the 1-D slices of all series overlaid, the
 * sharpness table (mean +- std over seeds), the paired comparisons, and what the SAM paper predicts
 * against what these runs show. Its CSVs: {@code tables/<experiment>/sharpness.csv} (columns
 * {@code arm,seed,topEigenvalue,samSharpness}; also published as {@code tables/sharpness.csv}) and
 * {@code tables/<experiment>/sharpness-comparisons.csv}.
 */
final class LandscapeSection {
    /** The page model of the section. */
    public record Model(String settings, String prediction, String finding, List<Row> rows,
            List<ComparisonLine> comparisons, List<Figure> figures, Views.Link csv, Views.Link comparisonsCsv) {
    }

    /** One comparison with the measure it is about. */
    public record ComparisonLine(String measure, Views.ComparisonRow row) {
    }

    /** Training losses further apart than this factor make a sharpness comparison one of unequal stages of training. */
    static final int COMPARABLE_LOSS_RATIO = 10;

    /** One series' line of the sharpness table. */
    public record Row(String series, String n, String topEigenvalue, String samSharpness, String loss, String converged) {
    }

    private final LandscapeAnalysis analysis;
    private final Experiment experiment;
    private final String slug;
    private final CsvFile sharpness;
    private final CsvFile comparisons;

    private LandscapeSection(LandscapeAnalysis analysis, Experiment experiment, String slug) {
        this.analysis = analysis;
        this.experiment = experiment;
        this.slug = slug;
        CsvFile.Builder csv = new CsvFile.Builder("tables/" + slug + "/sharpness.csv", "arm", "seed", "topEigenvalue",
                "samSharpness");
        for (SeriesLandscape s : analysis.series()) {
            for (RunLandscape r : s.runs()) {
                csv.row(s.series().label(), Integer.toString(r.run().seed()),
                        Format.csv(r.value(LandscapeAnalysis.TOP_EIGENVALUE)), Format.csv(r.value(LandscapeAnalysis.SAM_SHARPNESS)));
            }
        }
        this.sharpness = csv.build();
        this.comparisons = ExperimentPage.comparisonsCsv("tables/" + slug + "/sharpness-comparisons.csv", analysis.comparisons());
    }

    /** The section of {@code experiment}, or empty when none of its runs has landscape artifacts. */
    static Optional<LandscapeSection> of(Experiment experiment, List<Series> series, String slug) {
        return LandscapeAnalysis.of(series).map(a -> new LandscapeSection(a, experiment, slug));
    }

    /** {@code sharpness.csv}, published at the top level too. */
    CsvFile sharpnessCsv() {
        return sharpness;
    }

    List<CsvFile> tables() {
        return List.of(sharpness, comparisons);
    }

    Views.SectionView section(String anchor) {
        List<Row> rows = new ArrayList<>();
        for (SeriesLandscape s : analysis.series()) {
            Summary eig = s.summary(LandscapeAnalysis.TOP_EIGENVALUE);
            Summary sam = s.summary(LandscapeAnalysis.SAM_SHARPNESS);
            Summary loss = s.summary("loss");
            long converged = s.runs().stream().filter(r -> r.value("power_converged") == 1).count();
            rows.add(new Row(s.series().label(), Integer.toString(eig.n()), meanStd(eig), meanStd(sam), meanStd(loss),
                    converged + " of " + s.runs().size()));
        }
        return new Views.SectionView("landscape", anchor, "Loss landscape and sharpness (the paper's Figs 2-3)",
                new Model(settings(), prediction(), finding(), rows, comparisonLines(),
                        figures(), new Views.Link(sharpness.path(), sharpness.path()),
                        new Views.Link(comparisons.path(), comparisons.path())));
    }

    private List<ComparisonLine> comparisonLines() {
        List<Views.ComparisonRow> rows = ExperimentPage.comparisonRows(analysis.comparisons());
        List<ComparisonLine> lines = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String metric = analysis.comparisons().get(i).metric();
            lines.add(new ComparisonLine(metric.equals(LandscapeAnalysis.TOP_EIGENVALUE) ? "top eigenvalue" : "SAM sharpness",
                    rows.get(i)));
        }
        return lines;
    }

    private static String meanStd(Summary s) {
        return s.n() == 0 ? "" : Format.num(s.mean()) + " \u00b1 " + Format.num(s.std());
    }

    private String settings() {
        JsonNode c = analysis.config().path("config");
        return String.format(Locale.ROOT, "Measured on the final weights (epoch %d) of every complete run, on the first %d "
                        + "training examples (%s). Surfaces: two random Gaussian directions, filter-normalized (Li et al., "
                        + "NeurIPS 2018; bias directions set to zero), seed %d, %d x %d grid on [-%s, %s]^2; slices: %d points. "
                        + "Top Hessian eigenvalue: power iteration (at most %d Hessian-vector products, relative tolerance %s) "
                        + "on finite-difference Hessian-vector products with step %s, finished by a Rayleigh-Ritz step "
                        + "on span{v, Hv}; that estimate never exceeds the top eigenvalue, so where the iteration has not "
                        + "converged (last column) it is a lower bound. "
                        + "SAM sharpness: "
                        + "L(w + e) - L(w) with e = rho g / ||g|| (%d ascent step(s)), rho = %s.",
                analysis.epoch(), c.path("subsetSize").asInt(), analysis.config().path("subset").asText(),
                c.path("directionsSeed").asLong(), c.path("gridSize").asInt(), c.path("gridSize").asInt(),
                c.path("span").asText(), c.path("span").asText(), c.path("slicePoints").asInt(),
                c.path("powerIterations").asInt(), c.path("powerTolerance").asText(), c.path("hvpStep").asText(),
                c.path("ascentSteps").asInt(), c.path("rho").asText());
    }

    private static String prediction() {
        return "The SAM paper (Foret et al., ICLR 2021, section 4 and Fig. 3) predicts that SAM ends in a flatter "
                + "minimum than its base optimizer trained alone: a smaller top Hessian eigenvalue and a smaller "
                + "sharpness max over ||e|| <= rho of L(w + e) - L(w). Its landscape pictures (reproduced in the paper "
                + "as Figs 2-3) come from ResNets on CIFAR; the figures below are this experiment's own.";
    }

    /** SAM against its base optimizer's arm, measure by measure, if the manifest has both. */
    private String finding() {
        JsonNode arms = experiment.manifest().path("arms");
        List<String> sentences = new ArrayList<>();
        for (JsonNode sam : arms) {
            if (!"sam".equals(sam.path("optimizer").path("name").asText())) {
                continue;
            }
            for (JsonNode base : arms) {
                if (!base.path("optimizer").equals(sam.path("optimizer").path("base"))) {
                    continue;
                }
                String samArm = sam.path("name").asText();
                String baseArm = base.path("name").asText();
                boolean compared = false;
                for (Comparison c : analysis.comparisons()) {
                    boolean samFirst = c.a().equals(samArm) && c.b().equals(baseArm);
                    if (samFirst || c.a().equals(baseArm) && c.b().equals(samArm)) {
                        sentences.add(agreement(c, samArm, baseArm, samFirst, lowerForSam(c.metric(), samArm, baseArm)));
                        compared = true;
                    }
                }
                if (compared) {
                    sentences.add(lossContext(samArm, baseArm));
                }
            }
        }
        if (sentences.isEmpty()) {
            return "No arm of this experiment is SAM together with an arm of its base optimizer alone, so the prediction "
                    + "is not tested here; the table and comparisons below still rank the arms.";
        }
        return String.join(" ", sentences);
    }

    /** "k of n seeds": on how many of the seeds both arms have the measure is lower for SAM. */
    private String lowerForSam(String measure, String samArm, String baseArm) {
        int lower = 0;
        int both = 0;
        for (RunLandscape r : series(samArm).runs()) {
            for (RunLandscape q : series(baseArm).runs()) {
                if (q.run().seed() == r.run().seed()) {
                    both++;
                    lower += r.value(measure) < q.value(measure) ? 1 : 0;
                }
            }
        }
        return lower + " of " + both + " seeds";
    }

    /**
     * The training-subset losses at which SAM and its base are compared. Sharpness falls as training
     * converges, so when one arm's loss is many times the other's the comparison measures how far each
     * has come rather than the flatness of the minimum each found, and the sentence says so.
     */
    private String lossContext(String samArm, String baseArm) {
        double sam = series(samArm).summary("loss").mean();
        double base = series(baseArm).summary("loss").mean();
        String losses = "At these weights the mean training-subset loss is " + Format.num(sam) + " for " + samArm
                + " and " + Format.num(base) + " for " + baseArm;
        double ratio = Math.max(sam, base) / Math.min(sam, base);
        if (ratio > COMPARABLE_LOSS_RATIO) {
            return losses + ": " + (sam > base ? samArm : baseArm) + " is much further from a minimum (loss ratio "
                    + Format.num(ratio) + "), so these sharpness figures compare different stages of training, "
                    + "not the flatness of comparable minima, and cannot test the prediction either way.";
        }
        return losses + ": within a factor of " + COMPARABLE_LOSS_RATIO
                + ", so the two are compared at a similar stage of training.";
    }

    /** The landscapes of the arm labelled {@code label} (an arm the comparisons name). */
    private SeriesLandscape series(String label) {
        for (SeriesLandscape s : analysis.series()) {
            if (s.series().label().equals(label)) {
                return s;
            }
        }
        throw new IllegalStateException("no landscape for arm " + label);
    }

    private static String agreement(Comparison c, String samArm, String baseArm, boolean samFirst, String seeds) {
        double samMinusBase = samFirst ? c.meanDiff() : -c.meanDiff();
        String what = c.metric().equals(LandscapeAnalysis.TOP_EIGENVALUE) ? "Top eigenvalue" : "SAM sharpness";
        String direction = Double.isNaN(samMinusBase) ? "cannot be compared (no seed has both)"
                : samMinusBase < 0 ? "is lower for " + samArm + " than for " + baseArm + " (mean paired difference "
                        + Format.num(samMinusBase) + "; lower on " + seeds + "), the predicted direction"
                : "is not lower for " + samArm + " than for " + baseArm + " (mean paired difference "
                        + Format.num(samMinusBase) + "; lower on " + seeds + "), against the prediction";
        boolean significant = c.holmP() < Comparison.ALPHA && c.wilcoxon().n() > 0;
        String strength = significant ? "; the difference is significant (Holm-adjusted p = " + Format.num(c.holmP()) + ")"
                : "; the paired test does not establish it (" + c.verdict() + ")";
        String verdict = !Double.isNaN(samMinusBase) && samMinusBase < 0 && significant ? " These runs agree."
                : !Double.isNaN(samMinusBase) && samMinusBase >= 0 && significant ? " These runs disagree."
                : " These runs neither confirm nor refute it.";
        return what + " " + direction + strength + "." + verdict;
    }

    private List<Figure> figures() {
        List<Figure> figures = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (SeriesLandscape s : analysis.series()) {
            for (double loss : s.runs().get(0).surface().column("loss")) {
                min = Math.min(min, Math.log10(loss));
                max = Math.max(max, Math.log10(loss));
            }
        }
        int n = 0;
        for (SeriesLandscape s : analysis.series()) {
            RunLandscape first = s.runs().get(0);
            double[] alphas = distinct(first.surface().column("alpha"));
            double[] betas = distinct(first.surface().column("beta"));
            double[] loss = first.surface().column("loss");
            double[][] grid = new double[betas.length][alphas.length];
            for (int j = 0; j < betas.length; j++) {
                System.arraycopy(loss, j * alphas.length, grid[j], 0, alphas.length);
            }
            String id = "fig-" + slug + "-landscape-" + (++n);
            String title = s.series().label() + ": loss surface, seed " + first.run().seed();
            figures.add(new Figure(id, title, "log10 of the training-subset loss at w + alpha d1 + beta d2 around the "
                    + "final weights of seed " + first.run().seed() + " (the lowest seed measured); colours share one scale "
                    + "across arms", Svg.render(LandscapeCharts.surface(title, alphas, betas, grid, min, max), id)));
        }
        List<LandscapeCharts.Slice> slices = new ArrayList<>();
        for (SeriesLandscape s : analysis.series()) {
            double[] alphas = s.runs().get(0).slice().column("alpha");
            double[] mean = new double[alphas.length];
            for (RunLandscape r : s.runs()) {
                double[] l = r.slice().column("loss");
                for (int k = 0; k < mean.length; k++) {
                    mean[k] += l[k] / s.runs().size();
                }
            }
            slices.add(new LandscapeCharts.Slice(s.series().label(), alphas, mean));
        }
        String id = "fig-" + slug + "-landscape-" + (++n);
        String title = "1-D slices along direction 1";
        figures.add(new Figure(id, "1-D slices, all arms", "log10 of the training-subset loss at w + alpha d1, mean over "
                + "seeds of the loss, one line per arm", Svg.render(LandscapeCharts.slices(title, slices), id)));
        return figures;
    }

    /** The distinct values of a grid coordinate column, ascending. */
    private static double[] distinct(double[] column) {
        return Arrays.stream(column).distinct().sorted().toArray();
    }
}
