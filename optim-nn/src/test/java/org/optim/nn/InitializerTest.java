package org.optim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.Tensor;
import org.optim.nn.kernel.Kernels;

class InitializerTest {
    private static Sequential mlp(Initializer init, long seed) {
        Sequential m = new Sequential(ModelSpec.mlp(784, 784, 10), DType.FLOAT32, Kernels.scalar());
        m.initialize(init, seed);
        return m;
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (int i = 0; i < t.size(); i++) {
            m = Math.max(m, Math.abs(t.get(i)));
        }
        return m;
    }

    private static double variance(Tensor t) {
        double s = 0;
        for (int i = 0; i < t.size(); i++) {
            s += t.get(i) * t.get(i);
        }
        return s / t.size();
    }

    @Test
    void parametersAreNamedAndShapedAsPyTorchLinear() {
        Sequential m = mlp(Initializer.PYTORCH, 1);
        assertThat(m.parameters().names()).containsExactly("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
        assertThat(m.parameters().get("fc1.weight").value().shape()).containsExactly(784, 784);
        assertThat(m.parameters().get("fc2.weight").value().shape()).containsExactly(10, 784);
        assertThat(m.parameters().get("fc2.bias").value().shape()).containsExactly(10);
    }

    @Test
    void kerasIsGlorotUniformWithZeroBias() {
        Sequential m = mlp(Initializer.KERAS, 2);
        Tensor w = m.parameters().get("fc1.weight").value();
        double limit = Math.sqrt(6.0 / (784 + 784));
        assertThat(maxAbs(w)).isLessThanOrEqualTo(limit).isGreaterThan(0.99 * limit);
        // U(-a, a) has variance a^2 / 3.
        assertThat(variance(w)).isCloseTo(limit * limit / 3, org.assertj.core.data.Percentage.withPercentage(1));
        assertThat(maxAbs(m.parameters().get("fc1.bias").value())).isZero();
        double limit2 = Math.sqrt(6.0 / (784 + 10));
        assertThat(maxAbs(m.parameters().get("fc2.weight").value())).isLessThanOrEqualTo(limit2).isGreaterThan(0.9 * limit2);
    }

    @Test
    void pytorchIsKaimingUniformWithUniformBias() {
        Sequential m = mlp(Initializer.PYTORCH, 3);
        double bound = 1 / Math.sqrt(784);
        Tensor w = m.parameters().get("fc1.weight").value();
        assertThat(maxAbs(w)).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        assertThat(variance(w)).isCloseTo(bound * bound / 3, org.assertj.core.data.Percentage.withPercentage(1));
        Tensor b = m.parameters().get("fc1.bias").value();
        assertThat(maxAbs(b)).isLessThanOrEqualTo(bound).isGreaterThan(0.9 * bound);
    }

    @Test
    void sameSeedSameBitsOtherSeedOtherValues() {
        Tensor a = mlp(Initializer.PYTORCH, 4).parameters().get("fc2.weight").value();
        Tensor b = mlp(Initializer.PYTORCH, 4).parameters().get("fc2.weight").value();
        Tensor c = mlp(Initializer.PYTORCH, 5).parameters().get("fc2.weight").value();
        assertThat(a.bitwiseEquals(b)).isTrue();
        assertThat(a.bitwiseEquals(c)).isFalse();
    }
}
