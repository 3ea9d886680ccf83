package org.optim.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Model-spec names and validation, as manifests will use them. */
class SpecTest {
    @Test
    void namesRoundTripAndIdentityMeansLinear() {
        for (Activation a : Activation.values()) {
            assertThat(Activation.fromLabel(a.label())).isEqualTo(a);
        }
        assertThat(Activation.fromLabel("identity")).isEqualTo(Activation.LINEAR);
        for (Initializer i : Initializer.values()) {
            assertThat(Initializer.fromLabel(i.label())).isEqualTo(i);
        }
        assertThatThrownBy(() -> Activation.fromLabel("gelu")).hasMessage("activation must be relu, linear, sigmoid or tanh, got gelu");
        assertThatThrownBy(() -> Initializer.fromLabel("he")).hasMessage("initializer must be keras or pytorch, got he");
    }

    @Test
    void lastLayerMustProduceLogits() {
        assertThatThrownBy(() -> new ModelSpec(4, List.of(LayerSpec.dense(3, Activation.RELU))))
                .hasMessageContaining("must be linear, got relu");
        assertThatThrownBy(() -> new ModelSpec(4, List.of(LayerSpec.dense(1, Activation.LINEAR))))
                .hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> new LayerSpec(0, Activation.RELU, true)).hasMessage("units must be >= 1, got 0");
        ModelSpec mlp = ModelSpec.mlp(784, 784, 10);
        assertThat(mlp.classes()).isEqualTo(10);
        assertThat(mlp.inputsOf(1)).isEqualTo(784);
    }
}
