package org.optim.core.problems;

import java.util.List;
import java.util.SplittableRandom;
import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * Seeded toy problems for optimizer tests, in either dtype. Every datum is a multiple of 2^-10, so
 * the float32 and float64 versions start from the same point.
 */
public final class Toys {
    private Toys() {
    }

    /** A problem with its starting parameters (fresh copies on every call). */
    public record Toy(ParameterSet parameters, GradientOracle oracle) {
    }

    /** {@code 0.5 x^T A x + b^T x} in 4 dimensions, A = M M^T / 4 + I (positive definite). */
    public static Toy quadratic(DType dtype) {
        int n = 4;
        return new Toy(ParameterSet.of(Parameter.of("x", Tensor.of(dtype, new int[] {n}, grid(n, 11)))),
                new Quadratic(n, spd(n, 12), grid(n, 13)));
    }

    /** The 4x4 matrix of {@link #quadratic}, row-major. */
    public static double[] quadraticA() {
        return spd(4, 12);
    }

    /** The linear term of {@link #quadratic}. */
    public static double[] quadraticB() {
        return grid(4, 13);
    }

    /**
     * The reference README's scale-invariant toy: W [4,3] layer-normalised, V [3,4] row-normalised,
     * v [5] layer-normalised (1-D, never projected).
     */
    public static Toy scaleInvariant(DType dtype) {
        ParameterSet set = ParameterSet.of(
                Parameter.of("W", Tensor.of(dtype, new int[] {4, 3}, grid(12, 21))),
                Parameter.of("V", Tensor.of(dtype, new int[] {3, 4}, grid(12, 22))),
                Parameter.of("v", Tensor.of(dtype, new int[] {5}, grid(5, 23))));
        ScaleInvariant oracle = new ScaleInvariant(List.of(
                new ScaleInvariant.Term("W", ScaleInvariant.Normalization.LAYER, spd(12, 24), grid(12, 25)),
                new ScaleInvariant.Term("V", ScaleInvariant.Normalization.ROW, spd(12, 26), grid(12, 27)),
                new ScaleInvariant.Term("v", ScaleInvariant.Normalization.LAYER, spd(5, 28), grid(5, 29))));
        return new Toy(set, oracle);
    }

    /**
     * Parameters wide enough for several vector iterations plus a tail on any vector width: W [37, 29],
     * whose gradient is made orthogonal to each row (AdamP/SGDP's channel view fires), U [13, 17] whose
     * gradient has a radial part {@code 0.05 p} (no view fires), and b [37] whose every fifth gradient entry is exactly zero. The gradient is a
     * deterministic function of the parameters: {@code 0.1 sin(1000 p_k + k)}.
     */
    public static Toy wide(DType dtype) {
        ParameterSet set = ParameterSet.of(
                Parameter.of("W", Tensor.of(dtype, new int[] {37, 29}, grid(37 * 29, 31))),
                Parameter.of("U", Tensor.of(dtype, new int[] {13, 17}, grid(13 * 17, 32))),
                Parameter.of("b", Tensor.of(dtype, new int[] {37}, grid(37, 33))));
        GradientOracle oracle = parameters -> {
            double loss = 0;
            for (Parameter p : parameters) {
                Tensor v = p.value();
                double[] g = new double[v.size()];
                for (int k = 0; k < g.length; k++) {
                    g[k] = p.name().equals("b") && k % 5 == 0 ? 0 : 0.1 * StrictMath.sin(1000 * v.get(k) + k);
                    if (p.name().equals("U")) {
                        g[k] += 0.05 * v.get(k);
                    }
                }
                if (p.name().equals("W")) {
                    int cols = v.dim(1);
                    for (int r = 0; r < v.dim(0); r++) {
                        double pg = 0;
                        double pp = 0;
                        for (int k = r * cols; k < (r + 1) * cols; k++) {
                            pg += v.get(k) * g[k];
                            pp += v.get(k) * v.get(k);
                        }
                        for (int k = r * cols; k < (r + 1) * cols; k++) {
                            g[k] -= v.get(k) * pg / pp;
                        }
                    }
                }
                for (int k = 0; k < g.length; k++) {
                    p.grad().set(k, g[k]);
                    loss += v.get(k) * p.grad().get(k);
                }
            }
            return parameters.dtype().round(loss);
        };
        return new Toy(set, oracle);
    }

    /** {@code n} values in [-2, 2), multiples of 2^-10, from the given seed. */
    static double[] grid(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (rng.nextInt(4096) - 2048) / 1024.0;
        }
        return v;
    }

    /** {@code M M^T / n + I}, rounded to multiples of 2^-10: symmetric positive definite. */
    static double[] spd(int n, long seed) {
        double[] m = grid(n * n, seed);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += m[i * n + k] * m[j * n + k];
                }
                double v = Math.rint(s / n * 1024) / 1024 + (i == j ? 1 : 0);
                a[i * n + j] = v;
                a[j * n + i] = v;
            }
        }
        return a;
    }
}
