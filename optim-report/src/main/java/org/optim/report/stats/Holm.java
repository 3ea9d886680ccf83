package org.optim.report.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction for multiple comparisons (Holm 1979, "A simple sequentially rejective
 * multiple test procedure", Scand. J. Statist. 6). With the m p-values sorted ascending,
 * <pre>
 * p~_(i) = min(1, max_{j &lt;= i} (m - j + 1) * p_(j))
 * </pre>
 * returned in the input order. NaN p-values (tests that could not be run) stay NaN and do not count in m.
 */
public final class Holm {
    private Holm() {
    }

    public static double[] adjust(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                order[m++] = i;
            }
        }
        Integer[] finite = Arrays.copyOf(order, m);
        Arrays.sort(finite, Comparator.<Integer>comparingDouble(i -> p[i]).thenComparingInt(i -> i));
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            running = Math.max(running, Math.min(1, (m - rank) * p[finite[rank]]));
            adjusted[finite[rank]] = running;
        }
        return adjusted;
    }
}
