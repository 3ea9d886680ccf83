package org.optim.experiments.landscape;

/**
 * A seeded stream of standard normal numbers that gives the same values on every JDK and machine.
 *
 * <pre>
 *   state_{k+1} = state_k + 0x9E3779B97F4A7C15            (SplitMix64, Steele et al., OOPSLA 2014)
 *   u = (mix64(state) >>> 11) * 2^-53                       uniform in [0, 1)
 *   z1 = sqrt(-2 ln(1 - u1)) cos(2 pi u2),  z2 = sqrt(-2 ln(1 - u1)) sin(2 pi u2)   (Box-Muller)
 * </pre>
 * The transcendental functions are {@link StrictMath}'s (fdlibm), so the values do not depend on
 * JIT intrinsics; {@code java.util.Random#nextGaussian} is avoided because its algorithm changed in
 * JDK 17. Each purpose (direction 1, direction 2, power-iteration start) gets its own stream via
 * {@link #forPurpose}.
 */
public final class GaussianSource {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_PI = 2 * Math.PI;

    private long state;
    private double spare;
    private boolean hasSpare;

    public GaussianSource(long seed) {
        this.state = seed;
    }

    /** A stream for one named purpose, derived from {@code seed} so that purposes never share values. */
    public static GaussianSource forPurpose(long seed, String purpose) {
        long h = 1125899906842597L;
        for (int i = 0; i < purpose.length(); i++) {
            h = 31 * h + purpose.charAt(i);
        }
        return new GaussianSource(mix64(seed ^ mix64(h)));
    }

    /** The next standard normal value. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spare;
        }
        double u1 = nextUniform();
        double u2 = nextUniform();
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

    private double nextUniform() {
        state += GOLDEN_GAMMA;
        return (mix64(state) >>> 11) * 0x1.0p-53;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
