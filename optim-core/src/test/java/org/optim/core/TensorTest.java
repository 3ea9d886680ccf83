package org.optim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void swapExchangesTheValuesOfTwoTensorsOfOneShape() {
        for (DType dt : DType.values()) {
            Tensor a = Tensor.of(dt, new int[] {2, 2}, new double[] {1, 2, 3, 4});
            Tensor b = Tensor.of(dt, new int[] {2, 2}, new double[] {5, 6, 7, 8});
            a.swap(b);
            assertThat(new double[] {a.get(0), a.get(3), b.get(0), b.get(3)}).containsExactly(5, 8, 1, 4);
            a.set(0, 9);
            assertThat(b.get(0)).as("no shared storage after the swap").isEqualTo(1);
        }
    }

    @Test
    void swapRefusesAnotherShapeOrFormat() {
        Tensor a = Tensor.zeros(DType.FLOAT32, 2, 3);
        assertThatThrownBy(() -> a.swap(Tensor.zeros(DType.FLOAT32, 3, 2))).hasMessageContaining("cannot swap");
        assertThatThrownBy(() -> a.swap(Tensor.zeros(DType.FLOAT64, 2, 3))).hasMessageContaining("cannot swap");
    }
}
