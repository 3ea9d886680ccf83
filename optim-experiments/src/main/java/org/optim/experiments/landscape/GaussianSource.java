package org.optim.experiments.landscape;

import org.optim.experiments.run.SplitMix64;

/**
 * A seeded stream of standard normal numbers that gives the same values on every JDK and machine.
 *
 * <pre>
 *   u1, u2 = next two uniforms of SplitMix64 in [0, 1)
 *   z1 = sqrt(-2 ln(1 - u1)) cos(2 pi u2),  z2 = sqrt(-2 ln(1 - u1)) sin(2 pi u2)      (Box-Muller)
 * </pre>
 * The transcendental functions are {@link StrictMath}'s (fdlibm), so the values do not depend on
 * JIT intrinsics; {@code java.util.Random#nextGaussian} is avoided because its algorithm changed in
 * JDK 17. Each purpose (direction 1, direction 2, power-iteration start) gets its own stream via
 * {@link #forPurpose}, derived from the seed as the runner derives its own generators.
 */
public final class GaussianSource {
    private static final double TWO_PI = 2 * Math.PI;

    private final SplitMix64 uniform;
    private double spare;
    private boolean hasSpare;

    public GaussianSource(SplitMix64 uniform) {
        this.uniform = uniform;
    }

    /** A stream for one named purpose under {@code seed} ({@link SplitMix64#forPurpose}). */
    public static GaussianSource forPurpose(long seed, String purpose) {
        return new GaussianSource(SplitMix64.forPurpose(seed, purpose));
    }

    /** The next standard normal value. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = uniform.nextDouble();
        double u2 = uniform.nextDouble();
        double r = StrictMath.sqrt(-2 * StrictMath.log(1 - u1));
        double theta = TWO_PI * u2;
        spare = r * StrictMath.sin(theta);
        hasSpare = true;
        return r * StrictMath.cos(theta);
    }

    /** Fills {@code out} with standard normal values, in index order. */
    public void fill(double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = nextGaussian();
        }
    }
}
