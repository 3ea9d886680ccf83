package org.optim.experiments.landscape;

import java.util.List;
import org.optim.core.GradientOracle;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * SAM's sharpness: the largest loss increase in an L2 ball of radius rho around the weights,
 * approximated as the SAM paper does.
 *
 * <pre>
 *   S(w) = max_{||e||_2 <= rho} L(w + e) - L(w)                        (SAM paper, eq. 1)
 *   e_0 = 0
 *   e_{k+1} = P_rho(e_k + (rho / m) g_k / (||g_k|| + 1e-12)),  g_k = grad L(w + e_k),  k = 0..m-1
 *   S_hat = max_{k=1..m} L(w + e_k) - L(w)                             P_rho: projection onto the ball
 * </pre>
 * With {@code m = 1} this is exactly SAM's first-order solution e = rho g / ||g|| (eq. 2, with p = 2),
 * the perturbation SAM itself takes every step. Larger m is normalized projected gradient ascent
 * within the ball; every iterate lies in the ball, so S_hat is a lower bound on S(w) that can only
 * grow with better ascent. The perturbed weights are computed in float64 and rounded once to the
 * parameters' format; the weights are restored bit for bit afterwards.
 *
 * <p>Reference: P. Foret, A. Kleiner, H. Mobahi, B. Neyshabur, "Sharpness-Aware Minimization for
 * Efficiently Improving Generalization", ICLR 2021, arXiv:2010.01412, section 2, eqs. 1-2.
 *
 * <p>Matches: davda54/sam {@code sam.py} ({@code first_step}: {@code scale = rho / (grad_norm +
 * 1e-12)}, one global L2 norm over all parameters in order), non-adaptive. Deviations: the norm and
 * the perturbation are computed in float64 (the optimizer computes them in the parameter format),
 * and the ascent may take m > 1 steps.
 */
public final class SamSharpness {
    private SamSharpness() {
    }

    /**
     * @param loss          L(w)
     * @param gradientNorm  ||grad L(w)||
     * @param perturbedLoss max_k L(w + e_k)
     * @param sharpness     perturbedLoss - loss
     */
    public record Result(double loss, double gradientNorm, double perturbedLoss, double sharpness) {
    }

    /**
     * @param rho          the ball's radius, finite and >= 0
     * @param ascentSteps  m >= 1
     */
    public static Result measure(ParameterSet parameters, GradientOracle oracle, double rho, int ascentSteps) {
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("rho must be finite and >= 0, got " + rho);
        }
        if (ascentSteps < 1) {
            throw new IllegalArgumentException("ascentSteps must be >= 1, got " + ascentSteps);
        }
        ParameterVector base = ParameterVector.valuesOf(parameters);
        List<Tensor> saved = parameters.snapshotValues();
        try {
            double loss = oracle.evaluate(parameters);
            ParameterVector g = ParameterVector.gradientsOf(parameters);
            double gradientNorm = g.norm();
            ParameterVector e = g.scale(0);
            double worst = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < ascentSteps; k++) {
                double gnorm = k == 0 ? gradientNorm : g.norm();
                e = e.plus(rho / ascentSteps / (gnorm + 1e-12), g);
                double enorm = e.norm();
                if (enorm > rho) {
                    e = e.scale(rho / enorm);
                }
                ParameterVector.assign(parameters, base, 1, e);
                double perturbed = oracle.evaluate(parameters);
                g = ParameterVector.gradientsOf(parameters);
                worst = Math.max(worst, perturbed);
                if (Double.isNaN(worst)) {
                    break;
                }
            }
            return new Result(loss, gradientNorm, worst, worst - loss);
        } finally {
            parameters.restoreValues(saved);
        }
    }
}
