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
import org.optim.core.config.InvalidFieldException;
import org.optim.core.schedule.Schedule;

/**
 * Adam, and AdamW when the weight decay is {@linkplain WeightDecay#DECOUPLED decoupled}.
 *
 * <pre>
 * t = t + 1
 * AdamW: p = p * (1 - lr * weight_decay)              # scalar factor in double, before the moments
 * Adam:  if weight_decay != 0: g = fma(weight_decay, p, g)   # L2 into the gradient and both moments
 * m = fma(1 - beta1, g, m * beta1)                    # exp_avg
 * v = fma((1 - beta2) * g, g, v * beta2)              # exp_avg_sq
 * if amsgrad: vmax = max(vmax, v); v' = vmax else v' = v
 * denom = sqrt(v') / sqrt(1 - beta2^t) + eps          # eps outside the sqrt, after bias correction
 * p = p + ((-(lr / (1 - beta1^t)) * m) / denom)       # addcdiv: three roundings in this order
 *
 * eps_convention "keras" replaces the last two lines (Kingma &amp; Ba's eps-hat form, as TF/Keras):
 * lr_t = lr * sqrt(1 - beta2^t) / (1 - beta1^t)       # double
 * p = p - ((m * lr_t) / (sqrt(v') + eps))             # eps added to the uncorrected sqrt(v)
 * </pre>
 *
 * <p>References: Kingma &amp; Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, arXiv
 * 1412.6980; Reddi, Kale &amp; Kumar, "On the Convergence of Adam and Beyond", ICLR 2018 (AMSGrad);
 * Loshchilov &amp; Hutter, "Decoupled Weight Decay Regularization", ICLR 2019, arXiv 1711.05101 (AdamW).
 *
 * <p>Matches: pytorch/pytorch {@code torch/optim/adam.py} ({@code _single_tensor_adam}) and
 * {@code torch/optim/adamw.py} ({@code _single_tensor_adamw}), torch 1.13; state keys {@code step},
 * {@code exp_avg}, {@code exp_avg_sq}, {@code max_exp_avg_sq}. eps sits where torch puts it (added
 * to {@code sqrt(v_hat)}), not where Kingma &amp; Ba's Algorithm 1 footnote or Keras put it, unless
 * {@link EpsConvention#KERAS} is chosen: that option matches keras-team/keras
 * {@code keras/src/optimizers/adam.py} ({@code update_step}: {@code (m * alpha) / (sqrt(v) + epsilon)})
 * in the final update only; the moments keep torch's fused form ({@code m += (g - m)(1 - beta1)} in
 * Keras is the same up to rounding). eps 1e-8 (torch) vs 1e-7 (Keras default) is the caller's choice.
 *
 * @param lr          learning rate
 * @param beta1       first-moment decay in [0, 1)
 * @param beta2       second-moment decay in [0, 1)
 * @param eps         denominator offset
 * @param weightDecay weight decay coefficient ({@code weight_decay})
 * @param amsgrad     use the running maximum of the second moment
 * @param decay       how the weight decay is applied: L2 (Adam) or decoupled (AdamW)
 * @param epsConvention where eps enters the denominator ({@code eps_convention}): pytorch (default) or keras
 */
public record Adam(Schedule lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
                   WeightDecay decay, EpsConvention epsConvention) implements FirstOrderOptimizer {
    public static final String STEP = "step";
    public static final String EXP_AVG = "exp_avg";
    public static final String EXP_AVG_SQ = "exp_avg_sq";
    public static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    /** Where Adam's weight decay goes. */
    public enum WeightDecay {
        /** Added to the gradient as an L2 penalty ({@code torch.optim.Adam}). */
        L2,
        /** Shrinks the weights directly before the update ({@code torch.optim.AdamW}). */
        DECOUPLED
    }

    /** Where eps enters Adam's denominator. */
    public enum EpsConvention {
        /** {@code sqrt(v) / sqrt(1 - beta2^t) + eps}, step {@code lr / (1 - beta1^t)} (torch, the default). */
        PYTORCH("pytorch"),
        /** {@code sqrt(v) + eps}, step {@code lr sqrt(1 - beta2^t) / (1 - beta1^t)} (Kingma &amp; Ba's eps-hat, TF/Keras). */
        KERAS("keras");

        private final String label;

        EpsConvention(String label) {
            this.label = label;
        }

        /** The JSON spelling. */
        public String label() {
            return label;
        }

        /** Parses {@code pytorch} / {@code keras}; the error names the allowed values. */
        public static EpsConvention fromLabel(String label) {
            for (EpsConvention c : values()) {
                if (c.label.equals(label)) {
                    return c;
                }
            }
            throw new InvalidFieldException("eps_convention", "must be one of pytorch, keras, got \"" + label + "\"");
        }
    }

    /** Adam or AdamW with torch's eps placement. */
    public Adam(Schedule lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad,
                WeightDecay decay) {
        this(lr, beta1, beta2, eps, weightDecay, amsgrad, decay, EpsConvention.PYTORCH);
    }

    public Adam {
        Check.require(epsConvention != null, "eps_convention", "must be one of pytorch, keras, got null");
        Check.unitInterval("beta1", beta1);
        Check.unitInterval("beta2", beta2);
        Check.nonNegative("eps", eps);
        Check.nonNegative("weight_decay", weightDecay);
    }

    @Override
    public String name() {
        return decay == WeightDecay.L2 ? "adam" : "adamw";
    }

    @Override
    public OptimizerState init(ParameterSet parameters) {
        OptimizerState state = OptimizerState.forParameters(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i).value();
            state.addBuffer(i, EXP_AVG, p);
            state.addBuffer(i, EXP_AVG_SQ, p);
            if (amsgrad) {
                state.addBuffer(i, MAX_EXP_AVG_SQ, p);
            }
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
        double wd = dt.round(weightDecay);
        double decoupledFactor = dt.round(1 - lr * weightDecay);
        double epsT = dt.round(eps);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter param = parameters.get(i);
            Tensor p = param.value();
            Tensor g = param.grad();
            Tensor m = state.buffer(i, EXP_AVG);
            Tensor v = state.buffer(i, EXP_AVG_SQ);
            Tensor vmax = amsgrad ? state.buffer(i, MAX_EXP_AVG_SQ) : null;
            long t = state.step(i) + 1;
            state.setStep(i, t);
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            boolean keras = epsConvention == EpsConvention.KERAS;
            double negStepSize = dt.round(-(lr / bc1));
            double bc2Sqrt = dt.round(Math.sqrt(bc2));
            double kerasLr = dt.round(lr * Math.sqrt(bc2) / bc1);
            if (kernel.vectorized(dt)) {
                float[] pv = f32(p);
                float[] gv = f32(g);
                float[] mv = f32(m);
                float[] vv = f32(v);
                float[] vmaxv = vmax == null ? null : f32(vmax);
                VectorKernels.AdamScalars c = new VectorKernels.AdamScalars(decay == WeightDecay.DECOUPLED,
                        weightDecay != 0, (float) wd, (float) decoupledFactor, (float) b1, (float) b2, (float) oneMinusB1,
                        (float) oneMinusB2, (float) epsT, keras, (float) negStepSize, (float) bc2Sqrt, (float) kerasLr);
                boolean setAside = SubnormalArithmetic.slow();
                VectorKernels.split(parameters.team(), pv.length,
                        (from, to) -> VectorKernels.adam(pv, gv, mv, vv, vmaxv, c, setAside, from, to));
                continue;
            }
            for (int k = 0; k < p.size(); k++) {
                double pk = p.get(k);
                double gk = g.get(k);
                if (decay == WeightDecay.DECOUPLED) {
                    pk = dt.round(pk * decoupledFactor);
                } else if (weightDecay != 0) {
                    gk = dt.fma(wd, pk, gk);
                }
                double mk = dt.fma(oneMinusB1, gk, dt.round(m.get(k) * b1));
                double vk = dt.fma(dt.round(oneMinusB2 * gk), gk, dt.round(v.get(k) * b2));
                m.set(k, mk);
                v.set(k, vk);
                if (vmax != null) {
                    vk = Math.max(vmax.get(k), vk);
                    vmax.set(k, vk);
                }
                if (keras) {
                    double denom = dt.round(dt.round(Math.sqrt(vk)) + epsT);
                    p.set(k, dt.round(pk - dt.round(dt.round(mk * kerasLr) / denom)));
                } else {
                    double denom = dt.round(dt.round(dt.round(Math.sqrt(vk)) / bc2Sqrt) + epsT);
                    p.set(k, dt.round(pk + dt.round(dt.round(negStepSize * mk) / denom)));
                }
            }
        }
    }
}
