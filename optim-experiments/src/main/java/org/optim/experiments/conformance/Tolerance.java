package org.optim.experiments.conformance;

/**
 * The elementwise comparison rule of the reference files: {@code |actual - expected| <= abs + rel *
 * |expected|}. A NaN actual value never passes.
 *
 * @param abs absolute slack
 * @param rel slack relative to the expected value
 */
public record Tolerance(double abs, double rel) {
    public Tolerance {
        if (!(abs >= 0) || !(rel >= 0) || Double.isInfinite(abs) || Double.isInfinite(rel)) {
            throw new IllegalArgumentException("tolerance needs finite abs, rel >= 0, got abs " + abs + ", rel " + rel);
        }
    }

    /** The largest allowed {@code |actual - expected|}. */
    public double bound(double expected) {
        return abs + rel * Math.abs(expected);
    }

    /** Whether {@code actual} is close enough to {@code expected}. */
    public boolean allows(double actual, double expected) {
        return Math.abs(actual - expected) <= bound(expected);
    }
}
