package org.optim.experiments.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of {@code metrics.csv}: the epoch, the number of optimizer steps taken so far, and the
 * metric values by column name in insertion order (a column missing from a row is an empty cell).
 */
public record MetricsRow(int epoch, long step, Map<String, Double> values) {
    public MetricsRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
