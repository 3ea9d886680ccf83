package org.optim.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.optim.experiments.manifest.Classification;
import org.optim.experiments.manifest.GridPoints;
import org.optim.experiments.manifest.Json;
import org.optim.experiments.manifest.Manifest;
import org.optim.experiments.manifest.ManifestReader;
import org.optim.experiments.manifest.Task;

/**
 * Expands manifests into runs (arms x grid points x seeds) in a fixed order, and partitions them
 * into shards: shard {@code i} of {@code n} takes the runs whose position in that order is
 * congruent to {@code i} mod {@code n}. The order is by experiment name, arm name, config id and
 * seed, so it depends only on what is run, never on the order of files on the command line.
 */
public final class RunPlan {
    private RunPlan() {
    }

    /**
     * What the command line changes for a quick run.
     *
     * @param epochs epochs instead of the manifest's, or {@code null}
     * @param seeds  seeds instead of the manifest's, or {@code null}
     * @param arms   only these arms (names), or {@code null} for all
     */
    public record Overrides(Integer epochs, List<Long> seeds, List<String> arms) {
        public static final Overrides NONE = new Overrides(null, null, null);
    }

    /** Where data files' SHA-256s come from (the data module for classification tasks). */
    @FunctionalInterface
    public interface DataHashes {
        /** File name -> SHA-256 of every file the task reads. */
        Map<String, String> of(Classification.Data data);
    }

    /** Every run of {@code manifests}, sorted; an unknown arm in {@code overrides} is an error. */
    public static List<RunSpec> expand(List<Manifest> manifests, Overrides overrides, DataHashes hashes) {
        Set<String> names = new HashSet<>();
        List<RunSpec> runs = new ArrayList<>();
        for (Manifest m : manifests) {
            if (!names.add(m.name())) {
                throw new IllegalArgumentException("two manifests are named \"" + m.name() + "\"");
            }
            if (overrides.arms() != null) {
                for (String a : overrides.arms()) {
                    if (m.arm(a) == null) {
                        throw new IllegalArgumentException("--arms: manifest " + m.name() + " has no arm \"" + a
                                + "\" (it has " + String.join(", ", m.arms().stream().map(Manifest.Arm::name).toList()) + ")");
                    }
                }
            }
            Map<String, String> data = m.task() instanceof Classification c ? new TreeMap<>(hashes.of(c.data())) : Map.of();
            int epochs = overrides.epochs() != null ? overrides.epochs() : m.epochs();
            List<Long> seeds = overrides.seeds() != null ? overrides.seeds() : m.seeds();
            for (Manifest.Arm arm : m.arms()) {
                if (overrides.arms() != null && !overrides.arms().contains(arm.name())) {
                    continue;
                }
                for (Map<String, JsonNode> point : GridPoints.expand(arm.grid())) {
                    JsonNode optimizer = GridPoints.apply(arm.optimizer(), point);
                    ObjectNode config = effectiveConfig(m, optimizer);
                    String id = configId(config, data);
                    for (long seed : seeds) {
                        runs.add(new RunSpec(m, arm, point, optimizer, seed, epochs, config, data, id));
                    }
                }
            }
        }
        runs.sort(Comparator.comparing((RunSpec r) -> r.manifest().name()).thenComparing(r -> r.arm().name())
                .thenComparing(RunSpec::configId).thenComparingLong(RunSpec::seed));
        return List.copyOf(runs);
    }

    /** The runs of shard {@code index} (0-based) of {@code count}. */
    public static List<RunSpec> shard(List<RunSpec> runs, int index, int count) {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("--shard: expected I/N with 0 <= I < N, got " + index + "/" + count);
        }
        List<RunSpec> out = new ArrayList<>();
        for (int i = index; i < runs.size(); i += count) {
            out.add(runs.get(i));
        }
        return out;
    }

    /** The effective config of a run: the task and the optimizer at its grid point, and the metrics logged. */
    static ObjectNode effectiveConfig(Manifest m, JsonNode optimizer) {
        ObjectNode c = Json.STRICT.createObjectNode();
        Task t = m.task();
        if (t instanceof Classification cl) {
            c.set("data", Json.STRICT.valueToTree(cl.data()));
            c.set("model", Json.STRICT.valueToTree(cl.model()));
            c.put("loss", cl.loss());
            c.set("batch", Json.STRICT.valueToTree(cl.batch()));
            c.set("evaluation", Json.STRICT.valueToTree(cl.evaluation()));
        } else {
            ObjectNode p = Json.STRICT.createObjectNode();
            p.put("type", t.type());
            p.setAll((ObjectNode) Json.STRICT.valueToTree(t));
            c.set("problem", p);
        }
        c.set("optimizer", optimizer);
        c.set("metrics", Json.STRICT.valueToTree(m.metrics()));
        return (ObjectNode) Json.sorted(c);
    }

    static String configId(ObjectNode config, Map<String, String> data) {
        ObjectNode identity = Json.STRICT.createObjectNode();
        identity.set("config", config);
        identity.set("data", Json.STRICT.valueToTree(data));
        return ManifestReader.sha256(Json.canonicalBytes(identity)).substring(0, 12);
    }
}
