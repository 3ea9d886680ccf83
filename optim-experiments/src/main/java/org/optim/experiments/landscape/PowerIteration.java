package org.optim.experiments.landscape;

import java.util.function.UnaryOperator;

/**
 * The top eigenvalue of a symmetric linear operator (the Hessian, through Hessian-vector products)
 * by power iteration from a seeded random start, finished by a Rayleigh-Ritz step.
 *
 * <pre>
 *   v_0 ~ N(0, I) / ||.||
 *   for k = 1..maxIterations:
 *       u = H v_{k-1}
 *       lambda_k = v_{k-1} . u                 Rayleigh quotient
 *       v_k = u / ||u||
 *       stop if |lambda_k - lambda_{k-1}| <= tolerance |lambda_k|      (k >= 2)
 *   Rayleigh-Ritz on span{v, H v}, v the last unit iterate (two more products):
 *       a = v . Hv,  w = Hv - a v,  b = ||w||,  q = w / b,  c = q . Hq
 *       eigenvalue = (a + c) / 2 + sqrt(((a - c) / 2)^2 + b^2)           larger eigenvalue of [[a, b], [b, c]]
 * </pre>
 * Power iteration converges to the eigenvector of largest magnitude. When the two largest
 * magnitudes belong to eigenvalues of opposite sign and nearly equal size (a trained network's
 * Hessian can have a negative eigenvalue as large as its top one), the iterates end in a 2-cycle
 * inside their span and the Rayleigh quotient oscillates between the two without converging; the
 * Ritz step recovers both from that span, and its larger value is the top eigenvalue. By the
 * interlacing theorem the Ritz value lies in [lambda_k, lambda_max], so it never does worse than the
 * last Rayleigh quotient. A run that stops at {@code maxIterations} without meeting the tolerance
 * reports {@code converged = false}; nothing is repaired.
 *
 * <p>Reference: P. Foret, A. Kleiner, H. Mobahi, B. Neyshabur, "Sharpness-Aware Minimization for
 * Efficiently Improving Generalization", ICLR 2021, arXiv:2010.01412, section 4 / Fig. 3 (lambda_max
 * of the Hessian with and without SAM). Rayleigh-Ritz: Y. Saad, "Numerical Methods for Large
 * Eigenvalue Problems", 2nd ed., SIAM 2011, section 4.3 (the two-dimensional Krylov subspace).
 *
 * <p>Matches: the scheme of amirgholami/PyHessian {@code pyhessian/hessian.py}
 * ({@code hessian.eigenvalues}: Gaussian start, power iteration on Hessian-vector products, stop on
 * the relative change of the Rayleigh quotient) [from memory, not re-read]. Deviations: products by
 * finite differences ({@link HessianVectorProduct}) instead of double back-propagation; no
 * {@code + 1e-6} in the stop test's denominator; the final Rayleigh-Ritz step; top eigenvalue only
 * (no deflation).
 */
public final class PowerIteration {
    private PowerIteration() {
    }

    /**
     * @param eigenvalue     the larger Ritz value on span{v, Hv}: the top eigenvalue estimate
     * @param rayleigh       the last Rayleigh quotient of the power iteration
     * @param iterations     power-iteration products done (the Ritz step adds two)
     * @param converged      whether the relative change of the Rayleigh quotient fell to the tolerance
     * @param relativeChange |lambda_k - lambda_{k-1}| / |lambda_k| at the last iteration (NaN after one)
     */
    public record Estimate(double eigenvalue, double rayleigh, int iterations, boolean converged,
            double relativeChange) {
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
        boolean converged = false;
        int k = 0;
        while (k < maxIterations) {
            k++;
            ParameterVector u = operator.apply(v);
            double next = v.dot(u);
            double unorm = u.norm();
            if (k > 1) {
                change = Math.abs(next - lambda) / Math.abs(next);
            }
            lambda = next;
            if (!(unorm > 0) || Double.isInfinite(unorm) || Double.isNaN(next)) {
                return new Estimate(lambda, lambda, k, false, change);
            }
            v = u.scale(1 / unorm);
            if (k > 1 && change <= tolerance) {
                converged = true;
                break;
            }
        }
        return new Estimate(ritz(operator, v), lambda, k, converged, change);
    }

    /** The larger eigenvalue of H projected on span{v, Hv} (v a unit vector); v's own quotient if Hv is parallel to v. */
    private static double ritz(UnaryOperator<ParameterVector> operator, ParameterVector v) {
        ParameterVector hv = operator.apply(v);
        double a = v.dot(hv);
        ParameterVector w = hv.plus(-a, v);
        double b = w.norm();
        if (!(b > 0) || Double.isNaN(a)) {
            return a;
        }
        ParameterVector q = w.scale(1 / b);
        double c = q.dot(operator.apply(q));
        double half = (a - c) / 2;
        return (a + c) / 2 + Math.sqrt(half * half + b * b);
    }
}
