package org.optim.report.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded percentile bootstrap of the mean (Efron &amp; Tibshirani, "An Introduction to the Bootstrap",
 * 1993, ch. 13): draw {@code resamples} samples of size n with replacement from a
 * {@link SplittableRandom} seeded with {@code seed}, take their means, sort them, and return the
 * empirical {@code (1 - level) / 2} and {@code (1 + level) / 2} quantiles (order statistics at
 * {@code floor(q * (B - 1))}, no interpolation). Same input and seed give the same bits.
 */
public final class Bootstrap {
    /** Resamples per interval. */
    public static final int RESAMPLES = 10_000;
    /** The seed every report uses: analysis must not depend on anything but the run logs. */
    public static final long SEED = 20_201_002L;

    private Bootstrap() {
    }

    /** {low, high}; for n = 1 both are the value, for n = 0 both are NaN. */
    public static double[] meanCi(double[] xs, long seed, int resamples, double level) {
        int n = xs.length;
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom rng = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += xs[rng.nextInt(n)];
            }
            means[b] = sum / n;
        }
        Arrays.sort(means);
        double alpha = (1 - level) / 2;
        return new double[] {means[(int) Math.floor(alpha * (resamples - 1))],
                means[(int) Math.floor((1 - alpha) * (resamples - 1))]};
    }
}
