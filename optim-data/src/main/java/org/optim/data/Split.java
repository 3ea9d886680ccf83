package org.optim.data;

import java.util.Arrays;

/**
 * Which images train, validate and test, as data. The pool is the file the training images come
 * from: normally the training file; {@link Pool#TEST} trains on the test file (what the paper's text
 * says it did), which {@link #trainsOnTestSet()} flags for the report. A validation set is carved out
 * of the pool, either as a fixed index range or as a seeded random subset; the remaining pool images
 * train, in file order. The test part is always the whole test file.
 *
 * <p>JSON form: {@code {"trainOn": "train"|"test", "validation": {"kind": "none"}
 * | {"kind": "range", "from": 50000, "to": 60000} | {"kind": "seeded", "size": 10000, "seed": 7}}}
 * (both fields optional; defaults: train, none).
 *
 * <p>Seeded subsets: a Fisher-Yates shuffle of {@code 0..n-1} driven by SplitMix64 (Steele, Lea,
 * Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014) seeded with {@code seed}:
 * for {@code i = n-1} down to 1, {@code j = bounded(i + 1)} and swap; the validation indices are the
 * first {@code size} entries of the result, sorted. {@code bounded(m)} draws {@code r = next() >>> 1}
 * and returns {@code r % m}, drawing again while {@code r - r % m + (m - 1)} overflows (an unbiased
 * rejection). The sequence is fixed by this comment, not by any JDK class, so it can be reproduced
 * elsewhere.
 *
 * <p>Matches: Vigna's reference {@code splitmix64.c} for {@code next()}; seed 0
 * gives 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4 (checked in DatasetsTest).
 *
 * @param trainOn which file the training (and validation) images come from
 * @param validation how the validation images are chosen
 */
public record Split(Pool trainOn, Validation validation) {
    /** Train on all training images, no validation, test on the test file. */
    public static final Split STANDARD = new Split(Pool.TRAIN, new None());

    /** The file images are trained on. */
    public enum Pool { TRAIN, TEST }

    /** How validation images are taken out of the pool. */
    public sealed interface Validation permits None, Range, Seeded {
    }

    /** No validation set. */
    public record None() implements Validation {
    }

    /**
     * Pool indices {@code [from, to)} validate, e.g. the last 10,000 training images: {@code Range(50000, 60000)}.
     *
     * @param from first index, at least 0
     * @param to one past the last index, more than {@code from}
     */
    public record Range(int from, int to) implements Validation {
        public Range {
            if (from < 0 || to <= from) {
                throw new IllegalArgumentException("validation range [" + from + ", " + to + ") must have 0 <= from < to");
            }
        }
    }

    /**
     * {@code size} pool images chosen by a seeded shuffle validate.
     *
     * @param size at least 1
     * @param seed the shuffle's seed
     */
    public record Seeded(int size, long seed) implements Validation {
        public Seeded {
            if (size < 1) {
                throw new IllegalArgumentException("validation size must be at least 1, got " + size);
            }
        }
    }

    public Split {
        if (trainOn == null || validation == null) {
            throw new IllegalArgumentException("a split needs trainOn and validation");
        }
    }

    /** Builds from a JSON-like map; errors name the JSON pointer under {@code pointer}. */
    public static Split fromMap(Object json, String pointer) {
        Fields f = new Fields(json, pointer, "trainOn", "validation");
        Pool pool = f.string("trainOn", "train", "train", "test").equals("test") ? Pool.TEST : Pool.TRAIN;
        if (!f.has("validation")) {
            return new Split(pool, new None());
        }
        Object v = f.get("validation");
        String vp = f.pointer("validation");
        String kind = new Fields(v, vp, "kind", "from", "to", "size", "seed").string("kind", null, "none", "range", "seeded");
        return new Split(pool, switch (kind) {
            case "none" -> {
                new Fields(v, vp, "kind");
                yield new None();
            }
            case "range" -> {
                Fields r = new Fields(v, vp, "kind", "from", "to");
                int from = (int) r.integer("from", 0, Integer.MAX_VALUE);
                int to = (int) r.integer("to", 0, Integer.MAX_VALUE);
                if (to <= from) {
                    throw new IllegalArgumentException(r.pointer("to") + ": must be more than from (" + from + "), got " + to);
                }
                yield new Range(from, to);
            }
            default -> {
                Fields s = new Fields(v, vp, "kind", "size", "seed");
                yield new Seeded((int) s.integer("size", 1, Integer.MAX_VALUE), s.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE));
            }
        });
    }

    /** Whether the network trains on the test file. */
    public boolean trainsOnTestSet() {
        return trainOn == Pool.TEST;
    }

    /**
     * The pool indices that train and those that validate, each ascending.
     *
     * @throws IllegalArgumentException if the validation set does not fit in a pool of {@code n} images
     *     or would leave nothing to train on
     */
    Assignment assign(int n) {
        if (validation instanceof Range r) {
            if (r.to() > n || r.to() - r.from() >= n) {
                throw new IllegalArgumentException("validation range [" + r.from() + ", " + r.to()
                        + ") must lie inside the " + n + " " + pool() + " images and leave some to train on");
            }
            int[] train = new int[n - (r.to() - r.from())];
            for (int i = 0, k = 0; i < n; i++) {
                if (i < r.from() || i >= r.to()) {
                    train[k++] = i;
                }
            }
            return new Assignment(train, range(r.from(), r.to()));
        }
        if (validation instanceof Seeded s) {
            if (s.size() >= n) {
                throw new IllegalArgumentException("validation size " + s.size() + " must be less than the "
                        + n + " " + pool() + " images");
            }
            int[] perm = permutation(n, s.seed());
            int[] val = Arrays.copyOf(perm, s.size());
            int[] train = Arrays.copyOfRange(perm, s.size(), n);
            Arrays.sort(val);
            Arrays.sort(train);
            return new Assignment(train, val);
        }
        return new Assignment(range(0, n), new int[0]);
    }

    /** Pool indices for training and validation. */
    record Assignment(int[] train, int[] validation) {
    }

    /**
     * For provenance: e.g. {@code train=train[0:50000] val=train[50000:60000] test=test[0:10000]}, or
     * with a seeded split {@code val=train{seeded 10000 of 60000, seed 7}}; training on the test file
     * adds {@code (trains on the test set)}.
     */
    public String describe(int poolSize, int testSize) {
        String p = pool();
        String text;
        if (validation instanceof Range r) {
            text = "train=" + (r.from() == 0 ? "" : p + "[0:" + r.from() + "]")
                    + (r.from() > 0 && r.to() < poolSize ? "+" : "")
                    + (r.to() == poolSize ? "" : p + "[" + r.to() + ":" + poolSize + "]")
                    + " val=" + p + "[" + r.from() + ":" + r.to() + "]";
        } else if (validation instanceof Seeded s) {
            text = "train=" + p + "{the other " + (poolSize - s.size()) + "} val=" + p + "{seeded "
                    + s.size() + " of " + poolSize + ", seed " + s.seed() + "}";
        } else {
            text = "train=" + p + "[0:" + poolSize + "]";
        }
        return text + " test=test[0:" + testSize + "]" + (trainsOnTestSet() ? " (trains on the test set)" : "");
    }

    private String pool() {
        return trainOn == Pool.TEST ? "test" : "train";
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        Arrays.setAll(r, i -> from + i);
        return r;
    }

    /** The seeded permutation of {@code 0..n-1} described in the class comment. */
    static int[] permutation(int n, long seed) {
        int[] a = range(0, n);
        long[] state = {seed};
        for (int i = n - 1; i > 0; i--) {
            int j = bounded(state, i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static int bounded(long[] state, int m) {
        while (true) {
            long r = splitMix64(state) >>> 1;
            long v = r % m;
            if (r - v + (m - 1) >= 0) {
                return (int) v;
            }
        }
    }

    /** SplitMix64: state += 0x9E3779B97F4A7C15, then the variant-13 finalizer of MurmurHash3. */
    static long splitMix64(long[] state) {
        long z = state[0] += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
