package org.optim.experiments.conformance;

/**
 * The worst disagreement of one group of compared values (parameters, state, gradients).
 *
 * @param maxAbs   largest {@code |actual - expected|}
 * @param maxRel   largest {@code |actual - expected| / |expected|} over nonzero expected values
 * @param maxRatio largest {@code |actual - expected| / (abs + rel |expected|)}: at most 1 iff every
 *                 value is within the tolerance
 * @param count    number of values compared
 */
public record Deviation(double maxAbs, double maxRel, double maxRatio, long count) {
    /** Nothing compared. */
    public static final Deviation NONE = new Deviation(0, 0, 0, 0);

    /** Accumulates comparisons; NaN or infinite actual values count as infinitely far. */
    static final class Accumulator {
        private double maxAbs;
        private double maxRel;
        private double maxRatio;
        private long count;

        /** Compares one value and returns whether it is within {@code tolerance}. */
        boolean add(double actual, double expected, Tolerance tolerance) {
            double diff = Math.abs(actual - expected);
            if (Double.isNaN(diff)) {
                diff = Double.POSITIVE_INFINITY;
            }
            count++;
            maxAbs = Math.max(maxAbs, diff);
            if (expected != 0) {
                maxRel = Math.max(maxRel, diff / Math.abs(expected));
            }
            double bound = tolerance.bound(expected);
            double ratio = diff == 0 ? 0 : bound == 0 ? Double.POSITIVE_INFINITY : diff / bound;
            maxRatio = Math.max(maxRatio, ratio);
            return diff <= bound;
        }

        Deviation result() {
            return new Deviation(maxAbs, maxRel, maxRatio, count);
        }
    }
}
