package org.optim.nn;

/**
 * One dense layer: {@code y = f(x W^T + b)} with W of shape [units, inputs] (PyTorch's {@code
 * nn.Linear} layout) and b of shape [units] when {@code bias} is true.
 *
 * @param units      number of outputs, at least 1
 * @param activation the nonlinearity after the affine map
 * @param bias       whether the layer has a bias vector
 */
public record LayerSpec(int units, Activation activation, boolean bias) {
    public LayerSpec {
        if (units < 1) {
            throw new IllegalArgumentException("units must be >= 1, got " + units);
        }
        if (activation == null) {
            throw new IllegalArgumentException("activation must be given");
        }
    }

    /** A layer with a bias (the Keras and PyTorch default). */
    public static LayerSpec dense(int units, Activation activation) {
        return new LayerSpec(units, activation, true);
    }
}
