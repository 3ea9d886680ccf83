package org.optim.core.problems;

import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * The convex quadratic {@code f(x) = 0.5 x^T A x + b^T x} on the first parameter ({@code x}, shape
 * {@code [n]}), with gradient {@code A x + b}; its minimiser is {@code -A^-1 b} when A is positive
 * definite.
 *
 * <pre>
 * (A x)_i = sum_k A_ik x_k        # k increasing, rounded after every multiply and add
 * grad_i  = (A x)_i + b_i
 * f       = 0.5 * dot(x, A x) + dot(b, x)
 * </pre>
 *
 * Computed in the parameters' dtype, rounding after each operation, so a float32 run stays close to
 * PyTorch's float32 autograd. Matches: the {@code quadratic} problem of the reference trajectories
 * ({@code ../shared/reference/README.md}, section 4).
 *
 * @param n dimension
 * @param a the n*n matrix, row-major (symmetric positive definite for a well-posed problem)
 * @param b the linear term, length n
 */
public record Quadratic(int n, double[] a, double[] b) implements GradientOracle {
    public Quadratic {
        if (n < 1 || a.length != n * n || b.length != n) {
            throw new IllegalArgumentException("quadratic of dimension " + n + " needs A with " + n * n
                    + " and b with " + n + " entries, got " + a.length + " and " + b.length);
        }
        a = a.clone();
        b = b.clone();
    }

    @Override
    public double evaluate(ParameterSet parameters) {
        DType dt = parameters.dtype();
        Tensor x = parameters.get(0).value();
        Tensor grad = parameters.get(0).grad();
        if (x.size() != n) {
            throw new IllegalArgumentException("quadratic of dimension " + n + " got a parameter of size " + x.size());
        }
        double xAx = 0;
        double bx = 0;
        for (int i = 0; i < n; i++) {
            double ax = 0;
            for (int k = 0; k < n; k++) {
                ax = dt.round(ax + dt.round(dt.round(a[i * n + k]) * x.get(k)));
            }
            double xi = x.get(i);
            double bi = dt.round(b[i]);
            grad.set(i, dt.round(ax + bi));
            xAx = dt.round(xAx + dt.round(xi * ax));
            bx = dt.round(bx + dt.round(bi * xi));
        }
        return dt.round(dt.round(0.5 * xAx) + bx);
    }
}
