package org.optim.experiments.landscape;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.optim.experiments.manifest.Classification;
import org.optim.experiments.manifest.Json;
import org.optim.experiments.run.AtomicFiles;
import org.optim.experiments.run.RunSpec;
import org.optim.experiments.run.Session;

/**
 * The runner's landscape step: for a complete run of a manifest with a {@code landscape} section,
 * writes the artifacts of {@code docs/run-logs.md} ("Loss-landscape artifacts") beside
 * {@code metrics.csv}, each atomically.
 *
 * <p>Cached and resumable like runs: {@code landscape.json} (format, effective config, subset,
 * epoch) is the cache key. If it is present and equal, every CSV already written is kept and only
 * missing ones are computed; if it differs, the old CSVs are deleted first. The final weights are
 * kept as the session's saved state in {@code landscape-state.bin}, written right after training,
 * so a later change of the {@code landscape} section is measured without retraining.
 */
public final class LandscapeStep {
    public static final String FORMAT = "optim-landscape/1";
    public static final String JSON = "landscape.json";
    public static final String STATE = "landscape-state.bin";
    public static final String SLICE = "landscape-slice.csv";
    public static final String SURFACE = "landscape-surface.csv";
    public static final String SHARPNESS = "landscape-sharpness.csv";
    /** The columns of {@link #SHARPNESS}, in order. */
    public static final List<String> SHARPNESS_COLUMNS = List.of("epoch", "loss", "grad_norm", "top_eigenvalue",
            "power_rayleigh", "power_iterations", "power_converged", "power_relative_change", "hvp_step", "rho", "ascent_steps",
            "sam_perturbed_loss", "sam_sharpness");
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").build();

    private LandscapeStep() {
    }

    /**
     * Brings the landscape artifacts of one complete run up to date. Does nothing when the manifest
     * has no {@code landscape} section.
     *
     * @param run    the run
     * @param dir    its folder
     * @param live   the session that has just finished training (its weights are the final ones), or
     *               {@code null} for a run that finished earlier
     * @param fresh  creates a new session of the run (used only when {@code live} is null and work is left)
     * @param epochs epochs completed
     * @return whether anything was computed
     */
    public static boolean ensure(RunSpec run, Path dir, Session live, Supplier<Session> fresh, int epochs)
            throws IOException {
        LandscapeConfig config = run.manifest().landscape();
        if (config == null) {
            return false;
        }
        if (live != null) {
            ByteArrayOutputStream state = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(state)) {
                live.save(out);
            }
            AtomicFiles.write(dir.resolve(STATE), state.toByteArray());
        }
        String header = Json.write(header(run, config, epochs));
        Path json = dir.resolve(JSON);
        boolean same = Files.isRegularFile(json) && Files.readString(json).equals(header);
        if (same && Files.isRegularFile(dir.resolve(SLICE)) && Files.isRegularFile(dir.resolve(SURFACE))
                && Files.isRegularFile(dir.resolve(SHARPNESS))) {
            return false;
        }
        if (live != null) {
            measure(run, dir, live, config, header, same, epochs);
            return true;
        }
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state)) {
            throw new IllegalArgumentException(dir + ": no " + STATE + " (the run finished before the manifest "
                    + "had a landscape section); move the folder away to retrain it");
        }
        try (Session session = fresh.get()) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(state)))) {
                session.restore(in);
            }
            measure(run, dir, session, config, header, same, epochs);
        }
        return true;
    }

    private static void measure(RunSpec run, Path dir, Session session, LandscapeConfig config, String header,
            boolean same, int epochs) throws IOException {
        if (!(session instanceof LandscapeSubject subject)) {
            throw new IllegalStateException(run.label() + ": the session of this task cannot measure landscapes");
        }
        if (!same) {
            for (String f : List.of(SLICE, SURFACE, SHARPNESS)) {
                Files.deleteIfExists(dir.resolve(f));
            }
            AtomicFiles.write(dir.resolve(JSON), header);
        }
        measure(dir, subject, config, epochs);
    }

    /** Computes every artifact missing from {@code dir} for the subject's current weights. */
    static void measure(Path dir, LandscapeSubject subject, LandscapeConfig config, int epochs) throws IOException {
        LandscapeSubject.Objective objective = subject.trainingSubset(config.subsetSize());
        if (!Files.isRegularFile(dir.resolve(SHARPNESS))) {
            Landscape.Sharpness s = Landscape.sharpness(subject.parameters(), objective.oracle(), config);
            writeSharpness(dir.resolve(SHARPNESS), s, config, epochs);
        }
        if (!Files.isRegularFile(dir.resolve(SLICE))) {
            LossSurface.Slice slice = Landscape.slice(subject.parameters(), objective.loss(), config);
            List<List<String>> rows = new ArrayList<>();
            for (int k = 0; k < slice.alphas().length; k++) {
                rows.add(List.of(Integer.toString(k), Json.number(slice.alphas()[k]), Json.number(slice.losses()[k])));
            }
            writeCsv(dir.resolve(SLICE), List.of("point", "alpha", "loss"), rows);
        }
        if (!Files.isRegularFile(dir.resolve(SURFACE))) {
            LossSurface.Surface s = Landscape.surface(subject.parameters(), objective.loss(), config);
            List<List<String>> rows = new ArrayList<>();
            for (int j = 0; j < s.betas().length; j++) {
                for (int k = 0; k < s.alphas().length; k++) {
                    rows.add(List.of(Integer.toString(j * s.alphas().length + k), Json.number(s.alphas()[k]),
                            Json.number(s.betas()[j]), Json.number(s.losses()[j][k])));
                }
            }
            writeCsv(dir.resolve(SURFACE), List.of("point", "alpha", "beta", "loss"), rows);
        }
    }

    /** The content of {@code landscape.json}: what the artifacts were computed from. */
    static ObjectNode header(RunSpec run, LandscapeConfig config, int epochs) {
        ObjectNode j = Json.STRICT.createObjectNode();
        j.put("format", FORMAT);
        j.set("config", config.toJson());
        j.put("subset", subset(run, config));
        j.put("weights", "final");
        j.put("epoch", epochs);
        return j;
    }

    private static String subset(RunSpec run, LandscapeConfig config) {
        Classification.Partition train = ((Classification) run.manifest().task()).data().train();
        return new Classification.Partition(train.source(), train.from(), train.from() + config.subsetSize()).toString();
    }

    private static void writeSharpness(Path file, Landscape.Sharpness s, LandscapeConfig config, int epochs)
            throws IOException {
        PowerIteration.Estimate e = s.eigen();
        SamSharpness.Result r = s.sam();
        writeCsv(file, SHARPNESS_COLUMNS, List.of(List.of(Integer.toString(epochs), Json.number(r.loss()),
                Json.number(r.gradientNorm()), Json.number(e.eigenvalue()), Json.number(e.rayleigh()),
                Integer.toString(e.iterations()),
                e.converged() ? "1" : "0",
                Json.number(e.relativeChange()), Json.number(config.hvpStep()), Json.number(config.rho()),
                Integer.toString(config.ascentSteps()), Json.number(r.perturbedLoss()), Json.number(r.sharpness()))));
    }

    private static void writeCsv(Path file, List<String> header, List<List<String>> rows) throws IOException {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(out, CSV)) {
            p.printRecord(header);
            for (List<String> row : rows) {
                p.printRecord(row);
            }
        }
        AtomicFiles.write(file, out.toString());
    }
}
