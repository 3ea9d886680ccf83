package org.optim.experiments.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The points of an arm's grid and the optimizer object at each point. */
public final class GridPoints {
    private GridPoints() {
    }

    /**
     * Every point of the grid, first axis slowest (manifest order), each as key -> value in axis
     * order; one empty point without a grid.
     */
    public static List<Map<String, JsonNode>> expand(List<Manifest.GridAxis> axes) {
        List<Map<String, JsonNode>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (Manifest.GridAxis axis : axes) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> p : points) {
                for (JsonNode v : axis.values()) {
                    Map<String, JsonNode> q = new LinkedHashMap<>(p);
                    q.put(axis.key(), v);
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }

    /** The optimizer object with every value of {@code point} set; {@code null} if a key's base is missing. */
    public static JsonNode apply(JsonNode optimizer, Map<String, JsonNode> point) {
        JsonNode out = optimizer;
        for (Map.Entry<String, JsonNode> e : point.entrySet()) {
            out = substitute(out, e.getKey(), e.getValue());
            if (out == null) {
                return null;
            }
        }
        return out;
    }

    /**
     * A copy of {@code optimizer} with hyperparameter {@code key} set to {@code value}: {@code lr}
     * sets {@code /hyperparameters/lr}, {@code base.lr} sets {@code /base/hyperparameters/lr}.
     * {@code null} when a {@code base} named by the key does not exist.
     */
    public static JsonNode substitute(JsonNode optimizer, String key, JsonNode value) {
        ObjectNode root = optimizer.deepCopy();
        ObjectNode target = root;
        String rest = key;
        while (rest.startsWith("base.")) {
            JsonNode base = target.get("base");
            if (base == null || !base.isObject()) {
                return null;
            }
            target = (ObjectNode) base;
            rest = rest.substring("base.".length());
        }
        JsonNode hp = target.get("hyperparameters");
        ObjectNode hyper = hp != null && hp.isObject() ? (ObjectNode) hp : target.putObject("hyperparameters");
        hyper.set(rest, value);
        return root;
    }
}
