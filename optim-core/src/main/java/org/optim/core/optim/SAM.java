package org.optim.core.optim;

import static org.optim.core.optim.VectorKernels.f32;

import org.optim.core.DType;
import org.optim.core.Diagnostics;
import org.optim.core.FirstOrderOptimizer;
import org.optim.core.GradientOracle;
import org.optim.core.Kernel;
import org.optim.core.Optimizer;
import org.optim.core.OptimizerState;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.StepReport;
import org.optim.core.Tensor;
import org.optim.core.config.Check;
import org.optim.core.config.InvalidFieldException;

/**
 * Sharpness-Aware Minimization over any first-order base optimizer, and ASAM when {@code adaptive}.
 *
 * <pre>
 * loss, g = oracle(w)                                       # first evaluation
 * T = |w| if adaptive else 1                                # elementwise
 * grad_norm = || [ ||T * g_k|| for each parameter k in order ] ||     # ONE global L2 norm
 * scale = (1 / (grad_norm + 1e-12)) * rho                   # dtype arithmetic; rho / tensor in Python is
 *                                                         # Tensor.__rtruediv__ = reciprocal() * rho
 * e_k = ((w_k^2 if adaptive else 1) * g_k) * scale ;  w_k = w_k + e_k  (old w_k kept aside)
 * g' = oracle(w + e)                                        # second evaluation, same batch
 * w = old w                                                 # restored exactly (swapped back), not w - e
 * base.update(w, g')                                        # base state advances once per SAM step
 * </pre>
 *
 * <p>References: Foret, Kleiner, Mobahi, Neyshabur, "Sharpness-Aware Minimization for Efficiently
 * Improving Generalization", ICLR 2021, arXiv 2010.01412, eq. (2)-(3); Kwon, Kim, Park, Choi, "ASAM:
 * Adaptive Sharpness-Aware Minimization for Scale-Invariant Learning of Deep Neural Networks", ICML
 * 2021, arXiv 2102.11600.
 *
 * <p>Matches: davda54/sam {@code sam.py} ({@code first_step}, {@code second_step}, {@code _grad_norm},
 * commit 3c3afdb); the state is the base optimizer's. Deviations: norms are summed in double in the
 * fixed order of {@link Reductions#dot} and rounded once (PyTorch's reduction order is unspecified), so perturbations agree to a few
 * ulp; ASAM is davda54's form ({@code T_w = |w|}, biases scaled too), not SamsungLabs/ASAM's
 * {@code |w| + eta}. Diagnostics: {@code sam/grad_norm} and {@code sam/perturbation_norm} = ||e||,
 * plus the base optimizer's.
 *
 * @param base     the optimizer that takes the step from the perturbed gradient
 * @param rho      neighbourhood radius in [0, inf)
 * @param adaptive ASAM's scale-invariant neighbourhood
 */
public record SAM(FirstOrderOptimizer base, double rho, boolean adaptive) implements Optimizer {
    /** The offset davda54/sam adds to the gradient norm (fixed, not configurable there either). */
    public static final double NORM_OFFSET = 1e-12;
    public static final String GRAD_NORM = "sam/grad_norm";
    public static final String PERTURBATION_NORM = "sam/perturbation_norm";
    /**
     * The scratch buffer holding the weights before the perturbation while the oracle runs at w + e
     * ({@code self.state[p]["old_p"]}); it trades backing arrays with the parameter twice a step.
     */
    private static final String SAVED_WEIGHTS = "old_p";
    /** The scratch buffer holding e_w of the current step (the reference path; the fast kernel needs only its norm). */
    private static final String PERTURBATION = "e_w";

    public SAM {
        if (base == null) {
            throw new InvalidFieldException("base", "is required");
        }
        Check.nonNegative("rho", rho);
    }

    @Override
    public String name() {
        return "sam";
    }

    @Override
    public OptimizerState init(ParameterSet parameters) {
        return base.init(parameters);
    }

    @Override
    public StepReport step(ParameterSet parameters, OptimizerState state, GradientOracle oracle, Kernel kernel) {
        DType dt = parameters.dtype();
        double loss = oracle.evaluate(parameters);
        double gradNorm = gradNorm(parameters, state, kernel);
        // rho / (grad_norm + 1e-12) with a tensor denominator runs Tensor.__rtruediv__, i.e.
        // reciprocal() * rho: two roundings (a single division differs in the last bit ~12% of the time).
        double scale = dt.round(dt.round(1.0 / dt.round(gradNorm + dt.round(NORM_OFFSET))) * dt.round(rho));
        double[] perturbationNorms = new double[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            Parameter param = parameters.get(i);
            Tensor p = param.value();
            Tensor g = param.grad();
            // Receives w + e; after the swap it holds w (old_p) while the oracle runs at w + e.
            Tensor other = state.scratch(i, SAVED_WEIGHTS, p);
            if (kernel.vectorized(dt)) {
                float[] pv = f32(p);
                float[] gv = f32(g);
                float[] ov = f32(other);
                double squares = Reductions.overBlocks(p.size(), parameters.team(),
                        (from, n) -> VectorKernels.samAscent(pv, gv, ov, adaptive, (float) scale, from, n));
                perturbationNorms[i] = dt.round(Math.sqrt(squares));
            } else {
                Tensor e = state.scratch(i, PERTURBATION, p);
                for (int k = 0; k < p.size(); k++) {
                    double pk = p.get(k);
                    double weighted = adaptive ? dt.round(dt.round(pk * pk) * g.get(k)) : g.get(k);
                    e.set(k, weighted * scale);
                    other.set(k, pk + e.get(k));
                }
                perturbationNorms[i] = dt.round(Math.sqrt(Reductions.sumOfSquares(e, kernel)));
            }
            p.swap(other);
        }
        oracle.evaluate(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i).value();
            p.swap(state.scratch(i, SAVED_WEIGHTS, p));
        }
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.put(GRAD_NORM, gradNorm);
        diagnostics.put(PERTURBATION_NORM, norm(perturbationNorms, dt));
        diagnostics.putAll(base.update(parameters, state, kernel));
        return new StepReport(loss, diagnostics);
    }

    /**
     * {@code _grad_norm()}: the global L2 norm of the (|w|-weighted) gradients, in parameter order.
     * ASAM's weighted gradient is formed in the scratch that the ascent step overwrites next.
     */
    private double gradNorm(ParameterSet parameters, OptimizerState state, Kernel kernel) {
        DType dt = parameters.dtype();
        double[] norms = new double[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i).value();
            Tensor g = parameters.get(i).grad();
            double squares;
            if (!adaptive) {
                squares = Reductions.sumOfSquares(g, kernel, parameters.team());
            } else if (kernel.vectorized(dt)) {
                float[] pv = f32(p);
                float[] gv = f32(g);
                Tensor x = state.scratch(i, SAVED_WEIGHTS, p);
                float[] xv = f32(x);
                squares = Reductions.overBlocks(p.size(), parameters.team(), (from, n) -> {
                    VectorKernels.weighted(pv, gv, xv, from, n);
                    return VectorKernels.dot(xv, from, xv, from, n);
                });
            } else {
                Tensor x = p.zerosLike();
                for (int k = 0; k < p.size(); k++) {
                    x.set(k, Math.abs(p.get(k)) * g.get(k));
                }
                squares = Reductions.sumOfSquares(x, kernel);
            }
            norms[i] = dt.round(Math.sqrt(squares));
        }
        return norm(norms, dt);
    }

    private static double norm(double[] values, DType dt) {
        double sq = 0;
        for (double v : values) {
            sq += v * v;
        }
        return dt.round(Math.sqrt(sq));
    }
}
