package org.optim.report.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * The Wilcoxon signed-rank test for paired samples (Wilcoxon 1945; Hollander, Wolfe &amp; Chicken,
 * "Nonparametric Statistical Methods", 3rd ed., section 3.1), two-sided, with the exact permutation
 * distribution.
 *
 * <pre>
 * d_i = x_i - y_i; pairs with d_i = 0 are dropped (Wilcoxon's convention), leaving n
 * r_i = rank of |d_i| among the n, ties get their average rank
 * W+  = sum of r_i over d_i &gt; 0
 * p   = min(1, 2 * min(P(W &lt;= W+), P(W &gt;= W+))), W = sum of r_i * s_i over all 2^n sign vectors s
 * </pre>
 * The null distribution is counted exactly by dynamic programming over the doubled ranks (integers even
 * with ties), so the p-value is exact for any n this report meets. With n pairs the smallest p it can
 * give is {@code 2 / 2^n}: 0.0625 for n = 5, so five seeds can never show a difference at the 5% level.
 */
public final class WilcoxonSignedRank {
    /**
     * @param n       pairs left after dropping zero differences
     * @param wPlus   the statistic W+
     * @param p       two-sided exact p-value (NaN for n = 0)
     * @param minimumP the smallest p-value attainable with n pairs
     */
    public record Result(int n, double wPlus, double p, double minimumP) {
    }

    private WilcoxonSignedRank() {
    }

    public static Result test(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + x.length + " vs " + y.length);
        }
        double[] d = new double[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            double di = x[i] - y[i];
            if (di != 0) {
                d[n++] = di;
            }
        }
        if (n == 0) {
            return new Result(0, 0, Double.NaN, 1);
        }
        double[] diffs = Arrays.copyOf(d, n);
        int[] doubledRanks = doubledRanks(diffs);
        int total = 0;
        int wPlus2 = 0;
        for (int i = 0; i < n; i++) {
            total += doubledRanks[i];
            if (diffs[i] > 0) {
                wPlus2 += doubledRanks[i];
            }
        }
        double[] counts = new double[total + 1];
        counts[0] = 1;
        for (int r : doubledRanks) {
            for (int s = total; s >= r; s--) {
                counts[s] += counts[s - r];
            }
        }
        double all = Math.pow(2, n);
        double below = 0;
        double above = 0;
        for (int s = 0; s <= total; s++) {
            if (s <= wPlus2) {
                below += counts[s];
            }
            if (s >= wPlus2) {
                above += counts[s];
            }
        }
        double p = Math.min(1, 2 * Math.min(below, above) / all);
        return new Result(n, wPlus2 / 2.0, p, Math.min(1, 2 / all));
    }

    /** Twice the average ranks of |d| (1-based), in the order of {@code d}. */
    private static int[] doubledRanks(double[] d) {
        Integer[] order = new Integer[d.length];
        for (int i = 0; i < d.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> Math.abs(d[i])));
        int[] ranks = new int[d.length];
        int i = 0;
        while (i < d.length) {
            int j = i;
            while (j + 1 < d.length && Math.abs(d[order[j + 1]]) == Math.abs(d[order[i]])) {
                j++;
            }
            int doubledAverage = (i + 1) + (j + 1);
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = doubledAverage;
            }
            i = j + 1;
        }
        return ranks;
    }
}
