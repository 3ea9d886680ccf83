package org.optim.core.optim;

import static org.optim.core.optim.VectorKernels.f32;

import org.optim.core.DType;
import org.optim.core.Diagnostics;
import org.optim.core.FirstOrderOptimizer;
import org.optim.core.Kernel;
import org.optim.core.OptimizerState;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;
import org.optim.core.config.Check;
import org.optim.core.schedule.Schedule;

/**
 * AdamP: Adam whose update loses its radial component on scale-invariant weights, so their norm
 * stops growing and the effective step size stops shrinking.
 *
 * <pre>
 * t = t + 1 ; bc1 = 1 - beta1^t ; bc2 = 1 - beta2^t                 # double
 * m = fma(1 - beta1, g, m * beta1)                                  # exp_avg
 * v = fma((1 - beta2) * g, g, v * beta2)                            # exp_avg_sq
 * denom = sqrt(v) / sqrt(bc2) + eps
 * perturb = ((beta1 * m) + ((1 - beta1) * g)) / denom   if nesterov  # updated m, separate ops
 * perturb = m / denom                                  otherwise
 * ratio = 1
 * if ndim(p) &gt; 1 and Projection fires (channel view, else layer view): perturb -= radial part; ratio = wd_ratio
 * if weight_decay &gt; 0: p = p * (1 - lr * weight_decay * ratio)    # decoupled, scalar in double
 * p = fma(-(lr / bc1), perturb, p)
 * </pre>
 *
 * <p>Reference: Heo, Chun, Oh, Han, Yun, Kim, Uh, Ha, "AdamP: Slowing Down the Slowdown for Momentum
 * Optimizers on Scale-invariant Weights", ICLR 2021, arXiv 2006.08217, Algorithm 2.
 *
 * <p>Matches: clovaai/AdamP {@code adamp/adamp.py} ({@code AdamP.step}, commit 7f6f038); state keys
 * {@code step}, {@code exp_avg}, {@code exp_avg_sq}. Deviation: the projection's reductions are
 * summed in index order (see {@link Projection}), so projected values agree to a few ulp.
 * Diagnostics: {@code projection/<param>} (1 or 0) and {@code projection_view/<param>} (0 none,
 * 1 channel, 2 layer) for every parameter with ndim &gt; 1.
 *
 * @param lr          learning rate
 * @param beta1       first-moment decay in [0, 1)
 * @param beta2       second-moment decay in [0, 1)
 * @param eps         offset of the denominator, the cosine clamp and the projection's norm
 * @param weightDecay decoupled weight decay ({@code weight_decay})
 * @param delta       cosine threshold, scaled by 1/sqrt(row length), in [0, inf)
 * @param wdRatio     weight-decay multiplier on projected steps ({@code wd_ratio}), in [0, 1]
 * @param nesterov    Nesterov-style numerator
 */
public record AdamP(Schedule lr, double beta1, double beta2, double eps, double weightDecay, double delta,
                    double wdRatio, boolean nesterov) implements FirstOrderOptimizer {

    public AdamP {
        Check.unitInterval("beta1", beta1);
        Check.unitInterval("beta2", beta2);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weight_decay", weightDecay);
        Check.nonNegative("delta", delta);
        Check.closedUnitInterval("wd_ratio", wdRatio);
    }

    /** The scratch buffer of the step direction before and after the projection ({@code perturb} in clovaai/AdamP). */
    private static final String PERTURB = "perturb";

    @Override
    public String name() {
        return "adamp";
    }

    @Override
    public OptimizerState init(ParameterSet parameters) {
        OptimizerState state = OptimizerState.forParameters(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i).value();
            state.addBuffer(i, Adam.EXP_AVG, p);
            state.addBuffer(i, Adam.EXP_AVG_SQ, p);
        }
        return state;
    }

    @Override
    public void apply(ParameterSet parameters, OptimizerState state, double lr, Diagnostics out, Kernel kernel) {
        DType dt = parameters.dtype();
        double b1 = dt.round(beta1);
        double b2 = dt.round(beta2);
        double oneMinusB1 = dt.round(1 - beta1);
        double oneMinusB2 = dt.round(1 - beta2);
        double epsT = dt.round(eps);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter param = parameters.get(i);
            Tensor p = param.value();
            Tensor g = param.grad();
            Tensor m = state.buffer(i, Adam.EXP_AVG);
            Tensor v = state.buffer(i, Adam.EXP_AVG_SQ);
            long t = state.step(i) + 1;
            state.setStep(i, t);
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2Sqrt = dt.round(Math.sqrt(1 - Math.pow(beta2, t)));
            Tensor perturb = state.scratch(i, PERTURB, p);
            boolean vectorized = kernel.vectorized(dt);
            if (vectorized) {
                float[] gv = f32(g);
                float[] mv = f32(m);
                float[] vv = f32(v);
                float[] dv = f32(perturb);
                float b1f = (float) b1;
                float b2f = (float) b2;
                float omb1 = (float) oneMinusB1;
                float omb2 = (float) oneMinusB2;
                float epsf = (float) epsT;
                float bc2 = (float) bc2Sqrt;
                VectorKernels.split(parameters.team(), gv.length, (from, to) -> VectorKernels.adamP(gv, mv, vv, dv,
                        nesterov, b1f, b2f, omb1, omb2, epsf, bc2, from, to));
            } else {
                for (int k = 0; k < p.size(); k++) {
                    double gk = g.get(k);
                    double mk = dt.fma(oneMinusB1, gk, dt.round(m.get(k) * b1));
                    double vk = dt.fma(dt.round(oneMinusB2 * gk), gk, dt.round(v.get(k) * b2));
                    m.set(k, mk);
                    v.set(k, vk);
                    double denom = dt.round(dt.round(dt.round(Math.sqrt(vk)) / bc2Sqrt) + epsT);
                    double numerator = nesterov ? dt.round(dt.round(b1 * mk) + dt.round(oneMinusB1 * gk)) : mk;
                    perturb.set(k, numerator / denom);
                }
            }
            Projection.View view = Projection.apply(p, g, perturb, delta, eps, kernel, parameters.team());
            Projection.report(out, param, view);
            double ratio = view == Projection.View.NONE ? 1 : wdRatio;
            double decayFactor = dt.round(1 - lr * weightDecay * ratio);
            double negStepSize = dt.round(-(lr / bc1));
            Projection.decayAndStep(p, perturb, weightDecay > 0, decayFactor, negStepSize, kernel, parameters.team());
        }
    }
}
