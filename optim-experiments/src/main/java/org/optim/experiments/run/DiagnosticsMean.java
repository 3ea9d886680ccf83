package org.optim.experiments.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.optim.core.Diagnostics;

/**
 * Means over an epoch's steps of every diagnostic an optimizer reports, keyed in the order the
 * keys first appeared (a 0/1 diagnostic such as a projection decision becomes the fraction of
 * steps on which it fired). A key reported on only some steps is averaged over those steps.
 */
public final class DiagnosticsMean {
    private final List<String> keys = new ArrayList<>();
    private double[] sums = new double[0];
    private long[] counts = new long[0];

    public void add(Diagnostics d) {
        for (Map.Entry<String, Double> e : d.asMap().entrySet()) {
            int i = keys.indexOf(e.getKey());
            if (i < 0) {
                keys.add(e.getKey());
                i = keys.size() - 1;
                sums = java.util.Arrays.copyOf(sums, keys.size());
                counts = java.util.Arrays.copyOf(counts, keys.size());
            }
            sums[i] += e.getValue();
            counts[i]++;
        }
    }

    /** Puts {@code key -> mean} for every key seen since the last reset, then starts a new epoch. */
    public void drainInto(Map<String, Double> row) {
        for (int i = 0; i < keys.size(); i++) {
            if (counts[i] > 0) {
                row.put(keys.get(i), sums[i] / counts[i]);
            }
            sums[i] = 0;
            counts[i] = 0;
        }
    }
}
