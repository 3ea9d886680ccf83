package org.optim.report.stats;

/**
 * Descriptive statistics of one cell (one arm, one epoch) over seeds, with a bootstrap CI of the mean.
 * Values are summed in the order given (seed order), so the result is reproducible bit for bit.
 *
 * <pre>
 * mean = sum(x) / n,  std = sqrt(sum((x - mean)^2) / (n - 1))   (sample standard deviation; NaN for n &lt; 2)
 * </pre>
 *
 * @param n      the number of values
 * @param mean   NaN for n = 0
 * @param std    NaN for n &lt; 2
 * @param min    NaN for n = 0
 * @param max    NaN for n = 0
 * @param ciLow  lower end of the 95% percentile bootstrap CI of the mean ({@link Bootstrap})
 * @param ciHigh upper end
 */
public record Summary(int n, double mean, double std, double min, double max, double ciLow, double ciHigh) {
    /** Summarizes {@code xs}; the bootstrap uses {@code seed}. */
    public static Summary of(double[] xs, long seed) {
        int n = xs.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : xs) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double std = Math.sqrt(variance(xs));
        double[] ci = Bootstrap.meanCi(xs, seed, Bootstrap.RESAMPLES, 0.95);
        return new Summary(n, mean(xs), std, min, max, ci[0], ci[1]);
    }

    /** The mean, summed in the order given. */
    public static double mean(double[] xs) {
        double sum = 0;
        for (double x : xs) {
            sum += x;
        }
        return sum / xs.length;
    }

    /** The sample variance (n - 1 in the denominator); NaN for fewer than two values. */
    static double variance(double[] xs) {
        if (xs.length < 2) {
            return Double.NaN;
        }
        double mean = mean(xs);
        double ss = 0;
        for (double x : xs) {
            ss += (x - mean) * (x - mean);
        }
        return ss / (xs.length - 1);
    }

    /** Whether {@code value} lies in [min, max] (false for n = 0). */
    public boolean inRange(double value) {
        return n > 0 && value >= min && value <= max;
    }
}
