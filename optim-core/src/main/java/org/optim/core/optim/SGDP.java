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
 * SGDP: momentum SGD whose update loses its radial component on scale-invariant weights.
 *
 * <pre>
 * buf = fma(1 - dampening, g, buf * momentum)          # buf starts at 0: (1 - dampening) applies at step 1
 * d = g + (momentum * buf)   if nesterov               # separate ops
 * d = buf                    otherwise                 # an alias: the projection below changes buf too
 * ratio = 1
 * if ndim(p) &gt; 1 and Projection fires (channel view, else layer view): d -= radial part; ratio = wd_ratio
 * if weight_decay &gt; 0: p = p * (1 - lr * weight_decay * ratio / (1 - momentum))   # scalar in double
 * p = fma(-lr, d, p)
 * </pre>
 *
 * <p>Reference: Heo et al., "AdamP: Slowing Down the Slowdown for Momentum Optimizers on
 * Scale-invariant Weights", ICLR 2021, arXiv 2006.08217, Algorithm 1.
 *
 * <p>Matches: clovaai/AdamP {@code adamp/sgdp.py} ({@code SGDP.step}, commit 7f6f038), state key
 * {@code momentum}, including its surprises: the stored buffer is projected when nesterov is off,
 * weight decay is divided by (1 - momentum), and the buffer starts at zero (unlike torch SGD).
 * Deviation: the projection's reductions are summed in index order (see {@link Projection}).
 * Diagnostics as {@link AdamP}.
 *
 * @param lr          learning rate
 * @param momentum    momentum factor in [0, 1)
 * @param dampening   dampening in [0, 1]
 * @param weightDecay decoupled weight decay ({@code weight_decay})
 * @param nesterov    Nesterov momentum
 * @param eps         offset of the cosine clamp and the projection's norm
 * @param delta       cosine threshold, scaled by 1/sqrt(row length), in [0, inf)
 * @param wdRatio     weight-decay multiplier on projected steps ({@code wd_ratio}), in [0, 1]
 */
public record SGDP(Schedule lr, double momentum, double dampening, double weightDecay, boolean nesterov, double eps,
                   double delta, double wdRatio) implements FirstOrderOptimizer {
    /** State key of the momentum buffer, as in clovaai/AdamP. */
    public static final String MOMENTUM = "momentum";

    public SGDP {
        Check.unitInterval("momentum", momentum);
        Check.closedUnitInterval("dampening", dampening);
        Check.nonNegative("weight_decay", weightDecay);
        Check.nonNegative("eps", eps);
        Check.nonNegative("delta", delta);
        Check.closedUnitInterval("wd_ratio", wdRatio);
    }

    @Override
    public String name() {
        return "sgdp";
    }

    @Override
    public OptimizerState init(ParameterSet parameters) {
        OptimizerState state = OptimizerState.forParameters(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            state.addBuffer(i, MOMENTUM, parameters.get(i).value());
        }
        return state;
    }

    @Override
    public void apply(ParameterSet parameters, OptimizerState state, double lr, Diagnostics out, Kernel kernel) {
        DType dt = parameters.dtype();
        double mu = dt.round(momentum);
        double oneMinusDampening = dt.round(1 - dampening);
        double negLr = dt.round(-lr);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter param = parameters.get(i);
            Tensor p = param.value();
            Tensor g = param.grad();
            Tensor buf = state.buffer(i, MOMENTUM);
            state.setStep(i, state.step(i) + 1);
            Tensor d = nesterov ? p.zerosLike() : buf;
            boolean vectorized = kernel.vectorized(dt);
            if (vectorized) {
                VectorKernels.sgdP(f32(g), f32(buf), f32(d), nesterov, (float) mu, (float) oneMinusDampening);
            } else {
                for (int k = 0; k < p.size(); k++) {
                    double gk = g.get(k);
                    double b = dt.fma(oneMinusDampening, gk, dt.round(buf.get(k) * mu));
                    buf.set(k, b);
                    if (nesterov) {
                        d.set(k, gk + dt.round(mu * b));
                    }
                }
            }
            Projection.View view = Projection.apply(p, g, d, delta, eps, kernel, parameters.team());
            Projection.report(out, param, view);
            double ratio = view == Projection.View.NONE ? 1 : wdRatio;
            double decayFactor = dt.round(1 - lr * weightDecay * ratio / (1 - momentum));
            Projection.decayAndStep(p, d, weightDecay > 0, decayFactor, negLr, kernel, parameters.team());
        }
    }
}
