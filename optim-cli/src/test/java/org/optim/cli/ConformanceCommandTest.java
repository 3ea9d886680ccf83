package org.optim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optim conformance}: output lines, closing count and exit status. */
class ConformanceCommandTest {
    private static final Path REFERENCE = Path.of(System.getProperty("optim.root", "..")).resolve("reference");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedOut;
    private PrintStream savedErr;

    @BeforeEach
    void capture() {
        savedOut = System.out;
        savedErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(savedOut);
        System.setErr(savedErr);
    }

    private List<String> stdout() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void copy(String name) throws IOException {
        Files.copy(REFERENCE.resolve(name), dir.resolve(name));
    }

    @Test
    void passingFilesPrintOneLinePerModeInSortedOrderAndExitZero() throws IOException {
        copy("sgd-plain-rosenbrock-f64.json");
        copy("adam-quadratic-f32.json");
        Files.writeString(dir.resolve("README.md"), "not a case");

        assertThat(Main.run("conformance", dir.toString())).isZero();

        List<String> lines = stdout();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).matches("adam-quadratic-f32 +recorded +params abs \\S+ rel \\S+  state abs \\S+ rel \\S+  PASS");
        assertThat(lines.get(1)).matches("adam-quadratic-f32 +closed-loop +params abs .* grads abs \\S+ rel \\S+  PASS");
        assertThat(lines.get(2)).startsWith("sgd-plain-rosenbrock-f64 ").contains(" recorded ").endsWith("PASS");
        assertThat(lines.get(3)).startsWith("sgd-plain-rosenbrock-f64 ").contains(" closed-loop ").endsWith("PASS");
        assertThat(lines.get(4)).isEqualTo("4 passed, 0 failed");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Exception");
    }

    @Test
    void aFileWithAnUnknownOptimizerFailsAndTheExitStatusIsOne() throws IOException {
        copy("sgd-plain-rosenbrock-f64.json");
        String text = Files.readString(REFERENCE.resolve("adam-quadratic-f64.json"))
                .replaceFirst("\"name\": \"adam\"", "\"name\": \"lion\"");
        assertThat(text).contains("\"lion\"");
        Files.writeString(dir.resolve("adam-quadratic-f64.json"), text);

        assertThat(Main.run("conformance", dir.toString())).isEqualTo(1);

        List<String> lines = stdout();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).contains("FAIL: adam-quadratic-f64.json: /optimizer/name: unknown optimizer \"lion\"");
        assertThat(lines.get(1)).contains("FAIL: adam-quadratic-f64.json: /optimizer/name");
        assertThat(lines.get(4)).isEqualTo("2 passed, 2 failed");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMalformedFileFailsWithoutAStackTrace() throws IOException {
        Files.writeString(dir.resolve("broken-f64.json"), "{\"format\": \"optim-reference/1\",");

        assertThat(Main.run("conformance", dir.toString())).isEqualTo(1);

        assertThat(stdout()).first().asString().contains("FAIL: broken-f64.json: invalid JSON at line 1");
        assertThat(stdout()).last().isEqualTo("0 passed, 2 failed");
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("Exception");
    }

    @Test
    void aMissingFolderIsAnInputError() {
        Path missing = dir.resolve("nowhere");

        assertThat(Main.run("conformance", missing.toString())).isEqualTo(2);

        assertThat(stdout()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                .containsExactly("optim conformance: " + missing + ": no such folder");
    }

    @Test
    void aFolderWithoutReferenceFilesIsAnInputError() {
        assertThat(Main.run("conformance", dir.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("optim conformance: no *.json reference files in");
    }
}
