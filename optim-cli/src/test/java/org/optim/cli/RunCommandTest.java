package org.optim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code optim validate} and {@code optim run} end to end, including kill -9 of a child JVM and resume. */
class RunCommandTest {
    private static final Path ROOT = Path.of(System.getProperty("optim.root", "..")).toAbsolutePath().normalize();
    private static final String REDDI = ROOT.resolve("experiments/reddi-online.json").toString();

    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream savedErr;
    private PrintStream savedOut;

    @BeforeEach
    void capture() {
        savedErr = System.err;
        savedOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(savedErr);
        System.setOut(savedOut);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void validateAcceptsTheShippedManifests() throws IOException {
        List<String> args = new ArrayList<>(List.of("validate"));
        try (Stream<Path> s = Files.list(ROOT.resolve("experiments"))) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> args.add(p.toString()));
        }
        assertThat(Main.run(args.toArray(String[]::new))).isZero();
        assertThat(stderr()).isEmpty();
    }

    @Test
    void validateNamesFileAndPointerInOneLineAndExitsTwo() throws IOException {
        String good = Files.readString(Path.of(REDDI));
        Map<String, String> mutations = new TreeMap<>(Map.of(
                "unknown.json", good.replace("\"epochs\": 100,", "\"epochs\": 100, \"epoch\": 3,"),
                "type.json", good.replace("\"epochs\": 100,", "\"epochs\": \"100\","),
                "negative.json", good.replace("\"lr\": 0.01, \"beta1\"", "\"lr\": -0.01, \"beta1\""),
                "broken.json", good.substring(0, good.length() / 2)));
        List<String> args = new ArrayList<>(List.of("validate"));
        for (Map.Entry<String, String> m : mutations.entrySet()) {
            Files.writeString(dir.resolve(m.getKey()), m.getValue());
            args.add(dir.resolve(m.getKey()).toString());
        }
        assertThat(Main.run(args.toArray(String[]::new))).isEqualTo(2);
        List<String> lines = stderr().lines().toList();
        assertThat(lines).hasSize(4).noneMatch(l -> l.contains("Exception") || l.contains("\tat "));
        assertThat(lines.get(0)).startsWith("optim validate: " + dir.resolve("broken.json") + ":").contains("broken JSON");
        assertThat(lines.get(1)).contains("negative.json: /arms/0/optimizer/hyperparameters/lr: ");
        assertThat(lines.get(2)).contains("type.json: /epochs: expected an integer >= 1");
        assertThat(lines.get(3)).contains("unknown.json: /epoch: unknown field \"epoch\"");
    }

    @Test
    void validateFindsAHypothesisBaselineNextToIt() throws IOException {
        Path hypothesis = dir.resolve("hyp-raw-pixels.json");
        Files.copy(ROOT.resolve("experiments/hyp-raw-pixels.json"), hypothesis);
        assertThat(Main.run("validate", hypothesis.toString())).isEqualTo(2);
        assertThat(stderr().lines().toList()).containsExactly("optim validate: " + hypothesis + ": /hypothesis/baseline: the baseline "
                + "\"mnist-paper\" must be a manifest in the same folder: no manifest " + dir.resolve("mnist-paper.json") + " next to it");
        Files.copy(ROOT.resolve("experiments/mnist-paper.json"), dir.resolve("mnist-paper.json"));
        assertThat(Main.run("validate", hypothesis.toString())).isZero();
    }

    @Test
    void badCommandLineValuesAreOneLineErrors() {
        assertThat(Main.run("run", REDDI, "--runs", dir.toString(), "--shard", "3/3")).isEqualTo(2);
        assertThat(Main.run("run", REDDI, "--runs", dir.toString(), "--arms", "sgd")).isEqualTo(2);
        assertThat(stderr().lines().toList()).hasSize(2).noneMatch(l -> l.contains("\tat "))
                .anyMatch(l -> l.contains("0 <= I < N")).anyMatch(l -> l.contains("no arm \"sgd\""));
    }

    @Test
    void aToyRunKilledWithSigkillAndResumedWritesTheSameBytes() throws Exception {
        killAndResume(REDDI, "40", 500);
    }

    @Test
    void anMnistRunKilledWithSigkillAndResumedWritesTheSameBytes() throws Exception {
        String paper = Files.readString(ROOT.resolve("experiments/mnist-paper.json"));
        String subset = paper.replace("\"name\": \"mnist-paper\"", "\"name\": \"mnist-subset\"")
                .replace("\"train\": {\n      \"source\": \"train\"\n    }",
                        "\"train\": {\"source\": \"train\", \"from\": 0, \"to\": 2000}")
                .replace("\"test\": {\n      \"source\": \"test\"\n    }",
                        "\"test\": {\"source\": \"test\", \"from\": 0, \"to\": 500}");
        assertThat(subset).contains("\"to\": 2000").contains("\"to\": 500");
        Path manifest = dir.resolve("mnist-subset.json");
        Files.writeString(manifest, subset);
        killAndResume(manifest.toString(), "3", 1500, "--seeds", "1", "--arms", "adam,sam-adam", "--threads", "2");
    }

    /**
     * Two shards as concurrent processes into one runs folder, and two unsharded processes racing
     * on another (the locks leave each run to one of them): both folders end up with the bytes of
     * one unsharded run.
     */
    @Test
    void concurrentShardsAndRacingProcessesEqualAnUnshardedRun() throws Exception {
        String rosenbrock = ROOT.resolve("experiments/adamp-rosenbrock-sweep.json").toString();
        List<String> args = List.of("run", REDDI, rosenbrock, "--epochs", "20");
        Path straight = dir.resolve("straight");
        assertThat(Main.run(withRuns(args, straight))).isZero();
        List<Process> children = new ArrayList<>();
        for (String shard : List.of("0/2", "1/2")) {
            List<String> sharded = new ArrayList<>(args);
            sharded.addAll(List.of("--shard", shard));
            children.add(start(withRuns(sharded, dir.resolve("sharded"))));
        }
        for (int i = 0; i < 2; i++) {
            children.add(start(withRuns(args, dir.resolve("racing"))));
        }
        for (Process p : children) {
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }
        assertThat(snapshot(dir.resolve("sharded"))).isEqualTo(snapshot(straight));
        assertThat(snapshot(dir.resolve("racing"))).isEqualTo(snapshot(straight));
    }

    private static Process start(String[] args) throws IOException {
        return new ProcessBuilder(javaCommand(args)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * Runs {@code manifest} straight in this JVM, then in child JVMs killed with SIGKILL after a
     * random delay in [0, maxMillis) after its first checkpoint, until two kills landed in the middle of a run, resumes
     * in this JVM and compares every byte.
     */
    private void killAndResume(String manifest, String epochs, int maxMillis, String... more)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("run", manifest, "--epochs", epochs));
        args.addAll(List.of(more));
        Path straight = dir.resolve("straight");
        assertThat(Main.run(withRuns(args, straight))).isZero();
        Path killed = dir.resolve("killed");
        Random random = new Random(20261125L);
        int interrupted = 0;
        for (int attempt = 0; attempt < 8 && interrupted < 2; attempt++) {
            Process child = start(withRuns(args, killed));
            // Kill at a random moment after a checkpoint exists, so the kill lands mid-run however fast the machine is.
            while (child.isAlive() && !anyIncomplete(killed)) {
                Thread.sleep(20);
            }
            if (!child.waitFor(random.nextInt(maxMillis), TimeUnit.MILLISECONDS)) {
                child.destroyForcibly().waitFor();
                if (anyIncomplete(killed)) {
                    interrupted++;
                }
            }
        }
        assertThat(interrupted).as("kills that landed in the middle of a run").isPositive();
        assertThat(Main.run(withRuns(args, killed))).isZero();
        assertThat(snapshot(killed)).isEqualTo(snapshot(straight));
    }

    private static String[] withRuns(List<String> args, Path runs) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--runs", runs.toString()));
        return all.toArray(String[]::new);
    }

    private static List<String> javaCommand(String[] args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector", "--add-exports",
                "java.base/jdk.internal.misc=ALL-UNNAMED", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "-Doptim.root=" + ROOT, Main.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Whether some run has a checkpoint. The child may rename a temporary file while the walk is
     * reading the folder; such a walk is repeated.
     */
    private static boolean anyIncomplete(Path runs) throws IOException {
        while (true) {
            if (!Files.isDirectory(runs)) {
                return false;
            }
            try (Stream<Path> s = Files.walk(runs)) {
                return s.anyMatch(p -> p.getFileName().toString().equals("checkpoint.bin"));
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof NoSuchFileException)) {
                    throw e;
                }
            }
        }
    }

    /** Every file but timing.json, .lock and temporary files, as path -> text. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String name = p.getFileName().toString();
                if (!name.equals("timing.json") && !name.equals(".lock")) {
                    try {
                        out.put(root.relativize(p).toString(), Files.readString(p, StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        }
        return out;
    }
}
