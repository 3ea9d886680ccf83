package org.optim.nn;

import java.util.SplittableRandom;
import org.optim.core.Tensor;

/**
 * How a dense layer's parameters start. Values are drawn from one {@link SplittableRandom} seeded
 * with the caller's seed, layer by layer, weight before bias, each tensor in row-major order, as
 * {@code bound * (2u - 1)} with {@code u = nextDouble()}, rounded once to the tensor's format.
 *
 * <pre>
 * KERAS:   W ~ U(-sqrt(6 / (fan_in + fan_out)), +...)   glorot_uniform;   b = 0   (keras.layers.Dense defaults)
 * PYTORCH: W ~ U(-1/sqrt(fan_in), +1/sqrt(fan_in))       kaiming_uniform_(a = sqrt(5));
 *          b ~ U(-1/sqrt(fan_in), +1/sqrt(fan_in))       (torch.nn.Linear.reset_parameters)
 * </pre>
 * For kaiming_uniform with a = sqrt(5): gain = sqrt(2 / (1 + a^2)) = sqrt(1/3), bound = gain *
 * sqrt(3 / fan_in) = 1 / sqrt(fan_in).
 *
 * <p>Matches: the distributions of keras {@code initializers.GlorotUniform} / {@code Zeros} and
 * pytorch {@code torch/nn/modules/linear.py} {@code reset_parameters}; the random streams are our
 * own (neither framework's generator is reproduced).
 */
public enum Initializer {
    /** Glorot-uniform weights, zero bias. */
    KERAS("keras"),
    /** Kaiming-uniform (a = sqrt 5) weights and uniform bias, both bounded by 1/sqrt(fan_in). */
    PYTORCH("pytorch");

    private final String label;

    Initializer(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Parses {@code keras} / {@code pytorch}. */
    public static Initializer fromLabel(String label) {
        for (Initializer i : values()) {
            if (i.label.equals(label)) {
                return i;
            }
        }
        throw new IllegalArgumentException("initializer must be keras or pytorch, got " + label);
    }

    /** The bound of the weights' uniform distribution. */
    double weightBound(int fanIn, int fanOut) {
        return this == KERAS ? Math.sqrt(6.0 / (fanIn + fanOut)) : 1.0 / Math.sqrt(fanIn);
    }

    /** The bound of the bias's uniform distribution (0: the bias is zero). */
    double biasBound(int fanIn) {
        return this == KERAS ? 0.0 : 1.0 / Math.sqrt(fanIn);
    }

    static void fillUniform(Tensor t, double bound, SplittableRandom random) {
        for (int i = 0; i < t.size(); i++) {
            t.set(i, bound == 0.0 ? 0.0 : bound * (2.0 * random.nextDouble() - 1.0));
        }
    }
}
