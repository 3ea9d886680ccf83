package org.optim.nn;

import org.optim.core.DType;

/**
 * The element-wise nonlinearity after a dense layer. Derivatives are taken from the layer's
 * <em>output</em> {@code y = f(z)}, as PyTorch's backward functions do, so the pre-activation need
 * not be kept.
 *
 * <pre>
 * relu:     y = max(z, 0)            dy/dz = (y &gt; 0) ? 1 : 0     (relu'(0) = 0, PyTorch's threshold_backward)
 * linear:   y = z                    dy/dz = 1
 * sigmoid:  y = 1 / (1 + exp(-z))    g * dy/dz = (g * (1 - y)) * y  (torch sigmoid_backward's order)
 * tanh:     y = tanh(z)              g * dy/dz = g * (1 - y * y)    (torch tanh_backward's order)
 * </pre>
 *
 * <p>Each operation is rounded to the tensor's format once per arithmetic step; {@code exp} and
 * {@code tanh} come from {@link StrictMath}, whose results are the same on every JDK.
 */
public enum Activation {
    /** Rectified linear unit. */
    RELU("relu"),
    /** The identity (Keras's {@code linear}). */
    LINEAR("linear"),
    /** The logistic function. */
    SIGMOID("sigmoid"),
    /** The hyperbolic tangent. */
    TANH("tanh");

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    /** The name used in model specs ({@code relu}, {@code linear}, {@code sigmoid}, {@code tanh}). */
    public String label() {
        return label;
    }

    /** Parses a model-spec name; {@code identity} is accepted for {@code linear}. */
    public static Activation fromLabel(String label) {
        if ("identity".equals(label)) {
            return LINEAR;
        }
        for (Activation a : values()) {
            if (a.label.equals(label)) {
                return a;
            }
        }
        throw new IllegalArgumentException("activation must be relu, linear, sigmoid or tanh, got " + label);
    }

    /**
     * {@code f(z)} for a value {@code z} already in format {@code t}, rounded to {@code t}.
     */
    public double apply(double z, DType t) {
        return switch (this) {
            case RELU -> Math.max(z, 0.0);
            case LINEAR -> z;
            case SIGMOID -> t.round(1.0 / (1.0 + StrictMath.exp(-z)));
            case TANH -> t.round(StrictMath.tanh(z));
        };
    }

    /** The upstream gradient {@code g} times {@code f'(z)}, given the output {@code y = f(z)}. */
    public double backward(double y, double g, DType t) {
        return switch (this) {
            case RELU -> y > 0.0 ? g : 0.0;
            case LINEAR -> g;
            case SIGMOID -> t.round(t.round(g * t.round(1.0 - y)) * y);
            case TANH -> t.round(g * t.round(1.0 - t.round(y * y)));
        };
    }
}
