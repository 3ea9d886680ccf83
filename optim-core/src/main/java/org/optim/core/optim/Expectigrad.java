package org.optim.core.optim;

import static org.optim.core.optim.VectorKernels.f32;

import java.util.concurrent.atomic.AtomicLong;
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
 * Expectigrad: steps normalised by the arithmetic mean of all past squared gradients (not an EMA),
 * with momentum applied after the normalisation.
 *
 * <pre>
 * t = t + 1                                        # per parameter
 * s = s + (g * g)                                  # sum
 * n = n + sign(g * g)   if sparse_counter          # counter: counts entries whose square is nonzero
 * n = t                 otherwise
 * avg = s / n ; avg = 0 where avg is NaN           # 0/0 := 0
 * step = g / (sqrt(avg) + eps)
 * if beta &gt; 0: mom = (mom * beta) + (step * (1 - beta)) ; lr_t = lr / (1 - beta^t) ; u = mom   # no fma
 * else:        lr_t = lr ; u = step
 * p = p + (u * (-lr_t))
 * </pre>
 *
 * <p>Reference: Daley &amp; Amato, "Expectigrad: Fast Stochastic Optimization with Robust Convergence
 * Properties", arXiv 2010.01356 (Algorithm 1 of the current version: sparse counter and bias-corrected
 * outer momentum). The first arXiv version (v1) described neither: no momentum and a dense counter
 * ({@code n = t}); {@link #arxivV1} builds that variant ({@code beta = 0}, {@code sparse_counter = false};
 * registry: {@code "variant": "arxiv-v1"}). That description of v1 comes from
 * {@code ../shared/reference/SEMANTICS.md} section 5; the v1 PDF itself was not available to check
 * whether v1 also differs elsewhere (eps placement, the form of the mean).
 *
 * <p>Matches: brett-daley/expectigrad {@code expectigrad/pytorch.py} ({@code Expectigrad.step}, commit
 * e9ba829), state keys {@code step}, {@code sum}, {@code counter}, {@code momentum}. No known deviation.
 * Diagnostic: {@code expectigrad/zero_grad_fraction}, the fraction of all gradient entries (every
 * parameter) that were exactly zero this step.
 *
 * @param lr            learning rate
 * @param beta          outer-momentum decay in [0, 1); 0 disables momentum and its bias correction
 * @param eps           denominator offset, in (0, inf)
 * @param sparseCounter count only nonzero squared gradients ({@code sparse_counter})
 */
public record Expectigrad(Schedule lr, double beta, double eps, boolean sparseCounter) implements FirstOrderOptimizer {
    public static final String STEP = "step";
    public static final String SUM = "sum";
    public static final String COUNTER = "counter";
    public static final String MOMENTUM = "momentum";
    /** Diagnostic key of the fraction of exactly-zero gradient entries. */
    public static final String ZERO_GRAD_FRACTION = "expectigrad/zero_grad_fraction";

    public Expectigrad {
        Check.unitInterval("beta", beta);
        Check.positive("eps", eps);
    }

    /** The first arXiv version's algorithm: no momentum, dense counter. */
    public static Expectigrad arxivV1(Schedule lr, double eps) {
        return new Expectigrad(lr, 0, eps, false);
    }

    @Override
    public String name() {
        return "expectigrad";
    }

    @Override
    public OptimizerState init(ParameterSet parameters) {
        OptimizerState state = OptimizerState.forParameters(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i).value();
            state.addBuffer(i, SUM, p);
            if (sparseCounter) {
                state.addBuffer(i, COUNTER, p);
            }
            if (beta > 0) {
                state.addBuffer(i, MOMENTUM, p);
            }
        }
        return state;
    }

    @Override
    public void apply(ParameterSet parameters, OptimizerState state, double lr, Diagnostics out, Kernel kernel) {
        DType dt = parameters.dtype();
        double betaT = dt.round(beta);
        double oneMinusBeta = dt.round(1 - beta);
        double epsT = dt.round(eps);
        long zeros = 0;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter param = parameters.get(i);
            Tensor p = param.value();
            Tensor g = param.grad();
            Tensor s = state.buffer(i, SUM);
            Tensor n = sparseCounter ? state.buffer(i, COUNTER) : null;
            Tensor mom = beta > 0 ? state.buffer(i, MOMENTUM) : null;
            long t = state.step(i) + 1;
            state.setStep(i, t);
            double lrT = beta > 0 ? lr / (1 - Math.pow(beta, t)) : lr;
            double negLr = dt.round(-lrT);
            double dense = dt.round(t);
            if (kernel.vectorized(dt)) {
                float[] pv = f32(p);
                float[] gv = f32(g);
                float[] sv = f32(s);
                float[] nv = n == null ? null : f32(n);
                float[] mv = mom == null ? null : f32(mom);
                float denseF = (float) dense;
                float betaF = (float) betaT;
                float omb = (float) oneMinusBeta;
                float epsF = (float) epsT;
                float lrF = (float) negLr;
                // A count of exact zeros: its sum over the members' ranges does not depend on the split.
                AtomicLong parts = new AtomicLong();
                VectorKernels.split(parameters.team(), pv.length, (from, to) -> parts.addAndGet(
                        VectorKernels.expectigrad(pv, gv, sv, nv, denseF, mv, betaF, omb, epsF, lrF, from, to)));
                zeros += parts.get();
                continue;
            }
            for (int k = 0; k < p.size(); k++) {
                double gk = g.get(k);
                if (gk == 0) {
                    zeros++;
                }
                double sq = dt.round(gk * gk);
                double sk = dt.round(s.get(k) + sq);
                s.set(k, sk);
                double nk;
                if (n != null) {
                    nk = dt.round(n.get(k) + Math.signum(sq));
                    n.set(k, nk);
                } else {
                    nk = dense;
                }
                double avg = dt.round(sk / nk);
                if (Double.isNaN(avg)) {
                    avg = 0;
                }
                double step = dt.round(gk / dt.round(dt.round(Math.sqrt(avg)) + epsT));
                double u = step;
                if (mom != null) {
                    u = dt.round(dt.round(mom.get(k) * betaT) + dt.round(step * oneMinusBeta));
                    mom.set(k, u);
                }
                p.set(k, dt.round(p.get(k) + dt.round(u * negLr)));
            }
        }
        out.put(ZERO_GRAD_FRACTION, (double) zeros / parameters.numel());
    }
}
