package org.optim.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.optim.experiments.manifest.Classification;
import org.optim.experiments.manifest.Json;
import org.optim.experiments.manifest.Task;

/**
 * Writers of the run-log files (format {@code optim-run/1}, {@code docs/run-logs.md}), each
 * written atomically. Numbers are the shortest decimal that reads back to the same double.
 */
public final class RunLogs {
    public static final String FORMAT = "optim-run/1";
    public static final String RUN_JSON = "run.json";
    public static final String METRICS_CSV = "metrics.csv";
    public static final String TRAJECTORY_CSV = "trajectory.csv";
    public static final String TIMING_JSON = "timing.json";
    public static final String CHECKPOINT = "checkpoint.bin";
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private RunLogs() {
    }

    /** Run status as written to run.json. */
    public enum Status {
        COMPLETE, DIVERGED, INCOMPLETE;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * metrics.csv: {@code epoch,step}, then the task's own columns in its fixed order, then the
     * optimizer's diagnostics in the order they first appeared.
     */
    public static void writeMetrics(Path dir, Task task, List<MetricsRow> rows) throws IOException {
        Set<String> present = new LinkedHashSet<>();
        for (MetricsRow r : rows) {
            present.addAll(r.values().keySet());
        }
        List<String> columns = new ArrayList<>();
        for (String m : task.availableMetrics()) {
            if (present.remove(m)) {
                columns.add(m);
            }
        }
        columns.addAll(present);
        StringBuilder out = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(out, CSV)) {
            List<String> header = new ArrayList<>(List.of("epoch", "step"));
            header.addAll(columns);
            p.printRecord(header);
            for (MetricsRow r : rows) {
                List<String> cells = new ArrayList<>(columns.size() + 2);
                cells.add(Integer.toString(r.epoch()));
                cells.add(Long.toString(r.step()));
                for (String c : columns) {
                    Double v = r.values().get(c);
                    cells.add(v == null ? "" : Json.number(v));
                }
                p.printRecord(cells);
            }
        }
        AtomicFiles.write(dir.resolve(METRICS_CSV), out.toString());
    }

    /** trajectory.csv: the session's columns; the first (step) as an integer, NaN as an empty cell. */
    public static void writeTrajectory(Path dir, List<String> columns, List<double[]> rows) throws IOException {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(out, CSV)) {
            p.printRecord(columns);
            for (double[] row : rows) {
                List<String> cells = new ArrayList<>(row.length);
                cells.add(Long.toString((long) row[0]));
                for (int i = 1; i < row.length; i++) {
                    cells.add(Double.isNaN(row[i]) ? "" : Json.number(row[i]));
                }
                p.printRecord(cells);
            }
        }
        AtomicFiles.write(dir.resolve(TRAJECTORY_CSV), out.toString());
    }

    /** run.json, keys in the documented order. */
    public static void writeRunJson(Path dir, RunSpec run, Provenance provenance, Status status, int epochsCompleted,
            Session.Divergence divergence) throws IOException {
        AtomicFiles.write(dir.resolve(RUN_JSON), Json.write(runJson(run, provenance, status, epochsCompleted, divergence)));
    }

    static ObjectNode runJson(RunSpec run, Provenance provenance, Status status, int epochsCompleted,
            Session.Divergence divergence) {
        ObjectNode j = Json.STRICT.createObjectNode();
        j.put("format", FORMAT);
        j.put("experiment", run.manifest().name());
        j.put("arm", run.arm().name());
        j.put("configId", run.configId());
        j.put("seed", run.seed());
        j.put("status", status.label());
        j.put("epochs", run.epochs());
        j.put("epochsCompleted", epochsCompleted);
        if (divergence == null) {
            j.putNull("diverged");
        } else {
            ObjectNode d = j.putObject("diverged");
            d.put("epoch", divergence.epoch());
            d.put("step", divergence.step());
            if (Double.isFinite(divergence.lastFiniteLoss())) {
                d.put("lastFiniteLoss", divergence.lastFiniteLoss());
            } else {
                d.putNull("lastFiniteLoss");
            }
        }
        j.set("config", run.config());
        ObjectNode grid = j.putObject("grid");
        for (Map.Entry<String, JsonNode> e : run.grid().entrySet()) {
            grid.set(e.getKey(), e.getValue());
        }
        ObjectNode p = j.putObject("provenance");
        p.put("manifestSha256", run.manifest().sha256());
        p.put("gitCommit", provenance.gitCommit());
        p.put("optimVersion", provenance.optimVersion());
        p.put("jdk", provenance.jdk());
        p.put("os", provenance.os());
        p.put("cpu", provenance.cpu());
        p.set("data", Json.STRICT.valueToTree(run.data()));
        if (run.manifest().task() instanceof Classification c) {
            p.put("split", c.data().describeSplit());
            p.put("trainedOnTestSet", c.data().trainedOnTestSet());
        }
        return j;
    }

    /** timing.json: wall-clock seconds of the whole run so far and of every epoch. */
    public static void writeTiming(Path dir, List<Double> secondsPerEpoch) throws IOException {
        ObjectNode j = Json.STRICT.createObjectNode();
        double total = 0;
        for (double s : secondsPerEpoch) {
            total += s;
        }
        j.put("wallSeconds", total);
        var arr = j.putArray("secondsPerEpoch");
        secondsPerEpoch.forEach(arr::add);
        AtomicFiles.write(dir.resolve(TIMING_JSON), Json.write(j));
    }

    /** The experiment's manifest as run (canonical JSON), rewritten only when it changed. */
    public static void writeManifest(Path experimentDir, JsonNode manifest) throws IOException {
        String text = Json.canonical(manifest);
        Path target = experimentDir.resolve("manifest.json");
        if (Files.isRegularFile(target) && Files.readString(target).equals(text)) {
            return;
        }
        AtomicFiles.write(target, text);
    }

    /** The stored run.json of {@code dir}, or {@code null} when there is none. */
    public static JsonNode readRunJson(Path dir) {
        Path f = dir.resolve(RUN_JSON);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Json.parse(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": unreadable run log: " + e.getMessage(), e);
        }
    }
}
