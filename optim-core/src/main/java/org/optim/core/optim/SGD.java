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
 * Stochastic gradient descent with optional (Nesterov) momentum, dampening and L2 weight decay.
 *
 * <pre>
 * d = g
 * if weight_decay != 0: d = fma(weight_decay, p, d)                 # L2 coupled into the gradient
 * if momentum != 0:
 *     buf = d                                  at the first step    # no (1 - dampening) factor
 *     buf = fma(1 - dampening, d, buf * momentum)  afterwards
 *     d   = fma(momentum, buf, d) if nesterov else buf
 * p = fma(-lr, d, p)
 * </pre>
 *
 * <p>Reference: Robbins &amp; Monro, "A Stochastic Approximation Method", Ann. Math. Statist. 1951;
 * Nesterov momentum as in Sutskever et al., "On the importance of initialization and momentum in
 * deep learning", ICML 2013.
 *
 * <p>Matches: pytorch/pytorch {@code torch/optim/sgd.py} ({@code _single_tensor_sgd}, torch 1.13),
 * state key {@code momentum_buffer}. No known deviation.
 *
 * @param lr          learning rate
 * @param momentum    momentum factor mu in [0, 1)
 * @param dampening   dampening of the gradient in the momentum buffer, in [0, 1]
 * @param weightDecay L2 penalty coefficient ({@code weight_decay})
 * @param nesterov    Nesterov momentum (requires momentum &gt; 0 and dampening = 0)
 */
public record SGD(Schedule lr, double momentum, double dampening, double weightDecay, boolean nesterov)
        implements FirstOrderOptimizer {
    /** State key of the momentum buffer, as in torch. */
    public static final String MOMENTUM_BUFFER = "momentum_buffer";

    public SGD {
        Check.unitInterval("momentum", momentum);
        Check.closedUnitInterval("dampening", dampening);
        Check.nonNegative("weight_decay", weightDecay);
        Check.require(!nesterov || (momentum > 0 && dampening == 0), "nesterov",
                "requires momentum > 0 and dampening = 0, got momentum " + momentum + " and dampening " + dampening);
    }

    @Override
    public String name() {
        return "sgd";
    }

    @Override
    public OptimizerState init(ParameterSet parameters) {
        OptimizerState state = OptimizerState.forParameters(parameters);
        if (momentum != 0) {
            for (int i = 0; i < parameters.size(); i++) {
                state.addBuffer(i, MOMENTUM_BUFFER, parameters.get(i).value());
            }
        }
        return state;
    }

    @Override
    public void apply(ParameterSet parameters, OptimizerState state, double lr, Diagnostics out, Kernel kernel) {
        DType dt = parameters.dtype();
        double wd = dt.round(weightDecay);
        double mu = dt.round(momentum);
        double oneMinusDampening = dt.round(1 - dampening);
        double negLr = dt.round(-lr);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter param = parameters.get(i);
            Tensor p = param.value();
            Tensor g = param.grad();
            boolean first = state.step(i) == 0;
            Tensor buf = momentum != 0 ? state.buffer(i, MOMENTUM_BUFFER) : null;
            if (kernel.vectorized(dt)) {
                float[] pv = f32(p);
                float[] gv = f32(g);
                float[] bv = buf == null ? null : f32(buf);
                float wdf = (float) wd;
                float muf = (float) mu;
                float omd = (float) oneMinusDampening;
                float lrf = (float) negLr;
                VectorKernels.split(parameters.team(), pv.length, (from, to) -> VectorKernels.sgd(pv, gv, bv, first, nesterov,
                        weightDecay != 0, wdf, muf, omd, lrf, from, to));
                state.setStep(i, state.step(i) + 1);
                continue;
            }
            for (int k = 0; k < p.size(); k++) {
                double d = g.get(k);
                if (weightDecay != 0) {
                    d = dt.fma(wd, p.get(k), d);
                }
                if (buf != null) {
                    double b = first ? d : dt.fma(oneMinusDampening, d, dt.round(buf.get(k) * mu));
                    buf.set(k, b);
                    d = nesterov ? dt.fma(mu, b, d) : b;
                }
                p.set(k, dt.fma(negLr, d, p.get(k)));
            }
            state.setStep(i, state.step(i) + 1);
        }
    }
}
