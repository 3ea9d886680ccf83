package org.optim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optim.report.runs.Experiment;
import org.optim.report.runs.RunLog;
import org.optim.report.runs.RunLogException;
import org.optim.report.runs.RunLogReader;

class RunLogReaderTest {
    @TempDir
    Path tmp;

    private Path experiment() {
        Path exp = tmp.resolve("runs/e");
        RunLogFixture.file(exp.resolve("manifest.json"), "{\"name\": \"e\"}");
        return exp;
    }

    private static final String METRICS = "epoch,train_loss\n0,2.0\n1,1.0\n";

    @Test
    void seedsAreInNumericOrderAndArmsInNameOrder() {
        Path exp = experiment();
        for (int seed : new int[] {10, 2, 1}) {
            RunLogFixture.run(exp, "b", "c0", seed, "complete", 1, "null", METRICS, null);
        }
        Path incomplete = RunLogFixture.run(exp, "a", "c0", 3, "incomplete", 1, "null", METRICS, null);
        RunLogFixture.file(incomplete.resolve("checkpoint.bin"), "binary");
        RunLogFixture.file(incomplete.resolve(".lock"), "");
        RunLogFixture.file(incomplete.resolve(".metrics.csv123.tmp"), "partial,");
        RunLogFixture.file(tmp.resolve("runs/.trash/x.txt"), "");
        List<Experiment> read = RunLogReader.read(tmp.resolve("runs"));
        assertThat(read.get(0).runs()).extracting(RunLog::id).containsExactly("a/c0/seed-3", "b/c0/seed-1", "b/c0/seed-2", "b/c0/seed-10");
        assertThat(read.get(0).runs().get(0).status()).isEqualTo(RunLog.Status.INCOMPLETE);
    }

    @Test
    void seriesAreLabelledByGridPoint() {
        Path exp = experiment();
        Path a = RunLogFixture.run(exp, "sgd", "c1", 0, "complete", 1, "null", METRICS, null);
        Path b = RunLogFixture.run(exp, "sgd", "c2", 0, "complete", 1, "null", METRICS, null);
        Path c = RunLogFixture.run(exp, "sgd", "c3", 0, "complete", 1, "null", METRICS, null);
        RunLogFixture.run(exp, "adam", "c9", 0, "complete", 1, "null", METRICS, null);
        for (Path[] p : new Path[][] {{a}, {b}, {c}}) {
            String id = p[0].getParent().getFileName().toString();
            RunLogFixture.file(p[0].resolve("run.json"), RunLogFixture.runJson("e", "sgd", id, 0, "complete", 1, "null")
                    .replace("\"grid\": {}", "\"grid\": {\"lr\": " + (id.equals("c3") ? "0.1" : "0.01") + "}"));
        }
        List<org.optim.report.analysis.Series> series = org.optim.report.analysis.Series.of(RunLogReader.read(tmp.resolve("runs")).get(0).runs());
        assertThat(series).extracting(org.optim.report.analysis.Series::label)
                .containsExactly("adam", "sgd [lr=0.01, c1]", "sgd [lr=0.01, c2]", "sgd [lr=0.1]");
    }

    @Test
    void runJsonMustMatchItsFolder() {
        Path exp = experiment();
        Path run = RunLogFixture.run(exp, "a", "c0", 1, "complete", 1, "null", METRICS, null);
        RunLogFixture.file(run.resolve("run.json"), RunLogFixture.runJson("e", "other", "c0", 1, "complete", 1, "null"));
        assertThatThrownBy(() -> RunLogReader.read(tmp.resolve("runs"))).isInstanceOf(RunLogException.class)
                .hasMessage(run.resolve("run.json") + ": /arm: 'other' does not match its folder 'a'");
    }

    @Test
    void divergedRunNeedsItsEpoch() {
        Path exp = experiment();
        Path run = RunLogFixture.run(exp, "a", "c0", 1, "diverged", 1, "{\"step\": 3}", METRICS, null);
        assertThatThrownBy(() -> RunLogReader.read(tmp.resolve("runs")))
                .hasMessage(run.resolve("run.json") + ": /diverged/epoch: missing");
    }

    @Test
    void metricsErrorsNameLineAndColumn() throws IOException {
        Path exp = experiment();
        Path run = RunLogFixture.run(exp, "a", "c0", 1, "complete", 1, "null", "epoch,train_loss\n0,2.0\n1,abc\n", null);
        assertThatThrownBy(() -> RunLogReader.read(tmp.resolve("runs")))
                .hasMessage(run.resolve("metrics.csv") + ": line 3, column 'train_loss': not a number: 'abc'");
        Files.writeString(run.resolve("metrics.csv"), "epoch,train_loss\n0,2.0\n0,1.0\n");
        assertThatThrownBy(() -> RunLogReader.read(tmp.resolve("runs"))).hasMessageContaining("line 3, column 'epoch': must be an integer greater");
        Files.writeString(run.resolve("metrics.csv"), "epoch,train_loss\n0,2.0\n1\n");
        assertThatThrownBy(() -> RunLogReader.read(tmp.resolve("runs"))).hasMessageContaining("line 3: expected 2 cells, got 1");
        Files.writeString(run.resolve("metrics.csv"), "epoch,train_loss\n0,2.0\n");
        assertThatThrownBy(() -> RunLogReader.read(tmp.resolve("runs"))).hasMessageContaining("last epoch 0 but run.json says epochsCompleted 1");
    }

    @Test
    void emptyCellsAreValuesARowDoesNotHave() throws IOException {
        Path exp = experiment();
        Path run = RunLogFixture.run(exp, "a", "c0", 1, "complete", 1, "null", "epoch,train_loss,grad_norm\n0,2.0,\n1,1.0,0.5\n", null);
        RunLog read = RunLogReader.read(tmp.resolve("runs")).get(0).runs().get(0);
        assertThat(read.metrics().column("grad_norm")[0]).isNaN();
        org.optim.report.analysis.Series s = org.optim.report.analysis.Series.of(List.of(read)).get(0);
        assertThat(s.values("grad_norm", 0)).isEmpty();
        assertThat(s.values("grad_norm", 1)).containsExactly(0.5);
        Files.writeString(run.resolve("metrics.csv"), "epoch,train_loss\n0,2.0\n,1.0\n");
        assertThatThrownBy(() -> RunLogReader.read(tmp.resolve("runs"))).hasMessageContaining("line 3, column 'epoch': not a number: ''");
    }

    @Test
    void paperTableErrorsNameThePointer() {
        Path exp = experiment();
        RunLogFixture.run(exp, "a", "c0", 1, "complete", 1, "null", METRICS, null);
        RunLogFixture.file(exp.resolve("manifest.json"), "{\"name\": \"e\", \"arms\": [{\"name\": \"a\"}], \"paper\": {\"tables\": ["
                + "{\"id\": \"t\", \"metric\": \"train_loss\", \"rows\": [{\"epoch\": 1, \"values\": {\"a\": 1, \"zzz\": 2}}]}]}}");
        assertThatThrownBy(() -> new Report(null).build(RunLogReader.read(tmp.resolve("runs"))))
                .hasMessage(exp.resolve("manifest.json") + ": /paper/tables/0/rows: values for arms the manifest does not have: zzz");
        RunLogFixture.file(exp.resolve("manifest.json"), "{\"name\": \"e\", \"arms\": [{\"name\": \"a\"}], \"paper\": {\"tables\": ["
                + "{\"id\": \"t\", \"metric\": \"top5\", \"rows\": [{\"epoch\": 1, \"values\": {\"a\": 1}}]}]}}");
        assertThatThrownBy(() -> new Report(null).build(RunLogReader.read(tmp.resolve("runs"))))
                .hasMessageStartingWith(exp.resolve("manifest.json") + ": /paper/tables/0/metric: unknown metric 'top5'");
        RunLogFixture.file(exp.resolve("manifest.json"), "{\"name\": \"e\", \"paper\": {\"tables\": [{\"id\": \"../x\"}]}}");
        assertThatThrownBy(() -> new Report(null).build(RunLogReader.read(tmp.resolve("runs"))))
                .hasMessageContaining("/paper/tables/0/id: must be a slug");
    }

    @Test
    void aPaperColumnWithoutRunsIsShownAsSuch() {
        Path exp = experiment();
        RunLogFixture.run(exp, "a", "c0", 1, "complete", 1, "null", METRICS, null);
        RunLogFixture.file(exp.resolve("manifest.json"), "{\"name\": \"e\", \"arms\": [{\"name\": \"b\", \"label\": \"B\"}, {\"name\": \"a\"}], "
                + "\"paper\": {\"tables\": [{\"id\": \"t\", \"metric\": \"train_loss\", \"rows\": [{\"epoch\": 1, \"values\": {\"a\": 1.5, \"b\": 2}}]}]}}");
        Report.Output out = new Report(null).build(RunLogReader.read(tmp.resolve("runs")));
        String csv = out.tables().stream().filter(t -> t.path().equals("tables/t.csv")).findFirst().orElseThrow().text();
        assertThat(csv).isEqualTo("epoch,arm,paper,mean,std,n,delta\n1,b,2.0,,,0,\n1,a,1.5,1.0,,1,-0.5\n");
        assertThat(out.html()).contains("no runs", "<th colspan=\"4\">B</th>");
    }

    @Test
    void emptyOrMissingFoldersAreErrors() throws IOException {
        assertThatThrownBy(() -> RunLogReader.read(tmp.resolve("none"))).hasMessageEndingWith("none: no such runs folder");
        Files.createDirectories(tmp.resolve("runs"));
        assertThatThrownBy(() -> RunLogReader.read(tmp.resolve("runs"))).hasMessageContaining("no experiments");
        Files.createDirectories(tmp.resolve("runs/x"));
        assertThatThrownBy(() -> RunLogReader.read(tmp.resolve("runs"))).hasMessageContaining("experiment folder without manifest.json");
    }
}
