package org.optim.core.problems;

import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * Rosenbrock's banana function on the first parameter ({@code p}, shape {@code [2]}).
 *
 * <pre>
 * r = p1 - p0^2
 * f = (a - p0)^2 + b * r^2
 * grad = [-2 (a - p0) - 4 b p0 r,  2 b r]
 * </pre>
 *
 * Minimum 0 at {@code (a, a^2)}. Computed in the parameters' dtype, rounding after every operation
 * in the order written. Reference: Rosenbrock, "An automatic method for finding the greatest or
 * least value of a function", Comput. J. 3 (1960). Matches: the {@code rosenbrock} problem of the
 * reference trajectories ({@code ../shared/reference/README.md}, section 4).
 *
 * @param a the first coefficient (1 in the classical form)
 * @param b the second coefficient (100 in the classical form)
 */
public record Rosenbrock(double a, double b) implements GradientOracle {
    @Override
    public double evaluate(ParameterSet parameters) {
        DType dt = parameters.dtype();
        Tensor p = parameters.get(0).value();
        Tensor grad = parameters.get(0).grad();
        if (p.size() != 2) {
            throw new IllegalArgumentException("Rosenbrock needs a parameter of size 2, got " + p.size());
        }
        double at = dt.round(a);
        double bt = dt.round(b);
        double p0 = p.get(0);
        double p1 = p.get(1);
        double d = dt.round(at - p0);
        double r = dt.round(p1 - dt.round(p0 * p0));
        double g0 = dt.round(dt.round(-2 * d) - dt.round(dt.round(dt.round(4 * bt) * p0) * r));
        double g1 = dt.round(dt.round(2 * bt) * r);
        grad.set(0, g0);
        grad.set(1, g1);
        return dt.round(dt.round(d * d) + dt.round(bt * dt.round(r * r)));
    }
}
