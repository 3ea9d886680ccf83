package org.optim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optim.report.analysis.Hypotheses;
import org.optim.report.analysis.Hypotheses.Verdict;
import org.optim.report.analysis.PaperTable;
import org.optim.report.analysis.Series;

class HypothesesTest {
    private static final double[] SAM = {0.41, 0.56, 0.63, 0.69, 0.74, 0.78, 0.79, 0.81, 0.81, 0.81};
    private static final double[] EXPECTIGRAD = {0.89, 0.90, 0.90, 0.90, 0.90, 0.90, 0.90, 0.90, 0.90, 0.90};
    private static final long[] EPOCHS = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
    private static final String HOSTILE = "<b onmouseover=alert(1)>raw & \"pixels\"</b>";

    @TempDir
    Path tmp;

    private static Verdict verdict(double[] paper, double[] mean) {
        int[] n = new int[paper.length];
        java.util.Arrays.fill(n, 1);
        return Hypotheses.judge(new Series("a", "a", List.of()), "a", new PaperTable.Column("A", "a"), EPOCHS, paper, mean, n).verdict();
    }

    private static double[] map(double[] xs, IntToDoubleFunction f) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = f.applyAsDouble(i);
        }
        return out;
    }

    @Test
    void verdictRuleKnownAnswers() {
        assertThat(verdict(SAM, map(SAM, i -> SAM[i] + 0.01))).isEqualTo(Verdict.VALUES);
        assertThat(verdict(SAM, map(SAM, i -> SAM[i] - 0.06))).as("MAD 0.06 > 0.05").isEqualTo(Verdict.SHAPE);
        // Half the paper's rise (0.40 -> 0.20) is still within a factor of 2; just under half is not.
        assertThat(verdict(SAM, map(SAM, i -> 0.5 * SAM[i] + 0.4))).isEqualTo(Verdict.SHAPE);
        assertThat(verdict(SAM, map(SAM, i -> 0.49 * SAM[i] + 0.4))).isEqualTo(Verdict.NONE);
        // A correct implementation: 98% from epoch 10 on, slightly rising. No rise to speak of: not the paper's shape.
        assertThat(verdict(SAM, map(SAM, i -> 0.980 + 0.0005 * i))).isEqualTo(Verdict.NONE);
        // The same curve is flat within 0.02, as the paper's Expectigrad column is: shape only (MAD 0.08).
        assertThat(verdict(EXPECTIGRAD, map(SAM, i -> 0.980 + 0.0005 * i))).isEqualTo(Verdict.SHAPE);
        assertThat(verdict(EXPECTIGRAD, map(SAM, i -> 0.899 + 0.001 * (i % 2)))).isEqualTo(Verdict.VALUES);
        assertThat(verdict(EXPECTIGRAD, map(SAM, i -> 0.87 + 0.003 * i))).as("spread 0.027 > 0.02").isEqualTo(Verdict.NONE);
        // The right rise in the wrong order (falls, then jumps at the end): Spearman below 0.8.
        double[] zigzag = {0.60, 0.58, 0.56, 0.54, 0.52, 0.50, 0.48, 0.46, 0.44, 0.90};
        assertThat(Hypotheses.spearman(SAM, zigzag)).isLessThan(Hypotheses.MIN_SPEARMAN);
        assertThat(verdict(SAM, zigzag)).isEqualTo(Verdict.NONE);
        // A falling curve against a rising column.
        assertThat(verdict(SAM, map(SAM, i -> 1.2 - SAM[i]))).isEqualTo(Verdict.NONE);
        // Epoch 100 not reached: no shape judgement.
        double[] partial = map(SAM, i -> i == 9 ? Double.NaN : SAM[i]);
        assertThat(verdict(SAM, partial)).isEqualTo(Verdict.INCOMPLETE);
    }

    @Test
    void spearmanUsesAverageRanksForTies() {
        assertThat(Hypotheses.spearman(new double[] {1, 2, 3}, new double[] {3, 2, 1})).isEqualTo(-1.0);
        // x ranks 1, 2.5, 2.5, 4; y ranks 1, 2, 3, 4: rho = 4.5 / sqrt(4.5 * 5).
        assertThat(Hypotheses.spearman(new double[] {0.1, 0.5, 0.5, 0.9}, new double[] {1, 2, 3, 4}))
                .isCloseTo(4.5 / Math.sqrt(4.5 * 5), within(1e-15));
        assertThat(Hypotheses.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})).isNaN();
    }

    /**
     * Run logs in a temporary folder: a baseline whose table is read on test_accuracy (a correct
     * implementation's curves) with an arm hypothesis read against another arm's column, and a
     * hypothesis read on train_accuracy, whose train_accuracy follows the paper and whose
     * test_accuracy does not. The page and the CSV must use each experiment's own table metric.
     */
    @Test
    void rowsFromRunLogsUseEachTablesOwnMetric() throws IOException {
        Path runs = tmp.resolve("runs");
        experiment(runs, "mnist-paper", "", "none: the protocol as read", "test_accuracy");
        experiment(runs, "hyp-raw", "mnist-paper", HOSTILE, "train_accuracy");
        Path out = tmp.resolve("report");
        Report.Output output = new Report(null).write(runs, out);

        String csv = Files.readString(out.resolve(HypothesesPage.CSV));
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("hypothesis,baseline,change,table,metric,series,paper_column,epoch_first,paper_first,mean_first,"
                + "epoch_middle,paper_middle,mean_middle,epoch_last");
        // Baseline (2 columns), its arm hypothesis (1), then the hypothesis experiment (2).
        assertThat(lines).hasSize(6);
        assertThat(lines.subList(1, 6)).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("mnist-paper", "mnist-paper", "mnist-paper/sam-adam", "hyp-raw", "hyp-raw");
        assertThat(lines.get(1)).contains(",test_accuracy,sam-sgd,sam-sgd,10,0.41,0.98,50,0.74,0.98,100,0.81,0.98,1,")
                .contains(",false,does not reproduce,").endsWith(",does not reproduce");
        // MAD over both columns' 20 cells: sum |0.98 - SAM| = 2.77, sum |0.98 - Expectigrad| = 0.81.
        String[] first = lines.get(1).split(",");
        assertThat(Double.parseDouble(first[first.length - 2])).isCloseTo((2.77 + 0.81) / 20, within(1e-12));
        assertThat(Double.parseDouble(first[17])).isCloseTo(2.77 / 10, within(1e-12));
        assertThat(lines.get(2)).contains(",expectigrad,expectigrad,").contains(",true,reproduces shape only,");
        assertThat(lines.get(3)).contains(",sam-adam,sam-sgd,10,0.41,0.985,");
        assertThat(lines.get(4)).contains(",train_accuracy,sam-sgd,sam-sgd,10,0.41,0.41,50,0.74,0.74,100,0.81,0.81,1,0.0,10,")
                .endsWith(",reproduces values,0.0,reproduces values");

        // tables/table-ii.csv is the baseline's Table II, although hyp-raw (a re-reading) sorts first.
        assertThat(Files.readAllLines(out.resolve("tables/table-ii.csv"))).contains("10,sam-sgd,0.41,0.98,,1,0.5700000000000001")
                .isEqualTo(Files.readAllLines(out.resolve("tables/mnist-paper/table-ii.csv")));

        String html = output.html();
        assertThat(html).contains("<section id=\"hypotheses\">", "href=\"#hypotheses\"", "reproduces values", "does not reproduce",
                "within a factor of 2 of", "at least 0.8.", "MAD \u2264 0.05 ", "spans at most 0.02 is flat");
        assertThat(html).doesNotContain(HOSTILE).contains("&lt;b onmouseover=alert(1)&gt;raw &amp; &quot;pixels&quot;&lt;/b&gt;");
        assertThat(html.indexOf("data-hypothesis=\"mnist-paper\"")).isLessThan(html.indexOf("data-hypothesis=\"hyp-raw\""));
    }

    @Test
    void noHypothesesNoSection() throws IOException {
        Path runs = tmp.resolve("runs");
        experiment(runs, "plain", null, null, "test_accuracy");
        Path out = tmp.resolve("report");
        Report.Output output = new Report(null).write(runs, out);
        assertThat(output.html()).doesNotContain("id=\"hypotheses\"");
        assertThat(Files.exists(out.resolve(HypothesesPage.CSV))).isFalse();
    }

    /**
     * One seed per arm, epochs 0..100. sam-sgd and expectigrad follow a correct implementation on
     * test_accuracy (0.98, and 0.985 for sam-adam) and the paper on train_accuracy. {@code baseline}
     * null: no hypothesis at all.
     */
    private static void experiment(Path runs, String name, String baseline, String change, String metric) {
        Path dir = runs.resolve(name);
        StringBuilder rows = new StringBuilder();
        for (int r = 0; r < EPOCHS.length; r++) {
            rows.append(r == 0 ? "" : ",").append(String.format(Locale.ROOT,
                    "{\"epoch\": %d, \"values\": {\"sam-sgd\": %s, \"expectigrad\": %s}}", EPOCHS[r], SAM[r], EXPECTIGRAD[r]));
        }
        String hypothesis = baseline == null ? "" : "\"hypothesis\": {" + (baseline.isEmpty() ? "" : "\"baseline\": \"" + baseline + "\", ")
                + "\"change\": \"" + RunLogFixture.json(change) + "\"},";
        String armHypothesis = baseline != null && baseline.isEmpty()
                ? ", \"hypothesis\": {\"change\": \"Adam as SAM's base\", \"column\": \"sam-sgd\"}" : "";
        RunLogFixture.file(dir.resolve("manifest.json"), """
                {"name": "%s", "title": "%s", %s
                 "arms": [{"name": "sam-sgd", "label": "SAM (SGD)"}, {"name": "sam-adam", "label": "SAM (Adam)"%s},
                          {"name": "expectigrad", "label": "Expectigrad"}],
                 "paper": {"citation": "the paper", "tables": [{"id": "table-ii", "caption": "Table II", "metric": "%s", "rows": [%s]}]}}
                """.formatted(name, name, hypothesis, armHypothesis, metric, rows));
        for (String arm : List.of("sam-sgd", "sam-adam", "expectigrad")) {
            StringBuilder csv = new StringBuilder("epoch,step,train_accuracy,test_accuracy\n");
            for (int e = 0; e <= 100; e++) {
                double paperLike = e < 10 ? 0.1 : arm.equals("expectigrad") ? EXPECTIGRAD[e / 10 - 1] : SAM[e / 10 - 1];
                double correct = e == 0 ? 0.1 : arm.equals("sam-adam") ? 0.985 : 0.98;
                csv.append(e).append(',').append(e * 79).append(',').append(paperLike).append(',').append(correct).append('\n');
            }
            RunLogFixture.run(dir, arm, "cccccccccccc", 1, "complete", 100, "null", csv.toString(), null);
        }
    }
}
