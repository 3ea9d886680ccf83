package org.optim.core;

/**
 * One named, trainable tensor and its gradient (PyTorch's {@code p} and {@code p.grad}).
 *
 * @param name  stable name such as {@code fc1.weight}; logs and state are keyed by it
 * @param value the parameter values, updated in place by optimizers
 * @param grad  the gradient at {@code value}, written by a {@link GradientOracle}
 */
public record Parameter(String name, Tensor value, Tensor grad) {
    public Parameter {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("parameter name must be non-empty");
        }
        value.checkCompatible(grad);
    }

    /** A parameter with the given initial values and a zero gradient. */
    public static Parameter of(String name, Tensor value) {
        return new Parameter(name, value, value.zerosLike());
    }
}
