package org.optim.core;

/**
 * The floating-point format a parameter set is stored and computed in, with the two arithmetic
 * primitives every optimizer is written against.
 *
 * <p>Values of both formats travel through the optimizer code as {@code double}. For
 * {@link #FLOAT32} every operation result is rounded back to float32 with {@link #round}: because
 * a double carries more than 2 x 24 + 2 significand bits, rounding an exact IEEE double sum,
 * product, quotient or square root of two floats to float gives the correctly rounded float32
 * result (double rounding is innocuous), so the generic code reproduces float32 tensor arithmetic
 * bit for bit. Fused multiply-adds are the exception and go through {@link #fma}, which rounds
 * once in the target format ({@code Math.fma(float, float, float)}).
 */
public enum DType {
    /** IEEE binary32, PyTorch's {@code torch.float32}. */
    FLOAT32("float32") {
        @Override
        public double round(double x) {
            return (float) x;
        }

        @Override
        public double fma(double a, double b, double c) {
            return Math.fma((float) a, (float) b, (float) c);
        }
    },
    /** IEEE binary64, PyTorch's {@code torch.float64}. */
    FLOAT64("float64") {
        @Override
        public double round(double x) {
            return x;
        }

        @Override
        public double fma(double a, double b, double c) {
            return Math.fma(a, b, c);
        }
    };

    private final String label;

    DType(String label) {
        this.label = label;
    }

    /** Rounds an exact double result (or a double scalar meeting a tensor) to this format. */
    public abstract double round(double x);

    /** {@code a * b + c} with one rounding in this format. */
    public abstract double fma(double a, double b, double c);

    /** The name used in reference files and manifests: {@code float32} or {@code float64}. */
    public String label() {
        return label;
    }

    /** Parses {@code float32} / {@code float64}. */
    public static DType fromLabel(String label) {
        for (DType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("dtype must be float32 or float64, got " + label);
    }
}
