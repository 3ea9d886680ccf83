package org.optim.nn;

import java.util.List;

/**
 * A sequential stack of dense layers on flat inputs, trained with softmax cross-entropy on the last
 * layer's outputs (the logits).
 *
 * @param inputs number of input features, at least 1
 * @param layers the layers in order; the last one must be {@link Activation#LINEAR} (its outputs
 *               are logits) and have at least 2 units
 */
public record ModelSpec(int inputs, List<LayerSpec> layers) {
    public ModelSpec {
        if (inputs < 1) {
            throw new IllegalArgumentException("inputs must be >= 1, got " + inputs);
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        layers = List.copyOf(layers);
        LayerSpec last = layers.get(layers.size() - 1);
        if (last.activation() != Activation.LINEAR) {
            throw new IllegalArgumentException("the last layer produces logits for softmax cross-entropy and must be"
                    + " linear, got " + last.activation().label());
        }
        if (last.units() < 2) {
            throw new IllegalArgumentException("the last layer needs at least 2 classes, got " + last.units());
        }
    }

    /**
     * The paper's network: {@code inputs -> hidden (relu) -> classes (logits)}, both layers with
     * bias (784-784-10 for MNIST in Foret et al., Heo et al. and Daley &amp; Amato's comparison).
     */
    public static ModelSpec mlp(int inputs, int hidden, int classes) {
        return new ModelSpec(inputs, List.of(LayerSpec.dense(hidden, Activation.RELU),
                LayerSpec.dense(classes, Activation.LINEAR)));
    }

    /** The number of classes (units of the last layer). */
    public int classes() {
        return layers.get(layers.size() - 1).units();
    }

    /** Inputs of layer {@code l} (0-based). */
    public int inputsOf(int l) {
        return l == 0 ? inputs : layers.get(l - 1).units();
    }
}
