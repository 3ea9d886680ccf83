package org.optim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.OptimizerState;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;
import org.optim.core.optim.Adam;
import org.optim.core.schedule.Schedule;
import org.optim.nn.kernel.Kernels;

/**
 * Training the paper's MLP (784-784-10, float32, Adam lr 1e-3) gives the same parameter bits on 1
 * and 2 threads, and with the Vector API kernels and the scalar fallback. The inputs are seeded
 * uniform noise with a third of the pixels exactly 0 (as in MNIST backgrounds), labels random: the
 * point is the arithmetic, not the accuracy. A batch of 12 rows exercises every remainder path: 12
 * = 8 + 4 rows, 784 = 24.5 column panels of 32, k = 784 in passes of 196, and the 10-wide output
 * layer is split by rows.
 */
class DeterminismTest {
    private static final int IN = 784;
    private static final int BATCH = 12;
    private static final int POOL = 240;

    private record Data(Tensor x, int[] y) {
    }

    private static Data data() {
        SplittableRandom r = new SplittableRandom(42);
        Tensor x = Tensor.zeros(DType.FLOAT32, POOL, IN);
        int[] y = new int[POOL];
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextInt(3) == 0 ? 0.0 : r.nextDouble());
        }
        for (int i = 0; i < POOL; i++) {
            y[i] = r.nextInt(10);
        }
        return new Data(x, y);
    }

    /** Trains {@code steps} Adam steps; returns the final parameters and the first and last loss. */
    private static List<Object> train(Kernels kernels, int steps) {
        Data d = data();
        Sequential model = new Sequential(ModelSpec.mlp(IN, IN, 10), DType.FLOAT32, kernels);
        model.initialize(Initializer.PYTORCH, 7);
        ParameterSet ps = model.parameters();
        Adam adam = new Adam(new Schedule.Constant(1e-3), 0.9, 0.999, 1e-8, 0.0, false, Adam.WeightDecay.L2);
        OptimizerState state = adam.init(ps);
        Tensor bx = Tensor.zeros(DType.FLOAT32, BATCH, IN);
        int[] by = new int[BATCH];
        int[] order = new int[POOL];
        for (int i = 0; i < POOL; i++) {
            order[i] = (i * 37) % POOL;
        }
        double first = 0;
        double last = 0;
        for (int s = 0; s < steps; s++) {
            Rows.gather(d.x(), d.y(), IN, order, (s * BATCH) % POOL, BATCH, bx, by);
            last = adam.step(ps, state, model.oracle(bx, by, BATCH)).loss();
            if (s == 0) {
                first = last;
            }
        }
        List<Object> out = new ArrayList<>(ps.snapshotValues());
        out.add(first);
        out.add(last);
        out.add(Norms.gradientNorm(kernels, ps));
        return out;
    }

    private static void assertSameBits(List<Object> a, List<Object> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) instanceof Tensor t) {
                assertThat(t.bitwiseEquals((Tensor) b.get(i))).as("parameter %d", i).isTrue();
            } else {
                assertThat(Double.doubleToRawLongBits((Double) a.get(i))).as("value %d", i)
                        .isEqualTo(Double.doubleToRawLongBits((Double) b.get(i)));
            }
        }
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBits() {
        List<Object> one;
        List<Object> two;
        try (Kernels k = Kernels.vector(1)) {
            one = train(k, 200);
        }
        try (Kernels k = Kernels.vector(2)) {
            two = train(k, 200);
        }
        assertSameBits(one, two);
        // 200 steps over 240 rows fit the noise: the loss must fall well below log(10) = 2.30.
        assertThat((Double) one.get(one.size() - 2)).isLessThan(0.5 * (Double) one.get(one.size() - 3));
    }

    @Test
    void vectorKernelsAndScalarFallbackGiveTheSameBits() {
        List<Object> vector;
        try (Kernels k = Kernels.vector(2)) {
            vector = train(k, 200);
        }
        assertSameBits(vector, train(Kernels.scalar(), 200));
    }
}
