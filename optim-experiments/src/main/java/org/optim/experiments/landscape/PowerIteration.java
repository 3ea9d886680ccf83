package org.optim.experiments.landscape;

import java.util.function.UnaryOperator;

/**
 * The dominant eigenvalue of a symmetric linear operator (the Hessian, through Hessian-vector
 * products) by power iteration from a seeded random start.
 *
 * <pre>
 *   v_0 ~ N(0, I) / ||.||
 *   for k = 1..maxIterations:
 *       u = H v_{k-1}
 *       lambda_k = v_{k-1} . u                 Rayleigh quotient
 *       v_k = u / ||u||
 *       stop if |lambda_k - lambda_{k-1}| <= tolerance |lambda_k|      (k >= 2)
 * </pre>
 * Power iteration converges to the eigenvalue of largest magnitude; at a trained minimum the
 * Hessian's large eigenvalues are positive, so this is the top eigenvalue lambda_max that the SAM
 * paper reports. The error of lambda_k falls like (lambda_2 / lambda_1)^(2k). A run that stops at
 * {@code maxIterations} without meeting the tolerance reports {@code converged = false}; it is not
 * repaired.
 *
 * <p>Reference: P. Foret, A. Kleiner, H. Mobahi, B. Neyshabur, "Sharpness-Aware Minimization for
 * Efficiently Improving Generalization", ICLR 2021, arXiv:2010.01412, section 4 / Fig. 3 (lambda_max
 * of the Hessian with and without SAM).
 *
 * <p>Matches: the scheme of amirgholami/PyHessian {@code pyhessian/hessian.py}
 * ({@code hessian.eigenvalues}: Gaussian start, power iteration on Hessian-vector products, stop on
 * the relative change of the Rayleigh quotient) [from memory, not re-read]. Deviations: products by
 * finite differences ({@link HessianVectorProduct}) instead of double back-propagation; no
 * {@code + 1e-6} in the stop test's denominator; top eigenvalue only (no deflation).
 */
public final class PowerIteration {
    private PowerIteration() {
    }

    /**
     * @param eigenvalue     the last Rayleigh quotient
     * @param iterations     operator applications done
     * @param converged      whether the relative change fell to the tolerance
     * @param relativeChange |lambda_k - lambda_{k-1}| / |lambda_k| at the last iteration (NaN after one)
     */
    public record Estimate(double eigenvalue, int iterations, boolean converged, double relativeChange) {
    }

    /**
     * @param operator      v -> H v
     * @param start         the start vector (any nonzero vector, e.g. Gaussian); normalized here
     * @param maxIterations at least 1
     * @param tolerance     relative change of the eigenvalue that stops the iteration, >= 0
     */
    public static Estimate topEigenvalue(UnaryOperator<ParameterVector> operator, ParameterVector start,
            int maxIterations, double tolerance) {
        if (maxIterations < 1) {
            throw new IllegalArgumentException("powerIterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("powerTolerance must be >= 0, got " + tolerance);
        }
        double startNorm = start.norm();
        if (!(startNorm > 0) || Double.isInfinite(startNorm)) {
            throw new IllegalArgumentException("power iteration needs a finite nonzero start vector");
        }
        ParameterVector v = start.scale(1 / startNorm);
        double lambda = Double.NaN;
        double change = Double.NaN;
        for (int k = 1; k <= maxIterations; k++) {
            ParameterVector u = operator.apply(v);
            double next = v.dot(u);
            double unorm = u.norm();
            if (k > 1) {
                change = Math.abs(next - lambda) / Math.abs(next);
            }
            lambda = next;
            if (!(unorm > 0) || Double.isInfinite(unorm) || Double.isNaN(next)) {
                return new Estimate(lambda, k, false, change);
            }
            if (k > 1 && change <= tolerance) {
                return new Estimate(lambda, k, true, change);
            }
            v = u.scale(1 / unorm);
        }
        return new Estimate(lambda, maxIterations, false, change);
    }
}
