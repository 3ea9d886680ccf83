package org.optim.report.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.optim.report.runs.Experiment;
import org.optim.report.runs.Json;
import org.optim.report.runs.RunLogException;

/**
 * The hypotheses about how the paper got its numbers, each read against the paper's first table
 * (Table II) with that table's own metric. A hypothesis is an experiment whose manifest has a
 * top-level {@code "hypothesis": {"baseline"?, "change"}} (the baseline, without {@code baseline},
 * comes first), or a single arm with {@code "hypothesis": {"change", "column"?}}, read against the
 * paper column of the arm {@code column} (default: its own). Pure: the same runs give the same rows.
 *
 * <p>Rules, per arm (paper column), over the table's epochs that have a paper value:
 * <pre>
 * cells   = epochs with both a paper value p_e and a reproduced mean m_e (mean over seeds that did not diverge)
 * MAD     = sum |m_e - p_e| / cells
 * shape   (only when every epoch has m_e; else the arm is "incomplete"):
 *   paper flat (max p - min p &lt;= FLAT):  matches  iff  max m - min m &lt;= FLAT
 *   else, rise = value at the last epoch - value at the first:
 *           matches  iff  sign(rise_m) = sign(rise_p)  and  |rise_p| / RISE_FACTOR &lt;= |rise_m| &lt;= RISE_FACTOR |rise_p|
 *                     and  Spearman(m, p) &gt;= MIN_SPEARMAN  (average ranks for ties)
 * verdict = "reproduces values" if shape matches and MAD &lt;= VALUE_TOLERANCE,
 *           "reproduces shape only" if shape matches, else "does not reproduce"
 * </pre>
 * A hypothesis's MAD is over all its arms' cells; its verdict is "reproduces values" when every arm's
 * is, "reproduces shape only" when every arm's shape matches, "incomplete" when an arm is, else
 * "does not reproduce".
 *
 * @param rows baseline experiments first, then the other hypothesis experiments, by name; each
 *             experiment's arm hypotheses follow it
 */
public record Hypotheses(List<Row> rows) {
    /** The largest MAD (accuracy points / 100) that still "reproduces values": the paper prints two decimals. */
    public static final double VALUE_TOLERANCE = 0.05;
    /** A column whose values span at most this much is flat. */
    public static final double FLAT = 0.02;
    /** The reproduced rise must be within this factor of the paper's. */
    public static final double RISE_FACTOR = 2;
    /** The least Spearman correlation between reproduced and paper values for a matching shape. */
    public static final double MIN_SPEARMAN = 0.8;

    /** The verdicts, as the page spells them. */
    public enum Verdict {
        VALUES("reproduces values"), SHAPE("reproduces shape only"), NONE("does not reproduce"), INCOMPLETE("incomplete");

        private final String spelling;

        Verdict(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /**
     * One hypothesis.
     *
     * @param name     the experiment's name, or {@code experiment/arm} for an arm hypothesis
     * @param baseline the experiment it changes ("" for a baseline or an arm hypothesis)
     * @param change   what it changes, from the manifest
     * @param table    the paper table it is read against
     * @param arms     one result per paper column (a column with several grid points: one per series)
     * @param mad      mean absolute difference over all cells of all arms (NaN without cells)
     * @param cells    how many cells the MAD is over
     * @param verdict  the hypothesis's verdict
     */
    public record Row(String name, String baseline, String change, PaperTable table, List<ArmResult> arms, double mad,
            int cells, Verdict verdict) {
    }

    /**
     * One series read against one paper column.
     *
     * @param series  the runs read (an empty series when the arm has none)
     * @param label   the series' display name
     * @param column  the paper column it is read against
     * @param epochs  the table's epochs where the column has a paper value
     * @param paper   the paper's values there
     * @param mean    the reproduced means there (NaN where no run reached the epoch)
     * @param n       seeds averaged there
     * @param mad     mean |mean - paper| over the epochs with a mean (NaN if none)
     * @param cells   how many epochs have a mean
     * @param shape   the curve-shape comparison, or null when an epoch has no mean
     * @param verdict this arm's verdict
     */
    public record ArmResult(Series series, String label, PaperTable.Column column, long[] epochs, double[] paper,
            double[] mean, int[] n, double mad, int cells, Shape shape, Verdict verdict) {
    }

    /**
     * @param flatPaper whether the paper's column is flat
     * @param paperRise paper value at the last epoch minus at the first
     * @param rise      the same for the reproduction
     * @param spread    max - min of the reproduction
     * @param spearman  Spearman's rank correlation of reproduction and paper (NaN when either is constant)
     * @param matches   the rule's answer
     */
    public record Shape(boolean flatPaper, double paperRise, double rise, double spread, double spearman, boolean matches) {
    }

    /** The hypotheses among {@code analyses}. */
    public static Hypotheses of(List<Analysis> analyses) {
        List<Analysis> ordered = new ArrayList<>(analyses);
        ordered.sort(Comparator.comparing((Analysis a) -> group(a.experiment())).thenComparing(a -> a.experiment().name()));
        List<Row> rows = new ArrayList<>();
        for (Analysis analysis : ordered) {
            Experiment e = analysis.experiment();
            if (group(e) == 2) {
                continue;
            }
            PaperTable table = firstTable(analysis, "/hypothesis");
            if (e.manifest().has("hypothesis")) {
                String change = Json.string(e.manifestFile(), e.manifest(), "/hypothesis/change");
                JsonNode baseline = e.manifest().at("/hypothesis/baseline");
                String base = baseline.isMissingNode() ? "" : Json.string(e.manifestFile(), e.manifest(), "/hypothesis/baseline");
                List<ArmResult> arms = new ArrayList<>();
                for (PaperTable.Column c : table.columns()) {
                    for (Series s : seriesOf(analysis, c.arm())) {
                        arms.add(arm(analysis, table, c, s, c.label()));
                    }
                }
                rows.add(row(e.name(), base, change, table, arms));
            }
            JsonNode manifestArms = e.manifest().path("arms");
            for (int i = 0; i < manifestArms.size(); i++) {
                String at = "/arms/" + i;
                if (!manifestArms.get(i).has("hypothesis")) {
                    continue;
                }
                String name = Json.string(e.manifestFile(), e.manifest(), at + "/name");
                String change = Json.string(e.manifestFile(), e.manifest(), at + "/hypothesis/change");
                String columnArm = manifestArms.get(i).path("hypothesis").has("column")
                        ? Json.string(e.manifestFile(), e.manifest(), at + "/hypothesis/column") : name;
                PaperTable.Column column = table.columns().stream().filter(c -> c.arm().equals(columnArm)).findFirst()
                        .orElseThrow(() -> new RunLogException(e.manifestFile(), at + "/hypothesis",
                                "arm '" + columnArm + "' is not a column of the paper's table '" + table.id() + "'"));
                String label = manifestArms.get(i).path("label").asText("");
                String display = (label.isBlank() ? name : label) + (columnArm.equals(name) ? "" : " (read as " + column.label() + ")");
                List<ArmResult> arms = new ArrayList<>();
                for (Series s : seriesOf(analysis, name)) {
                    arms.add(arm(analysis, table, column, s, display));
                }
                rows.add(row(e.name() + "/" + name, "", change, table, arms));
            }
        }
        return new Hypotheses(List.copyOf(rows));
    }

    /** 0: a baseline; 1: a hypothesis experiment, or one with arm hypotheses; 2: neither. */
    private static int group(Experiment e) {
        if (e.manifest().has("hypothesis")) {
            return e.manifest().path("hypothesis").has("baseline") ? 1 : 0;
        }
        for (JsonNode arm : e.manifest().path("arms")) {
            if (arm.has("hypothesis")) {
                return 1;
            }
        }
        return 2;
    }

    private static PaperTable firstTable(Analysis analysis, String pointer) {
        if (analysis.tables().isEmpty()) {
            throw new RunLogException(analysis.experiment().manifestFile(), pointer,
                    "a hypothesis needs a paper table to be read against; the manifest has none");
        }
        return analysis.tables().get(0);
    }

    /** The series of {@code arm}, or one empty series when it has no runs. */
    private static List<Series> seriesOf(Analysis analysis, String arm) {
        List<Series> of = analysis.series().stream().filter(s -> s.arm().equals(arm)).toList();
        return of.isEmpty() ? List.of(new Series(arm, arm, List.of())) : of;
    }

    private static Row row(String name, String baseline, String change, PaperTable table, List<ArmResult> arms) {
        double sum = 0;
        int cells = 0;
        boolean incomplete = false;
        boolean allValues = true;
        boolean allShapes = true;
        for (ArmResult a : arms) {
            for (int k = 0; k < a.epochs().length; k++) {
                if (!Double.isNaN(a.mean()[k])) {
                    sum += Math.abs(a.mean()[k] - a.paper()[k]);
                    cells++;
                }
            }
            incomplete |= a.verdict() == Verdict.INCOMPLETE;
            allValues &= a.verdict() == Verdict.VALUES;
            allShapes &= a.verdict() == Verdict.VALUES || a.verdict() == Verdict.SHAPE;
        }
        Verdict verdict = incomplete ? Verdict.INCOMPLETE : allValues ? Verdict.VALUES : allShapes ? Verdict.SHAPE : Verdict.NONE;
        return new Row(name, baseline, change, table, List.copyOf(arms), cells == 0 ? Double.NaN : sum / cells, cells, verdict);
    }

    private static ArmResult arm(Analysis analysis, PaperTable table, PaperTable.Column column, Series series, String label) {
        List<Long> epochs = new ArrayList<>();
        List<Double> paper = new ArrayList<>();
        for (long e : table.epochs()) {
            OptionalDouble p = table.value(column.arm(), e);
            if (p.isPresent()) {
                epochs.add(e);
                paper.add(p.getAsDouble());
            }
        }
        int size = epochs.size();
        long[] ep = new long[size];
        double[] p = new double[size];
        double[] m = new double[size];
        int[] n = new int[size];
        for (int k = 0; k < size; k++) {
            ep[k] = epochs.get(k);
            p[k] = paper.get(k);
            var summary = analysis.summary(table.metric(), ep[k], series);
            m[k] = summary.mean();
            n[k] = summary.n();
        }
        return judge(series, label, column, ep, p, m, n);
    }

    /** Applies the rules to one arm's paper and reproduced values (NaN: no run reached that epoch). */
    public static ArmResult judge(Series series, String label, PaperTable.Column column, long[] epochs, double[] paper, double[] mean, int[] n) {
        double sum = 0;
        int cells = 0;
        for (int k = 0; k < paper.length; k++) {
            if (!Double.isNaN(mean[k])) {
                sum += Math.abs(mean[k] - paper[k]);
                cells++;
            }
        }
        double mad = cells == 0 ? Double.NaN : sum / cells;
        if (cells < paper.length || cells == 0) {
            return new ArmResult(series, label, column, epochs, paper, mean, n, mad, cells, null, Verdict.INCOMPLETE);
        }
        Shape shape = shape(paper, mean);
        Verdict verdict = !shape.matches() ? Verdict.NONE : mad <= VALUE_TOLERANCE ? Verdict.VALUES : Verdict.SHAPE;
        return new ArmResult(series, label, column, epochs, paper, mean, n, mad, cells, shape, verdict);
    }

    /** The shape rule on complete columns of equal length. */
    public static Shape shape(double[] paper, double[] mean) {
        int last = paper.length - 1;
        boolean flat = spread(paper) <= FLAT;
        double paperRise = paper[last] - paper[0];
        double rise = mean[last] - mean[0];
        double spearman = spearman(paper, mean);
        boolean matches;
        if (flat) {
            matches = spread(mean) <= FLAT;
        } else {
            double a = Math.abs(paperRise);
            matches = Math.signum(rise) == Math.signum(paperRise) && Math.abs(rise) >= a / RISE_FACTOR
                    && Math.abs(rise) <= a * RISE_FACTOR && spearman >= MIN_SPEARMAN;
        }
        return new Shape(flat, paperRise, rise, spread(mean), spearman, matches);
    }

    private static double spread(double[] xs) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return max - min;
    }

    /** Spearman's rho: Pearson's correlation of the average ranks; NaN when either side is constant. */
    public static double spearman(double[] x, double[] y) {
        double[] rx = ranks(x);
        double[] ry = ranks(y);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < rx.length; i++) {
            mx += rx[i];
            my += ry[i];
        }
        mx /= rx.length;
        my /= ry.length;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < rx.length; i++) {
            sxy += (rx[i] - mx) * (ry[i] - my);
            sxx += (rx[i] - mx) * (rx[i] - mx);
            syy += (ry[i] - my) * (ry[i] - my);
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks from 1, ties sharing their average rank. */
    static double[] ranks(double[] xs) {
        double[] r = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            int below = 0;
            int equal = 0;
            for (double x : xs) {
                below += x < xs[i] ? 1 : 0;
                equal += x == xs[i] ? 1 : 0;
            }
            r[i] = below + (equal + 1) / 2.0;
        }
        return r;
    }
}
