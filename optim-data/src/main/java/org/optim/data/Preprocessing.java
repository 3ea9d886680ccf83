package org.optim.data;

import java.util.Locale;

/**
 * How pixels (unsigned bytes 0 to 255) become network inputs: data, not code paths.
 *
 * <pre>
 * x = scale == UNIT ? p / 255f : (float) p        (float32 division, as torchvision's ToTensor)
 * x = (x - (float) mean) / (float) std             only with a normalization (as torchvision's Normalize)
 * </pre>
 *
 * Every image is stored row-major, {@code rows * cols} floats per image; {@code flatten} only chooses
 * the item shape reported to the network ({@code [784]} or {@code [1, 28, 28]}), the memory layout is
 * the same. JSON form: {@code {"scale": "unit"|"raw", "normalize": {"mean": 0.1307, "std": 0.3081},
 * "flatten": true}} (every field optional; defaults: unit, none, true).
 *
 * <p>Matches: torchvision {@code transforms/functional.py}, {@code to_tensor} ({@code img.float().div(255)})
 * and {@code normalize} ({@code tensor.sub_(mean).div_(std)}), both in float32.
 *
 * @param scale pixel scaling
 * @param normalization mean/std normalization after scaling, or null for none
 * @param flatten whether items are vectors ({@code [rows*cols]}) rather than {@code [1, rows, cols]}
 */
public record Preprocessing(Scale scale, Normalization normalization, boolean flatten) {
    /** /255, no normalization, flattened: the paper's MLP input. */
    public static final Preprocessing DEFAULT = new Preprocessing(Scale.UNIT, null, true);

    /** Pixel scaling. */
    public enum Scale {
        /** p / 255, in [0, 1]. */
        UNIT("unit"),
        /** p as is, in [0, 255]. */
        RAW("raw");

        private final String json;

        Scale(String json) {
            this.json = json;
        }

        /** The name in manifests. */
        public String json() {
            return json;
        }
    }

    /**
     * Subtract {@code mean}, divide by {@code std} (in the scaled units).
     *
     * @param mean finite
     * @param std finite and positive
     */
    public record Normalization(double mean, double std) {
        public Normalization {
            if (!Double.isFinite(mean)) {
                throw new IllegalArgumentException("normalize.mean must be finite, got " + mean);
            }
            if (!(std > 0) || !Double.isFinite(std)) {
                throw new IllegalArgumentException("normalize.std must be finite and positive, got " + std);
            }
        }
    }

    public Preprocessing {
        if (scale == null) {
            throw new IllegalArgumentException("scale must be unit or raw, got nothing");
        }
    }

    /** Builds from a JSON-like map; errors name the JSON pointer under {@code pointer}. */
    public static Preprocessing fromMap(Object json, String pointer) {
        Fields f = new Fields(json, pointer, "scale", "normalize", "flatten");
        Scale scale = f.string("scale", "unit", "unit", "raw").equals("raw") ? Scale.RAW : Scale.UNIT;
        Normalization norm = null;
        if (f.has("normalize")) {
            Fields n = new Fields(f.get("normalize"), f.pointer("normalize"), "mean", "std");
            double std = n.number("std");
            if (!(std > 0)) {
                throw new IllegalArgumentException(n.pointer("std") + ": must be positive, got " + std);
            }
            norm = new Normalization(n.number("mean"), std);
        }
        return new Preprocessing(scale, norm, f.bool("flatten", true));
    }

    /** The 256 values a pixel byte maps to. */
    float[] table() {
        float[] t = new float[256];
        for (int p = 0; p < 256; p++) {
            float x = scale == Scale.UNIT ? p / 255f : (float) p;
            t[p] = normalization == null ? x : (x - (float) normalization.mean()) / (float) normalization.std();
        }
        return t;
    }

    /** The shape of one item: {@code [rows*cols]} or {@code [1, rows, cols]}. */
    public int[] itemShape(int rows, int cols) {
        return flatten ? new int[] {rows * cols} : new int[] {1, rows, cols};
    }

    /** For provenance, e.g. {@code scale=/255 normalize=none flatten=true}. */
    public String describe() {
        String norm = normalization == null ? "none" : String.format(Locale.ROOT, "(x-%s)/%s",
                Double.toString(normalization.mean()), Double.toString(normalization.std()));
        return "scale=" + (scale == Scale.UNIT ? "/255" : "raw") + " normalize=" + norm + " flatten=" + flatten;
    }
}
