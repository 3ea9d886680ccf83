package org.optim.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named per-step measurements an optimizer reports for the run logs, in insertion order:
 * AdamP/SGDP's projection decision per parameter, SAM's perturbation and gradient norms,
 * Expectigrad's fraction of exactly-zero gradient entries.
 */
public final class Diagnostics {
    private final Map<String, Double> values = new LinkedHashMap<>();

    public void put(String key, double value) {
        values.put(key, value);
    }

    public void putAll(Diagnostics other) {
        values.putAll(other.values);
    }

    /** The value of {@code key}, or NaN if it was not reported. */
    public double get(String key) {
        return values.getOrDefault(key, Double.NaN);
    }

    public boolean contains(String key) {
        return values.containsKey(key);
    }

    public Map<String, Double> asMap() {
        return Collections.unmodifiableMap(values);
    }
}
