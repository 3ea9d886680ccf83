package org.optim.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.Diagnostics;
import org.optim.core.FirstOrderOptimizer;
import org.optim.core.OptimizerState;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;
import org.optim.core.problems.GradientStream;
import org.optim.core.schedule.Schedule;

/** Expectigrad properties from Daley &amp; Amato (arXiv 2010.01356) and brett-daley/expectigrad. */
class ExpectigradTest {
    private static final Schedule LR = new Schedule.Constant(0.1);

    private static ParameterSet weights(DType dt, double... values) {
        return ParameterSet.of(Parameter.of("w", Tensor.of(dt, new int[] {values.length}, values)));
    }

    @Test
    void entriesNeverSeenNonzeroDoNotMoveAndProduceNoNaN() {
        ParameterSet set = weights(DType.FLOAT64, 1, 2, 3);
        GradientStream stream = new GradientStream(List.of(List.of(new double[] {0, 0.5, 0}), List.of(new double[] {0, 0, -1})));
        Expectigrad opt = new Expectigrad(LR, 0.9, 1e-8, true);
        OptimizerState state = opt.init(set);
        opt.step(set, state, stream);
        opt.step(set, state, stream);
        assertThat(set.get(0).value().get(0)).isEqualTo(1.0);
        assertThat(set.get(0).value().toDoubleArray()).doesNotContain(Double.NaN);
        assertThat(state.buffer(0, Expectigrad.COUNTER).toDoubleArray()).containsExactly(0, 1, 1);
        assertThat(state.buffer(0, Expectigrad.SUM).toDoubleArray()).containsExactly(0, 0.25, 1);
    }

    @Test
    void theSparseCounterNormalisesByNonzeroSquaresOnlyTheDenseOneByTheStepCount() {
        // Step 2 sees g = 0.5 after a zero: sparse mean of squares 0.25 (|step| = 1), dense 0.125.
        List<List<double[]>> grads = List.of(List.of(new double[] {0}), List.of(new double[] {0.5}));
        for (boolean sparse : new boolean[] {true, false}) {
            ParameterSet set = weights(DType.FLOAT64, 0);
            Expectigrad opt = new Expectigrad(LR, 0, 0x1p-40, sparse);
            GradientStream stream = new GradientStream(grads);
            OptimizerState state = opt.init(set);
            opt.step(set, state, stream);
            opt.step(set, state, stream);
            double expected = -0.1 * 0.5 / (Math.sqrt(sparse ? 0.25 : 0.125) + 0x1p-40);
            assertThat(set.get(0).value().get(0)).isEqualTo(expected);
            assertThat(state.buffers(0).containsKey(Expectigrad.COUNTER)).isEqualTo(sparse);
        }
    }

    @Test
    void aGradientWhoseSquareUnderflowsInFloat32IsNotCounted() {
        for (DType dt : DType.values()) {
            ParameterSet set = weights(dt, 1);
            set.get(0).grad().set(0, 0x1p-100);
            Expectigrad opt = new Expectigrad(LR, 0.9, 1e-8, true);
            OptimizerState state = opt.init(set);
            opt.update(set, state);
            assertThat(state.buffer(0, Expectigrad.COUNTER).get(0)).isEqualTo(dt == DType.FLOAT32 ? 0.0 : 1.0);
        }
    }

    @Test
    void theZeroGradientFractionCountsExactZerosOverAllParameters() {
        ParameterSet set = ParameterSet.of(
                Parameter.of("a", Tensor.of(DType.FLOAT32, new int[] {2, 2}, new double[] {1, 1, 1, 1})),
                Parameter.of("b", Tensor.of(DType.FLOAT32, new int[] {4}, new double[] {1, 1, 1, 1})));
        set.get(0).grad().set(1, 0.25);
        set.get(1).grad().set(3, -1e-30);
        Expectigrad opt = new Expectigrad(LR, 0.9, 1e-8, true);
        Diagnostics d = opt.update(set, opt.init(set));
        assertThat(d.get(Expectigrad.ZERO_GRAD_FRACTION)).isEqualTo(6.0 / 8);
    }

    /**
     * Reddi, Kale &amp; Kumar's online problem (ICLR 2018, section 5): x in [-1, 1], f_t(x) = 1010 x when
     * t mod 101 = 1, else -10 x; the best fixed point is -1. Returns the final x.
     */
    private static double reddi(FirstOrderOptimizer opt) {
        ParameterSet set = weights(DType.FLOAT64, 0);
        OptimizerState state = opt.init(set);
        Tensor x = set.get(0).value();
        for (int t = 1; t <= 50_500; t++) {
            set.get(0).grad().set(0, t % 101 == 1 ? 1010 : -10);
            opt.update(set, state);
            x.set(0, Math.max(-1, Math.min(1, x.get(0))));
        }
        return x.get(0);
    }

    @Test
    void onReddisProblemAdamDriftsToPlusOneWhileExpectigradHeadsToMinusOne() {
        Schedule lr = new Schedule.Constant(0.02);
        // Measured after 50,500 steps: Adam +1.0, AMSGrad -0.77, Expectigrad -0.63.
        assertThat(reddi(new Adam(lr, 0.9, 0.99, 1e-8, 0, false, Adam.WeightDecay.L2))).isEqualTo(1.0);
        assertThat(reddi(new Adam(lr, 0.9, 0.99, 1e-8, 0, true, Adam.WeightDecay.L2))).isLessThan(-0.5);
        assertThat(reddi(new Expectigrad(lr, 0.9, 1e-8, true))).isLessThan(-0.5);
    }
}
