package org.optim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.Tensor;
import org.optim.nn.kernel.Kernels;

/** Batched evaluation: chunking changes no bit, and the loss is the training loss of the same rows. */
class EvaluateTest {
    @Test
    void chunkedEvaluationEqualsWholeAndMatchesTheTrainingLoss() {
        SplittableRandom r = new SplittableRandom(3);
        int rows = 45;
        int inputs = 12;
        Tensor x = Tensor.zeros(DType.FLOAT32, rows, inputs);
        for (int i = 0; i < x.size(); i++) {
            x.set(i, r.nextDouble(-1, 1));
        }
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = r.nextInt(3);
        }
        try (Kernels k = Kernels.vector(2)) {
            Sequential model = new Sequential(ModelSpec.mlp(inputs, 20, 3), DType.FLOAT32, k);
            model.initialize(Initializer.KERAS, 11);
            Evaluation whole = model.evaluate(x, y, rows, rows);
            Evaluation chunked = model.evaluate(x, y, rows, 8);
            assertThat(chunked.loss()).isEqualTo(whole.loss());
            assertThat(chunked.accuracy()).isEqualTo(whole.accuracy());
            assertThat(whole.rows()).isEqualTo(rows);
            // Same per-row losses as training, added in the same order.
            assertThat(whole.loss()).isEqualTo(model.lossAndGradient(x, y, rows));
            // A random 3-class model is right about a third of the time, never all or none here.
            assertThat(whole.accuracy()).isBetween(0.05, 0.95);
            assertThat(whole.accuracy() * rows).isEqualTo(Math.rint(whole.accuracy() * rows));
            // The next evaluation sees changed weights (their prepared form is not stale).
            Tensor w = model.parameters().get(0).value();
            for (int i = 0; i < w.size(); i++) {
                w.set(i, -0.5 * w.get(i));
            }
            Evaluation changed = model.evaluate(x, y, rows, 8);
            assertThat(changed.loss()).isNotEqualTo(whole.loss()).isEqualTo(model.lossAndGradient(x, y, rows));
        }
    }
}
