package org.optim.experiments.landscape;

import java.util.List;
import org.optim.core.GradientOracle;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * Hessian-vector products by central differences of gradients at the current weights.
 *
 * <pre>
 *   u = v / ||v||
 *   H v  ~  ||v|| (g(theta + h u) - g(theta - h u)) / (2 h)
 * </pre>
 * The step {@code h} is the Euclidean length of the displacement (along the unit vector u), so it
 * means the same for every v. The truncation error is O(h^2 ||D^3 L||) and vanishes on a quadratic;
 * what is left there is rounding: the perturbed weights are rounded to the parameters' format and
 * the gradients carry that format's error, so the relative error is about eps_format * ||g|| /
 * (h ||H u||). In float64 with h = 1e-4 the tests measure it on a quadratic with a known Hessian; on
 * float32 weights a larger step (1e-2 .. 1e-3) is needed and the report states the one used.
 *
 * <p>Exact products would need a forward-over-reverse pass (Pearlmutter's R-op) in the model,
 * which the layers do not implement; finite differences need only the {@link GradientOracle}.
 * Reference: B. Pearlmutter, "Fast Exact Multiplication by the Hessian", Neural Computation 6(1),
 * 1994 (the finite-difference form it improves on, and why it is only approximate). The weights are
 * restored bit for bit afterwards; the gradients hold whatever the last evaluation wrote.
 */
public final class HessianVectorProduct {
    private final ParameterSet parameters;
    private final GradientOracle oracle;
    private final double step;

    /**
     * @param parameters the weights at which the Hessian is taken (their current values)
     * @param oracle     loss and gradient on a fixed data subset
     * @param step       the displacement length h, finite and > 0
     */
    public HessianVectorProduct(ParameterSet parameters, GradientOracle oracle, double step) {
        if (!(step > 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("hvpStep must be finite and > 0, got " + step);
        }
        this.parameters = parameters;
        this.oracle = oracle;
        this.step = step;
    }

    /** {@code H v}; the zero vector for {@code v = 0}. */
    public ParameterVector apply(ParameterVector v) {
        double norm = v.norm();
        if (norm == 0) {
            return v.scale(0);
        }
        ParameterVector u = v.scale(1 / norm);
        ParameterVector base = ParameterVector.valuesOf(parameters);
        List<Tensor> saved = parameters.snapshotValues();
        try {
            ParameterVector.assign(parameters, base, step, u);
            oracle.evaluate(parameters);
            ParameterVector plus = ParameterVector.gradientsOf(parameters);
            ParameterVector.assign(parameters, base, -step, u);
            oracle.evaluate(parameters);
            ParameterVector minus = ParameterVector.gradientsOf(parameters);
            double s = norm / (2 * step);
            return ParameterVector.combine(s, plus, -s, minus);
        } finally {
            parameters.restoreValues(saved);
        }
    }
}
