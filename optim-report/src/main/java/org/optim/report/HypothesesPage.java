package org.optim.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.optim.report.analysis.Hypotheses;
import org.optim.report.html.CsvFile;
import org.optim.report.html.Format;
import org.optim.report.html.Views;

/**
 * The report's hypotheses section and {@code tables/hypotheses.csv}: one row per hypothesis (the
 * baseline first) and per paper column, the paper's value against the reproduced mean at the table's
 * first, middle and last epochs (Table II: 10, 50, 100), the mean absolute difference over every
 * cell, the curve-shape comparison and the verdict, with the rules of {@link Hypotheses} stated on the
 * page.
 */
final class HypothesesPage {
    static final String CSV = "tables/hypotheses.csv";
    static final String ANCHOR = "hypotheses";

    private final Hypotheses hypotheses;

    HypothesesPage(Hypotheses hypotheses) {
        this.hypotheses = hypotheses;
    }

    /** The verdict rules as the page states them (the numbers come from {@link Hypotheses}). */
    static List<String> rules() {
        return List.of(
                "Each hypothesis is read against the paper's first table with that table's own metric (e.g. train_accuracy, Keras's running accuracy, for a model trained on the test images); "
                        + "reproduced = mean over the seeds that did not diverge.",
                "MAD: the mean absolute difference |reproduced - paper| over every cell of the table that has a reproduced value.",
                "Shape, only when every epoch of the column has a reproduced value: a paper column that spans at most " + plain(Hypotheses.FLAT)
                        + " is flat, and the shape matches when the reproduction also spans at most " + plain(Hypotheses.FLAT)
                        + "; otherwise the rise from the first to the last epoch must have the paper's sign and lie within a factor of "
                        + plain(Hypotheses.RISE_FACTOR) + " of the paper's rise, and Spearman's rank correlation with the paper's values must be at least "
                        + plain(Hypotheses.MIN_SPEARMAN) + ".",
                "Verdict per column: \u201c" + Hypotheses.Verdict.VALUES.spelling() + "\u201d when the shape matches and MAD \u2264 "
                        + plain(Hypotheses.VALUE_TOLERANCE) + " (the paper prints two decimals); \u201c" + Hypotheses.Verdict.SHAPE.spelling()
                        + "\u201d when the shape matches with a larger MAD; \u201c" + Hypotheses.Verdict.NONE.spelling() + "\u201d otherwise; \u201c"
                        + Hypotheses.Verdict.INCOMPLETE.spelling() + "\u201d while some epoch has no run.",
                "Verdict of a hypothesis: the weakest of its columns' (values > shape only > does not reproduce); incomplete if any column is.");
    }

    Views.HypothesesModel view() {
        List<Views.HypothesisRow> rows = new ArrayList<>();
        for (Hypotheses.Row row : hypotheses.rows()) {
            List<Views.HypothesisArm> arms = new ArrayList<>();
            for (Hypotheses.ArmResult a : row.arms()) {
                List<Views.HypothesisValue> values = new ArrayList<>();
                for (int k : shown(a.epochs().length)) {
                    values.add(new Views.HypothesisValue(Long.toString(a.epochs()[k]), Format.num(a.paper()[k]),
                            Double.isNaN(a.mean()[k]) ? "" : Format.num(a.mean()[k])));
                }
                Hypotheses.Shape s = a.shape();
                String shape = s == null ? "" : s.matches() ? "yes" : "no";
                String detail = s == null ? a.cells() + " of " + a.epochs().length + " epochs reached"
                        : s.flatPaper() ? "paper flat; reproduced spread " + Format.num(s.spread())
                        : "rise " + Format.num(s.rise()) + " vs " + Format.num(s.paperRise()) + ", Spearman " + Format.num(s.spearman());
                arms.add(new Views.HypothesisArm(a.label(), values, lastN(a), Format.num(a.mad()), shape, detail,
                        a.verdict().spelling(), css(a.verdict())));
            }
            rows.add(new Views.HypothesisRow(row.name(), row.baseline(), row.change(), row.table().title(), row.table().metric(),
                    Format.num(row.mad()), Integer.toString(row.cells()), row.verdict().spelling(), css(row.verdict()), arms));
        }
        return new Views.HypothesesModel(ANCHOR, rules(), rows, new Views.Link(CSV, CSV));
    }

    CsvFile csv() {
        CsvFile.Builder csv = new CsvFile.Builder(CSV, "hypothesis", "baseline", "change", "table", "metric", "series", "paper_column",
                "epoch_first", "paper_first", "mean_first", "epoch_middle", "paper_middle", "mean_middle", "epoch_last", "paper_last", "mean_last",
                "n_last", "mad", "cells", "paper_rise", "rise", "spearman", "shape_matches", "verdict", "hypothesis_mad", "hypothesis_verdict");
        for (Hypotheses.Row row : hypotheses.rows()) {
            for (Hypotheses.ArmResult a : row.arms()) {
                List<String> cells = new ArrayList<>(List.of(row.name(), row.baseline(), row.change(), row.table().id(), row.table().metric(),
                        a.series().label(), a.column().arm()));
                int[] shown = shown(a.epochs().length);
                for (int j = 0; j < 3; j++) {
                    boolean has = j < shown.length;
                    cells.add(has ? Long.toString(a.epochs()[shown[j]]) : "");
                    cells.add(has ? Format.csv(a.paper()[shown[j]]) : "");
                    cells.add(has ? Format.csv(a.mean()[shown[j]]) : "");
                }
                Hypotheses.Shape s = a.shape();
                cells.addAll(List.of(lastN(a), Format.csv(a.mad()), Integer.toString(a.cells()),
                        s == null ? "" : Format.csv(s.paperRise()), s == null ? "" : Format.csv(s.rise()), s == null ? "" : Format.csv(s.spearman()),
                        s == null ? "" : Boolean.toString(s.matches()), a.verdict().spelling(), Format.csv(row.mad()), row.verdict().spelling()));
                csv.row(cells.toArray(String[]::new));
            }
        }
        return csv.build();
    }

    /** The first, middle and last index of {@code length} epochs (fewer when there are fewer epochs). */
    static int[] shown(int length) {
        if (length <= 3) {
            int[] all = new int[length];
            for (int i = 0; i < length; i++) {
                all[i] = i;
            }
            return all;
        }
        return new int[] {0, (length - 1) / 2, length - 1};
    }

    /** A rule's constant as written in the code: 0.02, 2, 0.8. */
    static String plain(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    private static String lastN(Hypotheses.ArmResult a) {
        return a.n().length == 0 ? "0" : Integer.toString(a.n()[a.n().length - 1]);
    }

    private static String css(Hypotheses.Verdict v) {
        return switch (v) {
            case VALUES -> "yes";
            case SHAPE -> "partial";
            case NONE -> "no";
            case INCOMPLETE -> "";
        };
    }
}
