package org.optim.experiments.landscape;

import java.util.Arrays;
import org.optim.core.Tensor;
import org.optim.nn.Rows;
import org.optim.nn.Sequential;

/** The landscape objective of an optim-nn model: mean softmax cross-entropy on a fixed subset of rows. */
public final class MlpObjective {
    private MlpObjective() {
    }

    /**
     * The first {@code n} rows of {@code inputs} ([rows, model inputs], row-major) and their labels
     * as one full batch: gradients by {@link Sequential#oracle}, losses alone by
     * {@link Sequential#evaluate} in chunks of {@code chunk} rows (forward passes only). The rows are
     * copied, so later changes to {@code inputs} do not move the subset.
     */
    public static LandscapeSubject.Objective of(Sequential model, Tensor inputs, int[] labels, int n, int chunk) {
        int width = model.spec().inputs();
        if (n < 1 || (long) n * width > inputs.size() || n > labels.length) {
            throw new IllegalArgumentException("a subset of " + n + " rows needs " + n + " rows of " + width
                    + " inputs and labels, got " + inputs.size() + " values and " + labels.length + " labels");
        }
        Tensor rows = Tensor.zeros(inputs.dtype(), n, width);
        Rows.copy(inputs, 0, rows, 0, n * width);
        int[] subsetLabels = Arrays.copyOf(labels, n);
        return new LandscapeSubject.Objective(model.oracle(rows, subsetLabels, n),
                ps -> {
                    if (ps != model.parameters()) {
                        throw new IllegalArgumentException("this loss is that of its own model's parameters");
                    }
                    return model.evaluate(rows, subsetLabels, n, chunk).loss();
                });
    }
}
