package org.optim.experiments.conformance;

import static org.optim.experiments.conformance.CaseJson.array;
import static org.optim.experiments.conformance.CaseJson.at;
import static org.optim.experiments.conformance.CaseJson.integer;
import static org.optim.experiments.conformance.CaseJson.number;
import static org.optim.experiments.conformance.CaseJson.numbers;
import static org.optim.experiments.conformance.CaseJson.perParameter;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.optim.core.DType;
import org.optim.core.Optimizer;
import org.optim.core.config.ConfigException;
import org.optim.core.config.ConfigReader;
import org.optim.core.optim.OptimizerRegistry;

/**
 * Reads a reference file strictly: every field of {@code optim-reference/1} is type- and
 * size-checked against the parameter list, an unknown field is an error, and the optimizer and the
 * problem are built on the spot so an unsupported optimizer, option or problem kind fails the file
 * with a message naming the JSON pointer. Only {@code optimizer.official_constructor} (a comment on
 * how the trajectory was made) and {@code source} are not interpreted.
 */
public final class CaseReader {
    /** The format tag every reference file starts with. */
    public static final String FORMAT = "optim-reference/1";
    private static final int MAX_DIMENSION = 1 << 24;
    private static final int MAX_STEPS = 1_000_000;

    /**
     * The hyperparameters each optimizer object of a reference file must state (README section 3:
     * "nothing is defaulted"), so no replay silently runs on one of this project's defaults.
     */
    private static final Map<String, List<String>> STATED = Map.of(
            "sgd", List.of("lr", "momentum", "dampening", "weight_decay", "nesterov"),
            "adam", List.of("lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad"),
            "adamw", List.of("lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad"),
            "adamp", List.of("lr", "beta1", "beta2", "eps", "weight_decay", "delta", "wd_ratio", "nesterov"),
            "sgdp", List.of("lr", "momentum", "dampening", "weight_decay", "nesterov", "eps", "delta", "wd_ratio"),
            "expectigrad", List.of("lr", "beta", "eps", "sparse_counter"),
            "sam", List.of("rho", "adaptive"));

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CaseReader() {
    }

    /** Reads and validates the reference file {@code path}; any defect is a {@link CaseException}. */
    public static ReferenceCase read(Path path) {
        String file = path.getFileName().toString();
        String stem = file.endsWith(".json") ? file.substring(0, file.length() - ".json".length()) : file;
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(path));
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String location = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new CaseException(file, "invalid JSON" + location + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new CaseException(file, "cannot read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new CaseException(file, "empty file");
        }
        try {
            return fromJson(file, stem, root);
        } catch (ConfigException e) {
            throw new CaseException(file, e.getMessage());
        }
    }

    private static ReferenceCase fromJson(String file, String stem, JsonNode root) {
        ConfigReader c = new ConfigReader(root, "");
        String format = c.string("format");
        if (!format.equals(FORMAT)) {
            throw new ConfigException(c.pointer("format"), "expected \"" + FORMAT + "\", got \"" + format + "\"");
        }
        String name = c.string("name");
        if (!name.equals(stem)) {
            throw new ConfigException(c.pointer("name"), "must equal the file name without .json (\"" + stem
                    + "\"), got \"" + name + "\"");
        }
        c.string("description");
        String dtypeLabel = c.string("dtype");
        DType dtype;
        try {
            dtype = DType.fromLabel(dtypeLabel);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(c.pointer("dtype"), e.getMessage());
        }
        List<InitialParameter> initial = initial(c.raw("initial"), c.pointer("initial"), dtype);
        int numSteps = integer(c.raw("num_steps"), c.pointer("num_steps"), 1, MAX_STEPS);
        Optimizer optimizer = optimizer(c.raw("optimizer"), c.pointer("optimizer"));
        ReferenceProblem problem = ReferenceProblems.read(c.object("problem"), initial, numSteps, dtype);
        JsonNode stepsNode = array(c.raw("steps"), c.pointer("steps"), numSteps);
        List<RecordedStep> steps = new ArrayList<>(numSteps);
        for (int i = 0; i < numSteps; i++) {
            steps.add(step(stepsNode.get(i), at(c.pointer("steps"), i), i + 1, initial, dtype));
        }
        ConfigReader tol = c.object("tolerance");
        Tolerance recorded = tolerance(tol);
        ConfigReader closedLoopNode = tol.object("closed_loop");
        Tolerance closedLoop = tolerance(closedLoopNode);
        closedLoopNode.finish();
        if (tol.has("measured_sensitivity")) {
            number(tol.raw("measured_sensitivity"), tol.pointer("measured_sensitivity"), DType.FLOAT64);
        }
        tol.string("comparison", "");
        tol.string("reasoning", "");
        tol.finish();
        if (c.has("projection_summary")) {
            projectionSummary(c.object("projection_summary"), initial, steps);
        }
        JsonNode source = c.raw("source");
        if (!source.isObject()) {
            throw new ConfigException(c.pointer("source"), "expected an object, got " + ConfigReader.describe(source));
        }
        c.finish();
        return new ReferenceCase(file, name, dtype, optimizer, problem, initial, steps, recorded, closedLoop);
    }

    private static List<InitialParameter> initial(JsonNode node, String pointer, DType dtype) {
        array(node, pointer, -1);
        if (node.isEmpty()) {
            throw new ConfigException(pointer, "expected at least one parameter");
        }
        List<InitialParameter> out = new ArrayList<>(node.size());
        Set<String> names = new HashSet<>();
        for (int k = 0; k < node.size(); k++) {
            ConfigReader p = new ConfigReader(node.get(k), at(pointer, k));
            String name = p.string("name");
            if (name.isEmpty() || !names.add(name)) {
                throw new ConfigException(p.pointer("name"), "parameter names must be non-empty and unique, got \""
                        + name + "\"");
            }
            JsonNode shapeNode = array(p.raw("shape"), p.pointer("shape"), -1);
            if (shapeNode.isEmpty()) {
                throw new ConfigException(p.pointer("shape"), "expected at least one dimension");
            }
            int[] shape = new int[shapeNode.size()];
            long numel = 1;
            for (int d = 0; d < shape.length; d++) {
                shape[d] = integer(shapeNode.get(d), at(p.pointer("shape"), d), 1, MAX_DIMENSION);
                numel *= shape[d];
                if (numel > MAX_DIMENSION) {
                    throw new ConfigException(p.pointer("shape"), "more than " + MAX_DIMENSION + " entries");
                }
            }
            double[] data = numbers(p.raw("data"), p.pointer("data"), (int) numel, dtype);
            p.finish();
            out.add(new InitialParameter(name, shape, data));
        }
        return List.copyOf(out);
    }

    /** The optimizer object minus {@code official_constructor}, built by the registry. */
    private static Optimizer optimizer(JsonNode node, String pointer) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(pointer, "expected an object, got " + ConfigReader.describe(node));
        }
        ObjectNode copy = node.deepCopy();
        copy.remove("official_constructor");
        requireStated(copy, pointer);
        if (copy.get("base") instanceof ObjectNode base) {
            base.remove("official_constructor");
            requireStated(base, pointer + "/base");
        }
        try {
            return OptimizerRegistry.fromJson(copy, pointer);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(pointer, e.getMessage());
        }
    }

    /** Every hyperparameter of a known optimizer is present; the registry checks the rest. */
    private static void requireStated(JsonNode optimizer, String pointer) {
        List<String> stated = STATED.get(optimizer.path("name").asText());
        JsonNode hyperparameters = optimizer.get("hyperparameters");
        if (stated == null || hyperparameters == null || !hyperparameters.isObject()) {
            return;
        }
        for (String field : stated) {
            if (!hyperparameters.has(field)) {
                throw new ConfigException(pointer + "/hyperparameters/" + field, "required field \"" + field
                        + "\" is missing (a reference file states every hyperparameter)");
            }
        }
    }

    private static RecordedStep step(JsonNode node, String pointer, int t, List<InitialParameter> initial,
                                     DType dtype) {
        ConfigReader s = new ConfigReader(node, pointer);
        int recordedT = integer(s.raw("t"), s.pointer("t"), 0, Integer.MAX_VALUE);
        if (recordedT != t) {
            throw new ConfigException(s.pointer("t"), "expected step number " + t + ", got " + recordedT);
        }
        double loss = number(s.raw("loss"), s.pointer("loss"), dtype);
        List<double[]> grads = perParameter(s.raw("grads"), s.pointer("grads"), initial, dtype);
        List<double[]> params = perParameter(s.raw("params"), s.pointer("params"), initial, dtype);
        Map<String, Map<String, double[]>> state = s.has("state")
                ? state(s.object("state"), initial, dtype) : null;
        Map<String, Boolean> projected = null;
        Map<String, String> views = null;
        if (s.has("projected") || s.has("projection_view")) {
            projected = projected(s.object("projected"), initial);
            views = views(s.object("projection_view"), initial, projected);
        }
        RecordedStep.Sam sam = null;
        if (s.has("grad_norm") || s.has("perturbed_params") || s.has("perturbed_loss") || s.has("perturbed_grads")) {
            sam = new RecordedStep.Sam(number(s.raw("grad_norm"), s.pointer("grad_norm"), dtype),
                    perParameter(s.raw("perturbed_params"), s.pointer("perturbed_params"), initial, dtype),
                    number(s.raw("perturbed_loss"), s.pointer("perturbed_loss"), dtype),
                    perParameter(s.raw("perturbed_grads"), s.pointer("perturbed_grads"), initial, dtype));
        }
        s.finish();
        return new RecordedStep(t, loss, grads, params, state, projected, views, sam);
    }

    private static Map<String, Map<String, double[]>> state(ConfigReader state, List<InitialParameter> initial,
                                                            DType dtype) {
        Map<String, Map<String, double[]>> out = new LinkedHashMap<>();
        for (InitialParameter p : initial) {
            if (!state.has(p.name())) {
                continue;
            }
            JsonNode node = state.raw(p.name());
            ConfigReader fields = new ConfigReader(node, state.pointer(p.name()));
            Map<String, double[]> values = new LinkedHashMap<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                JsonNode v = fields.raw(field);
                if (field.equals("step")) {
                    values.put(field, new double[] {integer(v, fields.pointer(field), 0, Integer.MAX_VALUE)});
                } else {
                    values.put(field, numbers(v, fields.pointer(field), p.numel(), dtype));
                }
            }
            fields.finish();
            out.put(p.name(), values);
        }
        state.finish();
        return out;
    }

    private static Map<String, Boolean> projected(ConfigReader r, List<InitialParameter> initial) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (InitialParameter p : initial) {
            out.put(p.name(), r.bool(p.name()));
        }
        r.finish();
        return out;
    }

    private static Map<String, String> views(ConfigReader r, List<InitialParameter> initial,
                                             Map<String, Boolean> projected) {
        Map<String, String> out = new LinkedHashMap<>();
        for (InitialParameter p : initial) {
            JsonNode v = r.raw(p.name());
            String view = v.isNull() ? null : v.isTextual() ? v.textValue() : "";
            if (view != null && !view.equals("channel") && !view.equals("layer")) {
                throw new ConfigException(r.pointer(p.name()), "expected \"channel\", \"layer\" or null, got "
                        + ConfigReader.describe(v));
            }
            if ((view != null) != projected.get(p.name())) {
                throw new ConfigException(r.pointer(p.name()), "must be null exactly when projected is false, got "
                        + ConfigReader.describe(v) + " with projected " + projected.get(p.name()));
            }
            out.put(p.name(), view);
        }
        r.finish();
        return out;
    }

    private static Tolerance tolerance(ConfigReader r) {
        double abs = number(r.raw("abs"), r.pointer("abs"), DType.FLOAT64);
        double rel = number(r.raw("rel"), r.pointer("rel"), DType.FLOAT64);
        if (abs < 0 || rel < 0) {
            throw new ConfigException(r.pointer(abs < 0 ? "abs" : "rel"), "must be >= 0, got " + Math.min(abs, rel));
        }
        return new Tolerance(abs, rel);
    }

    /** {@code projection_summary}: must agree with the {@code projected} flags of the steps. */
    private static void projectionSummary(ConfigReader r, List<InitialParameter> initial, List<RecordedStep> steps) {
        ConfigReader counts = r.object("steps_projected_per_parameter");
        for (InitialParameter p : initial) {
            int n = integer(counts.raw(p.name()), counts.pointer(p.name()), 0, steps.size());
            int seen = 0;
            boolean recorded = false;
            for (RecordedStep s : steps) {
                if (s.projected() != null) {
                    recorded = true;
                    seen += s.projected().get(p.name()) ? 1 : 0;
                }
            }
            if (recorded && seen != n) {
                throw new ConfigException(counts.pointer(p.name()), "says " + n + " projected steps but the steps record "
                        + seen);
            }
        }
        counts.finish();
        r.finish();
    }
}
