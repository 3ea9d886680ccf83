package org.optim.experiments.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.optim.experiments.manifest.Manifest;
import org.optim.experiments.manifest.ManifestReader;
import org.optim.experiments.manifest.Manifests;

/** Test helpers: run shipped manifests into a folder and snapshot the bytes a rerun must reproduce. */
public final class RunFolders {
    private RunFolders() {
    }

    public static Manifest manifest(String name) {
        return ManifestReader.read(Manifests.root().resolve("experiments/" + name + ".json"));
    }

    public static List<RunSpec> plan(Integer epochs, String... names) {
        return RunPlan.expand(java.util.Arrays.stream(names).map(RunFolders::manifest).toList(),
                new RunPlan.Overrides(epochs, null, null), d -> Map.of());
    }

    public static Progress quiet(List<RunSpec> runs) {
        return new Progress(new PrintStream(new ByteArrayOutputStream()), false, runs.size(), 0, 1);
    }

    public static List<Runner.Outcome> run(Path dir, List<RunSpec> runs, int jobs, Sessions sessions) throws IOException {
        return run(dir, runs, 1, jobs, sessions);
    }

    public static List<Runner.Outcome> run(Path dir, List<RunSpec> runs, int threads, int jobs, Sessions sessions)
            throws IOException {
        Provenance p = new Provenance("0000000000000000000000000000000000000000", "test", "jdk", "os", "cpu");
        return new Runner(dir, threads, jobs, sessions, p).run(runs, quiet(runs));
    }

    /**
     * Relative path -> bytes of every file under {@code dir} except {@code timing.json} (wall clock)
     * and {@code .lock} (empty lock files), sorted by path.
     */
    public static Map<String, byte[]> snapshot(Path dir) {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.equals(RunLogs.TIMING_JSON) && !name.equals(".lock")) {
                    out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Snapshots as path -> text, so AssertJ shows which file differs. */
    public static Map<String, String> text(Map<String, byte[]> snapshot) {
        Map<String, String> out = new TreeMap<>();
        snapshot.forEach((k, v) -> out.put(k, new String(v, java.nio.charset.StandardCharsets.ISO_8859_1)));
        return out;
    }
}
