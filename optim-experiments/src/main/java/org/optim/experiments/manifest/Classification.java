package org.optim.experiments.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Supervised classification with a multi-layer perceptron: the MNIST protocol of the paper and
 * its variants.
 *
 * @param data       data set, pixel scaling and split
 * @param model      layers, activations, initialization, dtype
 * @param loss       {@code softmax-cross-entropy} (Keras's {@code CategoricalCrossentropy} on softmax outputs)
 * @param batch      batch size, partial-batch policy, shuffling
 * @param evaluation how the full evaluation passes (epoch 0 and after every epoch) are batched
 */
public record Classification(Data data, Model model, String loss, Batch batch, Evaluation evaluation) implements Task {

    /** Images per source file of both MNIST and Fashion-MNIST. */
    public static int sourceSize(String source) {
        return "train".equals(source) ? 60_000 : 10_000;
    }

    @Override
    public String type() {
        return "classification";
    }

    @Override
    public List<String> availableMetrics() {
        List<String> m = new ArrayList<>(List.of("train_loss", "train_accuracy"));
        if (data.validation() != null) {
            m.add("val_loss");
            m.add("val_accuracy");
        }
        if (data.test() != null) {
            m.add("test_loss");
            m.add("test_accuracy");
        }
        m.addAll(List.of("grad_norm", "param_norm", DIAGNOSTICS));
        return m;
    }

    /**
     * @param dataset    {@code mnist} or {@code fashion-mnist}
     * @param scaling    {@code unit} (pixels / 255, in [0, 1]) or {@code raw} (0..255 as floats)
     * @param train      the examples trained on
     * @param validation examples evaluated as {@code val_*}, or {@code null}
     * @param test       examples evaluated as {@code test_*}, or {@code null}
     */
    public record Data(String dataset, String scaling, Partition train, Partition validation, Partition test) {
        /** True when the training examples come from the test file (as the paper's text says it did). */
        public boolean trainedOnTestSet() {
            return "test".equals(train.source());
        }

        /** One line describing the split, for run.json. */
        public String describeSplit() {
            StringBuilder s = new StringBuilder("train=" + train);
            if (validation != null) {
                s.append(" val=").append(validation);
            }
            if (test != null) {
                s.append(" test=").append(test);
            }
            return s.toString();
        }
    }

    /**
     * A contiguous range {@code [from, to)} of one source file, in file order.
     *
     * @param source {@code train} or {@code test} (the data set's two files)
     */
    public record Partition(String source, int from, int to) {
        public int size() {
            return to - from;
        }

        @Override
        public String toString() {
            return source + "[" + from + ":" + to + "]";
        }
    }

    /**
     * @param layers dense layers from input to output
     * @param init   {@code keras-glorot-uniform} (weights U(+-sqrt(6/(fan_in+fan_out))), zero biases) or
     *               {@code pytorch-default} (weights and biases U(+-1/sqrt(fan_in)))
     * @param dtype  {@code float32} or {@code float64}
     */
    public record Model(List<Layer> layers, String init, String dtype) {
    }

    /**
     * A dense layer with a bias; layer l (1-based) has parameters {@code fc<l>.weight} [units, inputs]
     * and {@code fc<l>.bias} [units] (PyTorch's {@code nn.Linear} layout).
     *
     * @param units      outputs
     * @param activation {@code relu} or {@code none}
     */
    public record Layer(int units, String activation) {
    }

    /**
     * @param size    examples per batch
     * @param partial {@code keep}: the last, smaller batch is trained on (Keras and PyTorch's default);
     *                {@code drop}: it is skipped
     * @param shuffle reshuffle the training examples before every epoch (seeded)
     */
    public record Batch(int size, String partial, boolean shuffle) {
    }

    /** @param batchSize examples per forward pass in evaluation (does not change the result) */
    public record Evaluation(int batchSize) {
    }
}
