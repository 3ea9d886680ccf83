package org.optim.nn;

import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.nn.kernel.Kernels;

/**
 * Euclidean norms over a parameter set for diagnostics (gradient norm, parameter norm): each
 * tensor's sum of squares by {@link Kernels#sumOfSquares} (a fixed order, vectorized), then the
 * tensors' sums added in parameter order in double, then one square root. The same bits for every
 * thread count, vector width and kernel implementation.
 */
public final class Norms {
    private Norms() {
    }

    /** {@code ||w||} over every parameter value. */
    public static double parameterNorm(Kernels kernels, ParameterSet parameters) {
        double sum = 0.0;
        for (Parameter p : parameters) {
            sum += kernels.sumOfSquares(p.value());
        }
        return Math.sqrt(sum);
    }

    /** {@code ||g||} over every parameter gradient. */
    public static double gradientNorm(Kernels kernels, ParameterSet parameters) {
        double sum = 0.0;
        for (Parameter p : parameters) {
            sum += kernels.sumOfSquares(p.grad());
        }
        return Math.sqrt(sum);
    }
}
