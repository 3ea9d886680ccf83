package org.optim.report.html;

import java.util.List;
import org.optim.report.figures.Figure;

/**
 * The view-models the templates render: records of strings, already formatted, so the templates do
 * no arithmetic and no number formatting. Every string here may have come from a file; the
 * {@code .ftlh} templates escape them all (only {@link Figure#svg()} is inserted raw).
 */
public final class Views {
    private Views() {
    }

    /** The whole page; {@code hypotheses} is null when no experiment is a hypothesis. */
    public record ReportView(String title, List<ReproductionRow> reproduction, HypothesesModel hypotheses, List<ExperimentView> experiments,
            List<Link> tables) {
    }

    /**
     * How well one experiment reproduces one paper table, for the summary at the top of the page
     * (and for comparing experiments that each change one thing of the paper's protocol).
     *
     * @param compared paper values with at least one reproduced value
     * @param inRange  of those, how many lie in the reproduced [min, max]
     * @param missing  paper values with nothing reproduced (no run reached the epoch, or all diverged)
     */
    public record ReproductionRow(String anchor, String experiment, String table, String metric, String compared,
            String inRange, String meanAbsDelta, String maxAbsDelta, String missing) {
    }

    /**
     * Every hypothesis about the paper's numbers against the paper's table.
     *
     * @param rules the verdict rules, one sentence each
     */
    public record HypothesesModel(String anchor, List<String> rules, List<HypothesisRow> rows, Link csv) {
    }

    /**
     * One hypothesis: its own cells, then one {@link HypothesisArm} per paper column.
     *
     * @param verdict the spelling; {@code verdictClass} a CSS class (yes, no, partial, "")
     */
    public record HypothesisRow(String name, String baseline, String change, String table, String metric, String mad,
            String cells, String verdict, String verdictClass, List<HypothesisArm> arms) {
    }

    /** One series against one paper column: paper and reproduced values at the first, middle and last epochs. */
    public record HypothesisArm(String label, List<HypothesisValue> values, String n, String mad, String shape,
            String shapeDetail, String verdict, String verdictClass) {
    }

    /** The paper's value and the reproduced mean at one epoch ("" when no run reached it). */
    public record HypothesisValue(String epoch, String paper, String reproduced) {
    }

    /** One experiment: a section per {@link SectionView}, in order. */
    public record ExperimentView(String anchor, String name, String title, String description, List<SectionView> sections) {
    }

    /**
     * One section of an experiment. The template {@code sections/<kind>.ftlh} renders {@code model};
     * a new kind of section (hypotheses, loss landscapes) is a new record and a new template.
     */
    public record SectionView(String kind, String anchor, String title, Object model) {
    }

    public record Link(String href, String text) {
    }

    /** The runs of an experiment. */
    public record OverviewModel(String description, String counts, String metric, List<RunRow> runs, List<Link> tables) {
    }

    public record RunRow(String id, String series, String configId, String seed, String status, String epochs, String divergedAt) {
    }

    /** A paper table next to its reproduction. */
    public record PaperTableModel(String tableId, String caption, String metric, List<String> labels, List<String> arms,
            List<PaperRow> rows, Link csv) {
    }

    public record PaperRow(String epoch, List<PaperCell> cells) {
    }

    /**
     * @param inRange "yes", "no", or "" when there is nothing to compare
     * @param note    diverged runs left out, or why the cell is empty
     */
    public record PaperCell(String arm, String paper, String mean, String std, String n, String delta, String ci,
            String range, String inRange, String note) {
    }

    /** The paper's single-number claims against the runs. */
    public record ClaimsModel(List<ClaimRow> rows, Link csv) {
    }

    public record ClaimRow(String text, String series, String metric, String paperStart, String start, String paperEnd,
            String endEpoch, String end, String delta, String n, String inRange) {
    }

    /** Per-series statistics of one metric at the reported epochs. */
    public record SummaryModel(String metric, List<SummaryRow> rows, Link csv) {
    }

    public record SummaryRow(String epoch, String series, String n, String mean, String std, String min, String max,
            String ci, String diverged) {
    }

    /** Pairwise comparisons. */
    public record ComparisonModel(String metric, String note, List<ComparisonRow> rows, Link csv) {
    }

    public record ComparisonRow(String epoch, String a, String b, String pairs, String meanDiff, String wPlus, String p,
            String holmP, String welch, String verdict) {
    }

    /** A group of figures with an introduction. */
    public record FiguresModel(String intro, List<Figure> figures) {
    }

    /** Preformatted text (the manifest). */
    public record TextModel(String intro, String text) {
    }

    /** Where the runs came from and how to make them again. */
    public record ProvenanceModel(List<Fact> facts, List<Fact> data, List<String> runIds, List<String> commands) {
    }

    /** A name and its value(s): several values mean the runs disagree, which the page shows. */
    public record Fact(String name, List<String> values) {
    }
}
