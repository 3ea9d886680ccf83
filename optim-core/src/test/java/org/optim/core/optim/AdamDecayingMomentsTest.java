package org.optim.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.Kernel;
import org.optim.core.OptimizerState;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Team;
import org.optim.core.Tensor;
import org.optim.core.schedule.Schedule;

/**
 * First moments that decay through the subnormal floats (zero gradients after a tiny one), where
 * Intel cores take microcode assists. Where {@link SubnormalArithmetic#slow} says so, the vector
 * kernel sets such moments aside and decays them in integers ({@code VectorKernels.setAsideDecaying});
 * either way it must give the bits of the scalar reference, step by step, and leave unchanged only
 * the weights the reference leaves unchanged. The first test checks the way this machine takes
 * against the reference, the second both ways against each other.
 */
class AdamDecayingMomentsTest {
    private static final int SIZE = 1003;
    private static final int STEPS = 260;
    /** From here on every gradient after the first step is ordinary: a block without decaying moments. */
    private static final int ORDINARY_FROM = 512;

    static List<Adam> variants() {
        Schedule lr = new Schedule.Constant(1e-3);
        Schedule large = new Schedule.Constant(3.0);
        return List.of(new Adam(lr, 0.9, 0.999, 1e-8, 0, false, Adam.WeightDecay.L2),
                new Adam(large, 0.9, 0.999, 1e-8, 0, true, Adam.WeightDecay.L2),
                new Adam(lr, 0.9, 0.999, 1e-7, 0, false, Adam.WeightDecay.L2, Adam.EpsConvention.KERAS),
                new Adam(lr, 0.5, 0.999, 1e-8, 0.01, false, Adam.WeightDecay.DECOUPLED),
                new Adam(lr, 0.9, 0.999, 1e-8, 0.01, false, Adam.WeightDecay.L2),
                new Adam(large, 0.9, 0.999, 0, 0.01, false, Adam.WeightDecay.L2));
    }

    /** Weights of every kind of float: ordinary, zero of either sign, tiny and subnormal. */
    private static ParameterSet parameters() {
        SplittableRandom r = new SplittableRandom(11);
        Tensor w = Tensor.zeros(DType.FLOAT32, SIZE);
        for (int k = 0; k < SIZE; k++) {
            w.set(k, switch (k % 5) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> r.nextDouble(-1e-37, 1e-37);
                default -> r.nextDouble(-1, 1);
            });
        }
        return new ParameterSet(List.of(Parameter.of("w", w)), Team.SOLO);
    }

    /**
     * Step 0: gradients from 1e-6 down to 1e-40 (some subnormal) and zeros; afterwards most
     * elements get zero gradients of either sign, so their moments decay through the subnormals, and
     * the rest get ordinary ones (vectors mix both kinds of lane), as do all from {@link
     * #ORDINARY_FROM} on.
     */
    private static GradientOracle oracle() {
        int[] calls = {0};
        return ps -> {
            Tensor g = ps.get(0).grad();
            float[] values = gradients(calls[0]++);
            for (int k = 0; k < SIZE; k++) {
                g.set(k, values[k]);
            }
            return 0;
        };
    }

    /** The gradients of call {@code call} of {@link #oracle}, as floats. */
    private static float[] gradients(int call) {
        SplittableRandom r = new SplittableRandom(call);
        float[] g = new float[SIZE];
        for (int k = 0; k < SIZE; k++) {
            double sign = r.nextBoolean() ? 1 : -1;
            if (call == 0) {
                g[k] = (float) (k % 7 == 0 ? 0.0 : sign * Math.pow(10, -6 - r.nextInt(35)));
            } else {
                g[k] = (float) (k % 3 == 0 || k >= ORDINARY_FROM ? sign * r.nextDouble() : sign * 0.0);
            }
        }
        return g;
    }

    /**
     * Both ways of the vector kernel, whichever {@link SubnormalArithmetic#slow} picks on this machine
     * for the test above: setting decaying moments aside gives the plain loop's bits at every step.
     */
    @ParameterizedTest
    @MethodSource("thresholdCases")
    void settingDecayingMomentsAsideKeepsThePlainLoopsBits(boolean keras, float step, float eps, float decoupledFactor) {
        VectorKernels.AdamScalars c = scalars(keras, step, eps, decoupledFactor);
        float[] plainP = VectorKernels.f32(parameters().get(0).value());
        float[] asideP = plainP.clone();
        float[] plainM = new float[SIZE];
        float[] asideM = new float[SIZE];
        float[] plainV = new float[SIZE];
        float[] asideV = new float[SIZE];
        float threshold = Float.intBitsToFloat(c.unchangedAboveBits());
        int setAside = 0;
        for (int t = 0; t < STEPS; t++) {
            float[] g = gradients(t);
            for (int k = 0; k < SIZE; k++) {
                boolean decaying = asideM[k] != 0 && Math.abs(asideM[k]) <= 0x1p-125f && g[k] == 0;
                setAside += decaying && Math.abs(asideP[k]) > threshold && Float.isFinite(asideP[k]) ? 1 : 0;
            }
            VectorKernels.adam(plainP, g, plainM, plainV, null, c, false, 0, SIZE);
            VectorKernels.adam(asideP, g, asideM, asideV, null, c, true, 0, SIZE);
            assertThat(bits(asideP)).as("weights after step %d", t).isEqualTo(bits(plainP));
            assertThat(bits(asideM)).as("first moments after step %d", t).isEqualTo(bits(plainM));
            assertThat(bits(asideV)).as("second moments after step %d", t).isEqualTo(bits(plainV));
        }
        assertThat(setAside).as("lanes whose decaying moment was set aside").isGreaterThan(STEPS);
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            b[i] = Float.floatToRawIntBits(x[i]);
        }
        return b;
    }

    @ParameterizedTest
    @MethodSource("variants")
    void decayingMomentsKeepTheBitsOfTheScalarReference(Adam adam) {
        ParameterSet fast = parameters();
        ParameterSet reference = parameters();
        OptimizerState fastState = adam.init(fast);
        OptimizerState referenceState = adam.init(reference);
        GradientOracle fastOracle = oracle();
        GradientOracle referenceOracle = oracle();
        int subnormalMoments = 0;
        for (int t = 0; t < STEPS; t++) {
            adam.step(fast, fastState, fastOracle, Kernel.FAST);
            adam.step(reference, referenceState, referenceOracle, Kernel.REFERENCE);
            Tensor m = fastState.buffer(0, Adam.EXP_AVG);
            for (int k = 0; k < SIZE; k++) {
                float mk = (float) m.get(k);
                if (mk != 0 && Math.abs(mk) < Float.MIN_NORMAL) {
                    subnormalMoments++;
                }
            }
            OptimizerContractTest.assertBitwiseEqual(fast, reference);
            assertThat(fastState.bitwiseEquals(referenceState)).as("state after step %d", t).isTrue();
        }
        assertThat(subnormalMoments).as("moments passed through the subnormals").isPositive();
    }

    /**
     * The weights the vector kernel leaves unchanged when their first moment decays: one ulp above
     * the threshold, the largest such moment (2^-125) and the smallest denominator (v = 0) still leave
     * the weight as it was (after decoupled decay), in the scalar reference's operations.
     */
    @ParameterizedTest
    @MethodSource("thresholdCases")
    void weightsAboveTheThresholdAreLeftUnchanged(boolean keras, float step, float eps, float decoupledFactor) {
        VectorKernels.AdamScalars c = scalars(keras, step, eps, decoupledFactor);
        float above = Math.nextUp(Float.intBitsToFloat(c.unchangedAboveBits()));
        assertThat(above).isFinite();
        for (float p : new float[] {above, -above}) {
            for (float m : new float[] {0x1p-125f, -0x1p-125f, Float.MIN_VALUE}) {
                float pk = c.decoupled() ? p * decoupledFactor : p;
                float updated = keras ? pk - (m * c.kerasLr()) / ((float) Math.sqrt(0f) + eps)
                        : pk + (c.negStepSize() * m) / ((float) Math.sqrt(0f) / c.bc2Sqrt() + eps);
                assertThat(Float.floatToRawIntBits(updated)).as("p %s, m %s", p, m).isEqualTo(Float.floatToRawIntBits(pk));
            }
        }
    }

    /** Adam's scalars for a case of {@link #thresholdCases}: beta1 0.9, decoupled decay where the factor is not 1. */
    private static VectorKernels.AdamScalars scalars(boolean keras, float step, float eps, float decoupledFactor) {
        boolean decoupled = decoupledFactor != 1;
        return new VectorKernels.AdamScalars(decoupled, decoupled, 0.01f, decoupledFactor, 0.9f, 0.999f, 0.1f, 0.001f,
                eps, keras, -step, 1f, step);
    }

    static List<Object[]> thresholdCases() {
        return List.of(new Object[] {false, 1e-2f, 1e-8f, 1f}, new Object[] {true, 1e-2f, 1e-7f, 1f},
                new Object[] {false, 30f, Float.MIN_NORMAL, 1f}, new Object[] {false, 3f, 1e-8f, 0.5f},
                new Object[] {false, 3f, 1e-8f, 0.125f},
                new Object[] {true, 1e3f, 1e-30f, 0.999f});
    }
}
