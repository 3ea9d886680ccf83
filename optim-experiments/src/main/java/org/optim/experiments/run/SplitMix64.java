package org.optim.experiments.run;

/**
 * The SplitMix64 generator (Steele, Lea &amp; Flood, "Fast Splittable Pseudorandom Number
 * Generators", OOPSLA 2014; the algorithm of {@link java.util.SplittableRandom}), kept as one
 * {@code long} of state so a checkpoint can store it and a resumed run draws the same numbers.
 *
 * <pre>
 * state += 0x9E3779B97F4A7C15
 * z = state; z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >>> 27)) * 0x94D049BB133111EB
 * next = z ^ (z >>> 31)
 * </pre>
 * One generator per purpose ({@code init}, {@code shuffle}, {@code data}) is derived from the run's
 * seed by {@link #forPurpose}, so adding draws for one purpose never shifts another's.
 */
public final class SplitMix64 {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    public SplitMix64(long state) {
        this.state = state;
    }

    /** The generator for {@code purpose} under {@code seed}: state = mix(seed) XOR mix(FNV-1a(purpose)). */
    public static SplitMix64 forPurpose(long seed, String purpose) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < purpose.length(); i++) {
            h = (h ^ purpose.charAt(i)) * 0x100000001b3L;
        }
        return new SplitMix64(mix(seed + GOLDEN) ^ mix(h));
    }

    /** The state, for checkpoints. */
    public long state() {
        return state;
    }

    /** Restores a state read back from a checkpoint. */
    public void setState(long state) {
        this.state = state;
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound) without modulo bias (Lemire's multiply-shift with rejection). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** Fisher-Yates shuffle of {@code a}, from the last element down. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
