package org.optim.report.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a runs folder written in the {@code optim-run/1} format ({@code docs/run-logs.md}). Every
 * listing is sorted (names by {@link String#compareTo}, seeds numerically), so the result does not
 * depend on the file system's order. Files the report does not use ({@code timing.json},
 * {@code checkpoint.bin}, {@code .lock}, temporary files) and hidden folders are ignored; a folder
 * that breaks the layout is an error.
 */
public final class RunLogReader {
    public static final String FORMAT = "optim-run/1";
    private static final Pattern SEED_DIR = Pattern.compile("seed-(0|[1-9][0-9]{0,8})");

    private RunLogReader() {
    }

    /** Every experiment under {@code runsDir} (a folder holding a manifest.json), sorted by name. */
    public static List<Experiment> read(Path runsDir) {
        if (!Files.isDirectory(runsDir)) {
            throw new IllegalArgumentException(runsDir + ": no such runs folder");
        }
        List<Experiment> experiments = new ArrayList<>();
        for (Path dir : subfolders(runsDir)) {
            Path manifestFile = dir.resolve("manifest.json");
            if (!Files.isRegularFile(manifestFile)) {
                throw new RunLogException(dir, "", "experiment folder without manifest.json");
            }
            experiments.add(readExperiment(dir, manifestFile));
        }
        if (experiments.isEmpty()) {
            throw new IllegalArgumentException(runsDir + ": no experiments (expected <experiment>/manifest.json)");
        }
        return List.copyOf(experiments);
    }

    private static Experiment readExperiment(Path dir, Path manifestFile) {
        String name = dir.getFileName().toString();
        String text = Json.text(manifestFile);
        JsonNode manifest = Json.parse(manifestFile, text);
        List<RunLog> runs = new ArrayList<>();
        for (Path armDir : subfolders(dir)) {
            for (Path configDir : subfolders(armDir)) {
                List<Path> seeds = new ArrayList<>(subfolders(configDir));
                seeds.sort(Comparator.comparingInt(p -> seedOf(p)));
                for (Path seedDir : seeds) {
                    runs.add(readRun(name, armDir.getFileName().toString(), seedDir));
                }
            }
        }
        return new Experiment(name, manifestFile, text, manifest, runs);
    }

    private static int seedOf(Path seedDir) {
        Matcher m = SEED_DIR.matcher(seedDir.getFileName().toString());
        if (!m.matches()) {
            throw new RunLogException(seedDir, "", "expected a folder named seed-<n>");
        }
        return Integer.parseInt(m.group(1));
    }

    /** Reads one run folder; run.json must agree with the folder it sits in. */
    static RunLog readRun(String experiment, String arm, Path dir) {
        int seed = seedOf(dir);
        String configId = dir.getParent().getFileName().toString();
        Path file = dir.resolve("run.json");
        if (!Files.isRegularFile(file)) {
            throw new RunLogException(dir, "", "run folder without run.json");
        }
        JsonNode run = Json.parse(file, Json.text(file));
        String format = Json.string(file, run, "/format");
        if (!format.equals(FORMAT)) {
            throw new RunLogException(file, "/format", "expected '" + FORMAT + "', got '" + format + "'");
        }
        expect(file, "/experiment", Json.string(file, run, "/experiment"), experiment);
        expect(file, "/arm", Json.string(file, run, "/arm"), arm);
        expect(file, "/configId", Json.string(file, run, "/configId"), configId);
        expect(file, "/seed", Integer.toString(Json.integer(file, run, "/seed")), Integer.toString(seed));
        RunLog.Status status = status(file, Json.string(file, run, "/status"));
        int epochs = Json.integer(file, run, "/epochsCompleted");
        Optional<Integer> asked = run.has("epochs") ? Optional.of(Json.integer(file, run, "/epochs")) : Optional.empty();
        Optional<Integer> divergedEpoch = Optional.empty();
        if (status == RunLog.Status.DIVERGED) {
            divergedEpoch = Optional.of(Json.integer(file, run, "/diverged/epoch"));
        } else if (!run.path("diverged").isNull() && !run.path("diverged").isMissingNode()) {
            throw new RunLogException(file, "/diverged", "must be null unless status is 'diverged'");
        }
        JsonNode grid = run.path("grid").isObject() ? run.path("grid") : JsonNodeFactory.instance.objectNode();
        JsonNode provenance = run.path("provenance").isObject() ? run.path("provenance") : JsonNodeFactory.instance.objectNode();
        Table metrics = Table.read(dir.resolve("metrics.csv"), "epoch");
        if (metrics.lastIndex() != epochs && !metrics.rows().isEmpty() && status == RunLog.Status.COMPLETE) {
            throw new RunLogException(dir.resolve("metrics.csv"), "",
                    "last epoch " + metrics.lastIndex() + " but run.json says epochsCompleted " + epochs);
        }
        Path trajectoryFile = dir.resolve("trajectory.csv");
        Optional<Table> trajectory = Files.isRegularFile(trajectoryFile)
                ? Optional.of(Table.read(trajectoryFile, "step")) : Optional.empty();
        return new RunLog(dir, arm, configId, seed, status, epochs, asked, divergedEpoch, grid, provenance, metrics, trajectory);
    }

    private static RunLog.Status status(Path file, String spelling) {
        for (RunLog.Status s : RunLog.Status.values()) {
            if (s.spelling().equals(spelling)) {
                return s;
            }
        }
        throw new RunLogException(file, "/status", "expected complete, diverged or incomplete, got '" + spelling + "'");
    }

    private static void expect(Path file, String pointer, String actual, String folder) {
        if (!actual.equals(folder)) {
            throw new RunLogException(file, pointer, "'" + actual + "' does not match its folder '" + folder + "'");
        }
    }

    /** The folders directly under {@code dir}, sorted by name; hidden ones (".name") are not run logs. */
    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p) && !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
