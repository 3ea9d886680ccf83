package org.optim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.optim.core.DType;
import org.optim.core.Parameter;
import org.optim.core.Tensor;
import org.optim.nn.kernel.Kernels;

/**
 * Analytic gradients against central finite differences in float64:
 * {@code (L(w + h e_i) - L(w - h e_i)) / 2h} with h = 1e-6. Truncation error is O(h^2) ~ 1e-12 and
 * rounding error ~ 1e-16 / h ~ 1e-10, so every entry must agree within 1e-7 absolute (relative to
 * max(1, |g|)); a wrong sign, index or missing term is off by far more.
 */
class GradientCheckTest {
    private static final double H = 1e-6;
    private static final double TOLERANCE = 1e-7;

    static Tensor randomInputs(int rows, int width, SplittableRandom r) {
        Tensor x = Tensor.zeros(DType.FLOAT64, rows, width);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextDouble(-1.5, 1.5));
        }
        return x;
    }

    private static void checkGradients(ModelSpec spec, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int rows = 6;
        Sequential model = new Sequential(spec, DType.FLOAT64, Kernels.scalar());
        model.initialize(Initializer.PYTORCH, seed);
        Tensor x = randomInputs(rows, spec.inputs(), r);
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = r.nextInt(spec.classes());
        }
        model.lossAndGradient(x, labels, rows);
        List<Tensor> analytics = new java.util.ArrayList<>();
        for (Parameter p : model.parameters()) {
            analytics.add(p.grad().copy());
        }
        for (int k = 0; k < model.parameters().size(); k++) {
            Parameter p = model.parameters().get(k);
            Tensor analytic = analytics.get(k);
            for (int i = 0; i < p.value().size(); i++) {
                double w = p.value().get(i);
                p.value().set(i, w + H);
                double up = model.lossAndGradient(x, labels, rows);
                p.value().set(i, w - H);
                double down = model.lossAndGradient(x, labels, rows);
                p.value().set(i, w);
                double numeric = (up - down) / (2 * H);
                assertThat(Math.abs(analytic.get(i) - numeric))
                        .as("%s[%d]: analytic %s, numeric %s", p.name(), i, analytic.get(i), numeric)
                        .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(numeric)));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationWithAndWithoutBias(Activation f) {
        for (boolean bias : new boolean[] {true, false}) {
            ModelSpec spec = new ModelSpec(5, List.of(new LayerSpec(4, f, bias), new LayerSpec(4, Activation.TANH, true),
                    new LayerSpec(3, Activation.LINEAR, bias)));
            checkGradients(spec, 17 + f.ordinal());
        }
    }

    @Test
    void singleLinearLayerIsSoftmaxRegression() {
        checkGradients(new ModelSpec(7, List.of(LayerSpec.dense(4, Activation.LINEAR))), 3);
    }

    @Test
    void lossGradientWithRespectToLogits() {
        SplittableRandom r = new SplittableRandom(9);
        int rows = 4, classes = 5;
        Tensor z = randomInputs(rows, classes, r);
        int[] labels = {0, 4, 2, 2};
        Tensor g = Tensor.zeros(DType.FLOAT64, rows, classes);
        SoftmaxCrossEntropy.lossAndGradient(z, labels, rows, classes, g);
        Tensor scratch = Tensor.zeros(DType.FLOAT64, rows, classes);
        for (int i = 0; i < z.size(); i++) {
            double v = z.get(i);
            z.set(i, v + H);
            double up = SoftmaxCrossEntropy.lossAndGradient(z, labels, rows, classes, scratch);
            z.set(i, v - H);
            double down = SoftmaxCrossEntropy.lossAndGradient(z, labels, rows, classes, scratch);
            z.set(i, v);
            assertThat(g.get(i)).isCloseTo((up - down) / (2 * H), org.assertj.core.data.Offset.offset(TOLERANCE));
        }
    }

    @Test
    void lossIsStableForHugeLogits() {
        // exp(1000) overflows a double; logsumexp does not. Row 0: loss = log(1 + e^-1000 + e^-2000) = ~0.
        Tensor z = Tensor.of(DType.FLOAT32, new int[] {2, 3}, new double[] {1000, 0, -1000, -1000, 0, 1000});
        Tensor g = Tensor.zeros(DType.FLOAT32, 2, 3);
        double loss = SoftmaxCrossEntropy.lossAndGradient(z, new int[] {0, 0}, 2, 3, g);
        // Row 1: label 0 has logit -1000 against 1000: loss 2000. Mean (0 + 2000) / 2.
        assertThat(loss).isEqualTo(1000.0);
        assertThat(g.toDoubleArray()).containsExactly(0.0, 0.0, 0.0, -0.5, 0.0, 0.5);
    }
}
