package org.optim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    /** One complete run of one arm: the smallest runs folder a report can be made of. */
    private Path runs(String runJsonStatus) throws IOException {
        Path runs = tmp.resolve("runs");
        Path exp = runs.resolve("tiny");
        Files.createDirectories(exp);
        Files.writeString(exp.resolve("manifest.json"), "{\"name\": \"tiny\", \"title\": \"Tiny\"}\n");
        Path run = exp.resolve("adam/0123456789ab/seed-1");
        Files.createDirectories(run);
        Files.writeString(run.resolve("run.json"), "{\"format\": \"optim-run/1\", \"experiment\": \"tiny\", \"arm\": \"adam\", "
                + "\"configId\": \"0123456789ab\", \"seed\": 1, \"status\": " + runJsonStatus + ", \"epochsCompleted\": 2, \"diverged\": null}\n");
        Files.writeString(run.resolve("metrics.csv"), "epoch,train_loss,val_accuracy\n0,2.3,0.1\n1,0.5,0.9\n2,0.3,0.95\n");
        return runs;
    }

    private String[] run(String... args) {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new String[] {Integer.toString(status), errBytes.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(err);
            System.setOut(out);
        }
    }

    @Test
    void writesTheReport() throws IOException {
        Path runs = runs("\"complete\"");
        Path out = tmp.resolve("report");
        String[] r = run("report", "--runs", runs.toString(), "--out", out.toString());
        assertThat(r[0]).isEqualTo("0");
        assertThat(Files.readString(out.resolve("index.html"))).contains("Tiny", "val_accuracy");
        assertThat(out.resolve("tables/tiny/summary.csv")).exists();
    }

    @Test
    void malformedRunJsonIsOneLineNamingTheFile() throws IOException {
        Path runs = runs("complete");
        String[] r = run("report", "--runs", runs.toString(), "--out", tmp.resolve("report").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1].strip()).doesNotContain("\n").contains("seed-1/run.json", "line 1", "malformed JSON");
    }

    @Test
    void badStatusNamesThePointer() throws IOException {
        Path runs = runs("\"finished\"");
        String[] r = run("report", "--runs", runs.toString(), "--out", tmp.resolve("report").toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1].strip()).doesNotContain("\n").contains("run.json: /status: expected complete, diverged or incomplete, got 'finished'");
    }

    @Test
    void unknownMetricAndMissingFolderExitTwo() throws IOException {
        Path runs = runs("\"complete\"");
        String[] metric = run("report", "--runs", runs.toString(), "--out", tmp.resolve("r").toString(), "--metric", "top5");
        assertThat(metric[0]).isEqualTo("2");
        assertThat(metric[1].strip()).doesNotContain("\n").contains("unknown metric 'top5'");
        String[] missing = run("report", "--runs", tmp.resolve("nowhere").toString());
        assertThat(missing[0]).isEqualTo("2");
        assertThat(missing[1]).contains("nowhere: no such runs folder");
    }
}
