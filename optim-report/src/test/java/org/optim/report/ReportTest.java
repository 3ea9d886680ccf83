package org.optim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
    @TempDir
    static Path tmp;
    static Path runs;
    static Path out;
    static String html;

    @BeforeAll
    static void generate() throws IOException {
        runs = RunLogFixture.write(tmp.resolve("runs"));
        out = tmp.resolve("report");
        new Report(null).write(runs, out);
        html = Files.readString(out.resolve("index.html"));
    }

    @Test
    void tableIiIsReadBackFromTheRunLogs() throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("tables/table-ii.csv"));
        assertThat(lines.get(0)).isEqualTo("epoch,arm,paper,mean,std,n,delta");
        // Rows: epochs 10, 20 and the last; columns in the manifest's order (sam, adamp, expectigrad), then the rest.
        assertThat(lines.subList(1, 5)).extracting(l -> l.split(",", -1)[1])
                .containsExactly("sam", "adamp", "expectigrad", "\"" + RunLogFixture.HOSTILE_ARM.replace("\"", "\"\"") + "\"");
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = csvCells(line);
            int epoch = Integer.parseInt(cells.get(0));
            String arm = cells.get(1);
            List<Double> values = RunLogFixture.readBack(runs.resolve("mnist-paper"), arm, "test_accuracy", epoch);
            assertThat(Integer.parseInt(cells.get(5))).as(line).isEqualTo(values.size());
            if (values.isEmpty()) {
                assertThat(cells.get(3)).as(line).isEmpty();
                continue;
            }
            double mean = values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
            double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            assertThat(Double.parseDouble(cells.get(3))).as(line).isCloseTo(mean, within(1e-12));
            assertThat(Double.parseDouble(cells.get(4))).as(line).isCloseTo(Math.sqrt(ss / (values.size() - 1)), within(1e-12));
            if (!cells.get(2).isEmpty()) {
                assertThat(Double.parseDouble(cells.get(6))).isCloseTo(mean - Double.parseDouble(cells.get(2)), within(1e-12));
            }
        }
        // SAM's seed 4 diverged: four seeds, not five; the all-diverged arm has no mean at all.
        assertThat(lines).contains("10,sam,0.41," + lines.get(1).split(",")[3] + "," + lines.get(1).split(",")[4] + ",4," + lines.get(1).split(",")[6]);
        assertThat(lines.get(4)).endsWith(",,,,0,");
        assertThat(Files.readString(out.resolve("tables/mnist-paper/table-ii.csv"))).isEqualTo(String.join("\n", lines) + "\n");
    }

    @Test
    void summaryCountsPaperValuesInsideTheReproducedRange() throws IOException {
        // 6 paper values (SAM, AdamP, Expectigrad at epochs 10 and 20); the fixture's curves are near 0.9-0.94:
        // only Expectigrad's 0.90 at epoch 20 can lie in a reproduced range, and it does not ([0.918, 0.922]).
        assertThat(html).contains("<tr><td class=\"text\">" + RunLogFixture.HOSTILE_TITLE.replace("&", "&amp;").replace("<", "&lt;")
                .replace(">", "&gt;").replace("\"", "&quot;") + "</td><td class=\"text\"><a href=\"#exp-mnist-paper-table-ii\">Table II &lt;accuracy&gt;</a></td>"
                + "<td class=\"text\"><code>test_accuracy</code></td><td>6</td><td>0</td>");
        assertThat(html.indexOf("id=\"reproduction\"")).isLessThan(html.indexOf("id=\"exp-mnist-paper\""));
        assertThat(Files.readAllLines(out.resolve("tables/reproduction.csv"))).hasSize(2).element(1).asString()
                .startsWith("mnist-paper,table-ii,test_accuracy,6,0,");
    }

    @Test
    void pageShowsDivergedArmsAsDiverged() {
        assertThat(html).contains("diverged (5 of 5 runs)");
        assertThat(html).contains("1 of 5 diverged, not averaged");
        assertThat(html).contains("<tr class=\"diverged\"><td class=\"text\"><code>sam/3f2a9c01b7de/seed-4</code>");
    }

    @Test
    void everythingFromAFileIsEscaped() {
        assertThat(html).doesNotContain("<script").doesNotContain("<img").doesNotContain("<b>markup");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;MNIST&quot;");
        assertThat(html).contains("&lt;img src=x onerror=alert(2)&gt;");
        assertThat(html).contains("x&lt;i&gt;&amp;&quot;y");
    }

    @Test
    void pageIsSelfContained() {
        assertThat(html).doesNotContain(" src=\"").doesNotContain("<link").doesNotContain("@import").doesNotContain("url(http");
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (hrefs.find()) {
            assertThat(hrefs.group(1)).matches("#[a-z0-9-]+|tables/[a-z0-9-]+(/[a-z0-9-]+)?\\.csv");
        }
        Matcher ids = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
        List<String> seen = new ArrayList<>();
        while (ids.find()) {
            assertThat(seen).as("duplicate id").doesNotContain(ids.group(1));
            seen.add(ids.group(1));
        }
        assertThat(html).contains("<section class=\"experiment\" id=\"exp-mnist-paper\">", "id=\"exp-toy-reddi\"", "id=\"exp-toy-rosenbrock\"");
        assertThat(html.indexOf("id=\"exp-mnist-paper\"")).isLessThan(html.indexOf("id=\"exp-toy-reddi\""));
    }

    @Test
    void figuresCoverCurvesOverlayDiagnosticsAndToys() {
        assertThat(count("<figure ")).isEqualTo(count("<svg"));
        assertThat(html).contains("sam: accuracy", "adamp: projection", "sam: sam", "expectigrad: expectigrad",
                "Trajectories on the angle plane", "r over steps", "x over steps", "regret over steps", "All arms: test_accuracy");
        assertThat(html.length()).as("page size").isLessThan(8_000_000);
    }

    @Test
    void paperClaimsAreSetAgainstTheRuns() throws IOException {
        List<String> claims = Files.readAllLines(out.resolve("tables/toy-rosenbrock/claims.csv"));
        assertThat(claims).hasSize(2);
        List<String> row = csvCells(claims.get(1));
        assertThat(row.subList(0, 6)).containsExactly("r-adamp", "adamp", "r", "1.0", "1.0", "1.12");
        double rEnd = 1 + 0.12 * (1 - Math.exp(-200 / 50.0));
        assertThat(row.get(6)).isEqualTo("10");
        assertThat(Double.parseDouble(row.get(7))).isEqualTo(rEnd);
        assertThat(html).contains("projection keeps r near 1.12");
    }

    @Test
    void reproduceCommandsSelectWhatTheRunsHold() {
        assertThat(html).contains("git checkout abc1234\nmvn -B -q -DskipTests package\n"
                + "bin/optim run RUNS/mnist-paper/manifest.json --runs NEW_RUNS   #");
        assertThat(html).contains("bin/optim run RUNS/toy-reddi/manifest.json --runs NEW_RUNS --seeds 0 --arms adam,expectigrad   #");
    }

    @Test
    void comparisonsSayWhenFiveSeedsCannotDecide() {
        assertThat(html).contains("indistinguishable at n = 4 (with 4 non-zero pairs the exact test cannot reach p &lt; 0.05");
        assertThat(Files.exists(out.resolve("tables/mnist-paper/comparisons.csv"))).isTrue();
    }

    @Test
    void sameRunsGiveByteIdenticalFilesInAnyLocaleAndFolder() throws IOException {
        Locale saved = Locale.getDefault();
        Path again = tmp.resolve("elsewhere/again");
        try {
            Locale.setDefault(Locale.GERMANY);
            new Report(null).write(copy(runs, tmp.resolve("elsewhere/runs")), again);
        } finally {
            Locale.setDefault(saved);
        }
        assertThat(files(again)).isEqualTo(files(out));
        for (String f : files(out)) {
            assertThat(Files.readAllBytes(again.resolve(f))).as(f).isEqualTo(Files.readAllBytes(out.resolve(f)));
        }
    }

    @Test
    void aMetricOnlySomeExperimentsLogAppliesToThose() throws IOException {
        String page = new Report("r").build(org.optim.report.runs.RunLogReader.read(runs)).html();
        assertThat(page).contains("Comparisons between arms: test_accuracy", "Comparisons between arms: r", "Comparisons between arms: train_loss");
    }

    @Test
    void unknownMetricIsAnErrorNamingIt() {
        assertThatThrownBy(() -> new Report("nope").write(runs, tmp.resolve("bad")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown metric 'nope'");
    }

    private static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }

    private static int count(String needle) {
        return html.split(Pattern.quote(needle), -1).length - 1;
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /** Splits one RFC 4180 line. */
    static List<String> csvCells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
