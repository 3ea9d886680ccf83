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
 * x86 takes microcode assists and any faster path for them must still give the bits of the scalar
 * reference, step by step.
 */
class AdamDecayingMomentsTest {
    private static final int SIZE = 1003;
    private static final int STEPS = 260;

    static List<Adam> variants() {
        Schedule lr = new Schedule.Constant(1e-3);
        Schedule large = new Schedule.Constant(3.0);
        return List.of(new Adam(lr, 0.9, 0.999, 1e-8, 0, false, Adam.WeightDecay.L2),
                new Adam(large, 0.9, 0.999, 1e-8, 0, true, Adam.WeightDecay.L2),
                new Adam(lr, 0.9, 0.999, 1e-7, 0, false, Adam.WeightDecay.L2, Adam.EpsConvention.KERAS),
                new Adam(lr, 0.5, 0.999, 1e-8, 0.01, false, Adam.WeightDecay.DECOUPLED),
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
     * elements get zero gradients, so their moments decay through the subnormals, and the rest get
     * ordinary ones (vectors mix both kinds of lane).
     */
    private static GradientOracle oracle() {
        int[] calls = {0};
        return ps -> {
            Tensor g = ps.get(0).grad();
            SplittableRandom r = new SplittableRandom(calls[0]);
            for (int k = 0; k < SIZE; k++) {
                double sign = r.nextBoolean() ? 1 : -1;
                if (calls[0] == 0) {
                    g.set(k, k % 7 == 0 ? 0.0 : sign * Math.pow(10, -6 - r.nextInt(35)));
                } else {
                    g.set(k, k % 3 == 0 ? sign * r.nextDouble() : 0.0);
                }
            }
            calls[0]++;
            return 0;
        };
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
}
