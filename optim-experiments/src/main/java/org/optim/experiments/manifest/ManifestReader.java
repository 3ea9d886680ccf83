package org.optim.experiments.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.optim.core.config.ConfigException;
import org.optim.core.config.ConfigReader;
import org.optim.core.optim.OptimizerRegistry;
import org.optim.experiments.landscape.LandscapeConfig;

/**
 * Reads a manifest strictly: broken JSON, duplicate keys, unknown fields, wrong types, missing
 * required fields and out-of-range values are each a {@link ManifestException} naming the file,
 * the JSON pointer (line and column for broken JSON) and what was expected. Every optimizer (and
 * every grid point) is built once through {@link OptimizerRegistry}, so a bad hyperparameter is
 * caught here, not hours into a run.
 */
public final class ManifestReader {
    /** Slugs name folders: lower-case letters and digits separated by single dashes. */
    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern GRID_KEY = Pattern.compile("(base\\.)*[a-z][a-z0-9_]*");

    private ManifestReader() {
    }

    /** Reads and checks {@code file}. */
    public static Manifest read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ManifestException(file + ": no such file");
        } catch (IOException e) {
            throw new ManifestException(file + ": cannot read: " + e.getMessage());
        }
        return read(file.toString(), bytes);
    }

    /** Reads and checks the manifest {@code bytes}; {@code file} names it in errors. */
    public static Manifest read(String file, byte[] bytes) {
        JsonNode root;
        try {
            root = Json.parse(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ManifestException(file + where + ": broken JSON: " + firstLine(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode()) {
            throw new ManifestException(file + ": broken JSON: the file is empty");
        }
        try {
            return parse(root, sha256(bytes));
        } catch (ConfigException e) {
            throw new ManifestException(file + ": " + e.getMessage());
        }
    }

    private static Manifest parse(JsonNode root, String sha256) {
        ConfigReader r = new ConfigReader(root, "");
        String name = slug(r, "name");
        String title = nonEmpty(r, "title");
        String description = r.string("description", "");
        List<Long> seeds = seeds(r);
        int epochs = positiveInt(r, "epochs");
        Task task = task(r);
        List<Manifest.Arm> arms = arms(r);
        Manifest.Paper paper = r.has("paper") ? paper(r.object("paper"), arms, task) : null;
        Manifest.Hypothesis hypothesis = hypothesis(r, name, paper);
        checkArmHypotheses(r, arms, paper);
        List<String> metrics = metrics(r, task);
        LandscapeConfig landscape = r.has("landscape") ? landscape(r.object("landscape"), task) : null;
        r.finish();
        return new Manifest(name, title, description, paper, hypothesis, seeds, epochs, task, arms, metrics, landscape,
                root, sha256);
    }

    /** The loss-landscape section: classification tasks only, measured on part of the training partition. */
    private static LandscapeConfig landscape(ConfigReader l, Task task) {
        if (!(task instanceof Classification c)) {
            throw new ConfigException(l.pointer(), "a loss landscape needs a classification task (data and model)");
        }
        LandscapeConfig config = LandscapeConfig.read(l);
        int train = c.data().train().size();
        if (config.subsetSize() > train) {
            throw new ConfigException(l.pointer("subsetSize"), "must be at most the " + train
                    + " training examples, got " + config.subsetSize());
        }
        return config;
    }

    private static List<Long> seeds(ConfigReader r) {
        List<JsonNode> items = array(r, "seeds", 1);
        List<Long> seeds = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = r.pointer("seeds") + "/" + i;
            JsonNode n = items.get(i);
            if (!n.isIntegralNumber() || n.longValue() < 0) {
                throw new ConfigException(at, "expected a seed (an integer >= 0), got " + ConfigReader.describe(n));
            }
            if (!seen.add(n.longValue())) {
                throw new ConfigException(at, "seed " + n.longValue() + " is listed twice");
            }
            seeds.add(n.longValue());
        }
        return List.copyOf(seeds);
    }

    private static Task task(ConfigReader r) {
        boolean problem = r.has("problem");
        boolean classification = r.has("data") || r.has("model") || r.has("loss") || r.has("batch")
                || r.has("evaluation");
        if (problem && classification) {
            String other = r.has("data") ? "data" : r.has("model") ? "model" : r.has("loss") ? "loss"
                    : r.has("batch") ? "batch" : "evaluation";
            throw new ConfigException(r.pointer(other), "a manifest has either \"problem\" (a toy) or "
                    + "\"data\", \"model\", \"loss\", \"batch\" (a classification task), not both");
        }
        if (problem) {
            return problem(r.object("problem"));
        }
        if (!classification) {
            throw new ConfigException(r.pointer("data"), "required field \"data\" is missing "
                    + "(or give \"problem\" for a toy experiment)");
        }
        return classification(r);
    }

    private static Task problem(ConfigReader p) {
        String type = p.string("type");
        Task t = switch (type) {
            case "scale-invariant-rosenbrock" -> {
                double a = p.number("a");
                double b = p.number("b");
                if (!(b > 0)) {
                    throw new ConfigException(p.pointer("b"), "expected a number > 0, got " + b);
                }
                List<JsonNode> start = array(p, "start", 2);
                if (start.size() != 2) {
                    throw new ConfigException(p.pointer("start"), "expected [psi, phi] (2 numbers), got "
                            + start.size() + " items");
                }
                List<Double> angles = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    angles.add(finite(start.get(i), p.pointer("start") + "/" + i));
                }
                if (!(angles.get(0) > 0 && angles.get(0) < Math.PI)) {
                    throw new ConfigException(p.pointer("start") + "/0", "psi must be in (0, pi), got " + angles.get(0));
                }
                if (!(Math.abs(angles.get(1)) < Math.PI)) {
                    throw new ConfigException(p.pointer("start") + "/1", "phi must be in (-pi, pi), got " + angles.get(1));
                }
                yield new ScaleInvariantRosenbrock(a, b, List.copyOf(angles), positiveInt(p, "stepsPerEpoch"),
                        positiveInt(p, "trajectoryEvery"));
            }
            case "reddi-online" -> {
                String variant = oneOf(p, "variant", List.of("cyclic", "stochastic"));
                double large = p.number("large");
                double small = p.number("small");
                int period = positiveInt(p, "period");
                if (period < 2) {
                    throw new ConfigException(p.pointer("period"), "expected an integer >= 2, got " + period);
                }
                double probability = 1.0 / period;
                if ("stochastic".equals(variant)) {
                    probability = p.number("probability");
                    if (!(probability > 0 && probability < 1)) {
                        throw new ConfigException(p.pointer("probability"), "expected a number in (0, 1), got " + probability);
                    }
                } else if (p.has("probability")) {
                    throw new ConfigException(p.pointer("probability"), "only the stochastic variant draws with a "
                            + "probability; the cyclic one takes the large gradient every period steps");
                }
                double start = p.number("start");
                if (!(start >= -1 && start <= 1)) {
                    throw new ConfigException(p.pointer("start"), "expected a number in [-1, 1], got " + start);
                }
                yield new ReddiOnline(variant, large, small, period, probability, start, positiveInt(p, "stepsPerEpoch"),
                        positiveInt(p, "trajectoryEvery"));
            }
            default -> throw new ConfigException(p.pointer("type"), "unknown problem \"" + type
                    + "\"; expected one of scale-invariant-rosenbrock, reddi-online");
        };
        p.finish();
        return t;
    }

    private static Classification classification(ConfigReader r) {
        ConfigReader d = r.object("data");
        String dataset = oneOf(d, "dataset", List.of("mnist", "fashion-mnist"));
        String scaling = oneOf(d, "scaling", List.of("unit", "raw"));
        Classification.Partition train = partition(d, "train", true);
        Classification.Partition validation = partition(d, "validation", false);
        Classification.Partition test = partition(d, "test", false);
        d.finish();
        Classification.Data data = new Classification.Data(dataset, scaling, train, validation, test);

        ConfigReader m = r.object("model");
        List<JsonNode> layerNodes = array(m, "layers", 1);
        List<Classification.Layer> layers = new ArrayList<>();
        for (int i = 0; i < layerNodes.size(); i++) {
            ConfigReader l = new ConfigReader(layerNodes.get(i), m.pointer("layers") + "/" + i);
            layers.add(new Classification.Layer(positiveInt(l, "units"),
                    oneOf(l, "activation", List.of("relu", "none"))));
            l.finish();
        }
        int classes = layers.get(layers.size() - 1).units();
        if (classes != 10) {
            throw new ConfigException(m.pointer("layers") + "/" + (layers.size() - 1) + "/units",
                    "the last layer must have 10 units (one per class), got " + classes);
        }
        String init = oneOf(m, "init", List.of("keras-glorot-uniform", "pytorch-default"));
        String dtype = m.has("dtype") ? oneOf(m, "dtype", List.of("float32", "float64")) : m.string("dtype", "float32");
        m.finish();

        String loss = r.has("loss") ? oneOf(r, "loss", List.of("softmax-cross-entropy")) : r.string("loss");

        ConfigReader b = r.object("batch");
        int size = positiveInt(b, "size");
        String partial = b.has("partial") ? oneOf(b, "partial", List.of("keep", "drop")) : b.string("partial", "keep");
        boolean shuffle = b.bool("shuffle", true);
        b.finish();
        if ("drop".equals(partial) && size > train.size()) {
            throw new ConfigException(b.pointer("size"), "batch size " + size + " exceeds the " + train.size()
                    + " training examples, and partial batches are dropped: no step would be taken");
        }

        int evalBatch = 1000;
        if (r.has("evaluation")) {
            ConfigReader e = r.object("evaluation");
            evalBatch = e.has("batchSize") ? positiveInt(e, "batchSize") : (int) e.integer("batchSize", 1000);
            e.finish();
        } else {
            r.rawOrNull("evaluation");
        }
        return new Classification(data, new Classification.Model(List.copyOf(layers), init, dtype), loss,
                new Classification.Batch(size, partial, shuffle), new Classification.Evaluation(evalBatch));
    }

    private static Classification.Partition partition(ConfigReader d, String field, boolean required) {
        if (!required && !d.has(field)) {
            d.rawOrNull(field);
            return null;
        }
        ConfigReader p = d.object(field);
        String source = oneOf(p, "source", List.of("train", "test"));
        int size = Classification.sourceSize(source);
        int from = (int) bounded(p, "from", 0, 0, size - 1);
        int to = (int) bounded(p, "to", size, 1, size);
        if (to <= from) {
            throw new ConfigException(p.pointer("to"), "expected an integer > from (" + from + "), got " + to);
        }
        p.finish();
        return new Classification.Partition(source, from, to);
    }

    private static List<Manifest.Arm> arms(ConfigReader r) {
        List<JsonNode> items = array(r, "arms", 1);
        List<Manifest.Arm> arms = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            ConfigReader a = new ConfigReader(items.get(i), r.pointer("arms") + "/" + i);
            String name = slug(a, "name");
            if (!names.add(name)) {
                throw new ConfigException(a.pointer("name"), "arm name \"" + name + "\" is used twice");
            }
            String label = a.string("label", "");
            JsonNode optimizer = a.raw("optimizer");
            OptimizerRegistry.fromJson(optimizer, a.pointer("optimizer"));
            JsonNode gridNode = a.rawOrNull("grid");
            List<Manifest.GridAxis> grid = gridNode == null ? List.of()
                    : grid(new ConfigReader(gridNode, a.pointer("grid")), gridNode, optimizer, a.pointer("optimizer"));
            Manifest.ArmHypothesis hypothesis = null;
            if (a.has("hypothesis")) {
                ConfigReader h = a.object("hypothesis");
                hypothesis = new Manifest.ArmHypothesis(nonEmpty(h, "change"), h.has("column") ? slug(h, "column") : name);
                h.finish();
            } else {
                a.rawOrNull("hypothesis");
            }
            a.finish();
            arms.add(new Manifest.Arm(name, label, optimizer, grid, hypothesis));
        }
        return List.copyOf(arms);
    }

    /**
     * The optional top-level {@code hypothesis}: {@code change} (required) and {@code baseline} (the
     * experiment it changes; absent for the baseline itself). A hypothesis is read against the paper's
     * numbers, so the manifest must carry a paper table.
     */
    private static Manifest.Hypothesis hypothesis(ConfigReader r, String name, Manifest.Paper paper) {
        if (!r.has("hypothesis")) {
            r.rawOrNull("hypothesis");
            return null;
        }
        ConfigReader h = r.object("hypothesis");
        String baseline = "";
        if (h.has("baseline")) {
            baseline = slug(h, "baseline");
            if (baseline.equals(name)) {
                throw new ConfigException(h.pointer("baseline"), "an experiment cannot be its own baseline (leave "
                        + "\"baseline\" out in the baseline itself)");
            }
        } else {
            h.rawOrNull("baseline");
        }
        String change = nonEmpty(h, "change");
        h.finish();
        if (paper == null || paper.tables().isEmpty()) {
            throw new ConfigException(h.pointer(), "a hypothesis is read against the paper's numbers: give "
                    + "\"paper\" a table");
        }
        return new Manifest.Hypothesis(baseline, change);
    }

    /** An arm's {@code hypothesis.column} must be an arm with a value in one of the paper's tables. */
    private static void checkArmHypotheses(ConfigReader r, List<Manifest.Arm> arms, Manifest.Paper paper) {
        for (int i = 0; i < arms.size(); i++) {
            Manifest.ArmHypothesis h = arms.get(i).hypothesis();
            if (h == null) {
                continue;
            }
            boolean inTable = paper != null && paper.tables().stream().flatMap(t -> t.rows().stream())
                    .anyMatch(row -> row.values().containsKey(h.column()));
            if (!inTable) {
                String at = r.pointer("arms") + "/" + i + "/hypothesis" + (h.column().equals(arms.get(i).name()) ? "" : "/column");
                throw new ConfigException(at, "arm \"" + h.column() + "\" has no value in the paper's tables, so "
                        + "there is nothing to read this hypothesis against");
            }
        }
    }

    private static List<Manifest.GridAxis> grid(ConfigReader g, JsonNode node, JsonNode optimizer,
            String optimizerPointer) {
        List<Manifest.GridAxis> axes = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            String at = g.pointer(key);
            if (!GRID_KEY.matcher(key).matches()) {
                throw new ConfigException(at, "expected a hyperparameter name such as \"lr\" or \"base.lr\" "
                        + "(for SAM's base optimizer), got \"" + key + "\"");
            }
            List<JsonNode> values = array(g, key, 1);
            for (int i = 0; i < values.size(); i++) {
                JsonNode v = values.get(i);
                String vp = at + "/" + i;
                if (!v.isNumber() && !v.isBoolean()) {
                    throw new ConfigException(vp, "expected a number or a boolean, got " + ConfigReader.describe(v));
                }
                JsonNode point = GridPoints.substitute(optimizer, key, v);
                if (point == null) {
                    throw new ConfigException(at, "the optimizer has no base optimizer for \"" + key + "\"");
                }
                try {
                    OptimizerRegistry.fromJson(point, optimizerPointer);
                } catch (ConfigException e) {
                    throw new ConfigException(vp, "grid value " + v + " for \"" + key + "\": " + e.getMessage());
                }
            }
            axes.add(new Manifest.GridAxis(key, List.copyOf(values)));
        }
        g.finish();
        if (axes.isEmpty()) {
            throw new ConfigException(g.pointer(), "expected at least one grid axis, got an empty object");
        }
        return List.copyOf(axes);
    }

    private static Manifest.Paper paper(ConfigReader p, List<Manifest.Arm> arms, Task task) {
        String citation = nonEmpty(p, "citation");
        String url = p.string("url", "");
        String notes = p.string("notes", "");
        List<Manifest.Table> tables = new ArrayList<>();
        if (p.has("tables")) {
            List<JsonNode> items = array(p, "tables", 0);
            for (int i = 0; i < items.size(); i++) {
                ConfigReader t = new ConfigReader(items.get(i), p.pointer("tables") + "/" + i);
                String id = slug(t, "id");
                String caption = t.string("caption", "");
                String metric = metricName(t, task);
                List<JsonNode> rowNodes = array(t, "rows", 1);
                List<Manifest.TableRow> rows = new ArrayList<>();
                for (int j = 0; j < rowNodes.size(); j++) {
                    ConfigReader row = new ConfigReader(rowNodes.get(j), t.pointer("rows") + "/" + j);
                    int epoch = (int) bounded(row, "epoch", -1, 0, Integer.MAX_VALUE);
                    ConfigReader values = row.object("values");
                    Map<String, Double> byArm = new LinkedHashMap<>();
                    for (Manifest.Arm arm : arms) {
                        if (values.has(arm.name())) {
                            byArm.put(arm.name(), finite(values.raw(arm.name()), values.pointer(arm.name())));
                        }
                    }
                    values.finish();
                    row.finish();
                    rows.add(new Manifest.TableRow(epoch, byArm));
                }
                t.finish();
                tables.add(new Manifest.Table(id, caption, metric, List.copyOf(rows)));
            }
        } else {
            p.rawOrNull("tables");
        }
        List<Manifest.Claim> claims = new ArrayList<>();
        if (p.has("claims")) {
            List<JsonNode> items = array(p, "claims", 0);
            for (int i = 0; i < items.size(); i++) {
                ConfigReader c = new ConfigReader(items.get(i), p.pointer("claims") + "/" + i);
                String id = slug(c, "id");
                String text = nonEmpty(c, "text");
                String arm = c.string("arm");
                if (arms.stream().noneMatch(a -> a.name().equals(arm))) {
                    throw new ConfigException(c.pointer("arm"), "no arm is named \"" + arm + "\"");
                }
                String metric = metricName(c, task);
                Double start = null;
                if (c.has("start")) {
                    start = finite(c.raw("start"), c.pointer("start"));
                } else {
                    c.rawOrNull("start");
                }
                double end = finite(c.raw("end"), c.pointer("end"));
                c.finish();
                claims.add(new Manifest.Claim(id, text, arm, metric, start, end));
            }
        } else {
            p.rawOrNull("claims");
        }
        p.finish();
        return new Manifest.Paper(citation, url, notes, List.copyOf(tables), List.copyOf(claims));
    }

    /** A {@code metric} field naming one of the task's own metrics.csv columns. */
    private static String metricName(ConfigReader r, Task task) {
        String metric = r.string("metric");
        List<String> own = new ArrayList<>(task.availableMetrics());
        own.remove(Task.DIAGNOSTICS);
        if (!own.contains(metric)) {
            throw new ConfigException(r.pointer("metric"), "expected one of " + String.join(", ", own) + ", got \""
                    + metric + "\"");
        }
        return metric;
    }

    private static List<String> metrics(ConfigReader r, Task task) {
        List<String> available = task.availableMetrics();
        if (!r.has("metrics")) {
            r.rawOrNull("metrics");
            return available;
        }
        List<JsonNode> items = array(r, "metrics", 1);
        List<String> metrics = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = r.pointer("metrics") + "/" + i;
            JsonNode n = items.get(i);
            if (!n.isTextual() || !available.contains(n.textValue())) {
                throw new ConfigException(at, "expected one of " + String.join(", ", available) + ", got "
                        + ConfigReader.describe(n));
            }
            if (metrics.contains(n.textValue())) {
                throw new ConfigException(at, "metric \"" + n.textValue() + "\" is listed twice");
            }
            metrics.add(n.textValue());
        }
        List<String> ordered = new ArrayList<>(available);
        ordered.retainAll(metrics);
        return List.copyOf(ordered);
    }

    // ---- typed field helpers: each names the pointer and the expectation ----

    private static String slug(ConfigReader r, String field) {
        String s = r.string(field);
        if (!SLUG.matcher(s).matches()) {
            throw new ConfigException(r.pointer(field), "expected a slug (lower-case letters and digits separated "
                    + "by single dashes, e.g. \"mnist-paper\"), got \"" + s + "\"");
        }
        return s;
    }

    private static String nonEmpty(ConfigReader r, String field) {
        String s = r.string(field);
        if (s.isBlank()) {
            throw new ConfigException(r.pointer(field), "expected a non-empty string");
        }
        return s;
    }

    private static String oneOf(ConfigReader r, String field, List<String> allowed) {
        String s = r.string(field);
        if (!allowed.contains(s)) {
            throw new ConfigException(r.pointer(field), "expected one of " + String.join(", ", allowed)
                    + ", got \"" + s + "\"");
        }
        return s;
    }

    private static int positiveInt(ConfigReader r, String field) {
        return (int) bounded(r, field, -1, 1, Integer.MAX_VALUE);
    }

    /** An integer in [min, max]; {@code fallback} when absent and fallback >= min, else required. */
    private static long bounded(ConfigReader r, String field, long fallback, long min, long max) {
        if (!r.has(field) && fallback >= min) {
            return r.integer(field, fallback);
        }
        JsonNode v = r.raw(field);
        if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max || !v.canConvertToLong()) {
            String range = max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer in [" + min + ", " + max + "]";
            throw new ConfigException(r.pointer(field), "expected " + range + ", got " + ConfigReader.describe(v));
        }
        return v.longValue();
    }

    private static double finite(JsonNode v, String at) {
        if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
            throw new ConfigException(at, "expected a finite number, got " + ConfigReader.describe(v));
        }
        return v.doubleValue();
    }

    private static List<JsonNode> array(ConfigReader r, String field, int minItems) {
        JsonNode v = r.raw(field);
        if (!v.isArray()) {
            throw new ConfigException(r.pointer(field), "expected an array, got " + ConfigReader.describe(v));
        }
        if (v.size() < minItems) {
            throw new ConfigException(r.pointer(field), "expected at least " + minItems + " item(s), got none");
        }
        List<JsonNode> items = new ArrayList<>();
        v.forEach(items::add);
        return items;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
