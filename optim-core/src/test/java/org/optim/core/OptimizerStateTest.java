package org.optim.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scratch buffers: reused across calls, and no part of the state (not copied, compared or written). */
class OptimizerStateTest {
    private static byte[] bytes(OptimizerState s) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeTo(new DataOutputStream(out));
        return out.toByteArray();
    }

    @Test
    void scratchIsReusedAndStaysOutOfTheState() throws IOException {
        Tensor w = Tensor.zeros(DType.FLOAT32, 3, 4);
        ParameterSet ps = new ParameterSet(List.of(Parameter.of("w", w)));
        OptimizerState state = OptimizerState.forParameters(ps);
        state.addBuffer(0, "m", w);
        OptimizerState before = state.copy();
        byte[] written = bytes(state);

        Tensor s = state.scratch(0, "old_p", w);
        assertThat(s.shape()).containsExactly(3, 4);
        assertThat(s.dtype()).isEqualTo(DType.FLOAT32);
        s.set(5, 7.0);
        assertThat(state.scratch(0, "old_p", w)).isSameAs(s);
        assertThat(state.scratch(0, "old_p", Tensor.zeros(DType.FLOAT64, 3, 4)).dtype()).isEqualTo(DType.FLOAT64);

        assertThat(state.bitwiseEquals(before)).isTrue();
        assertThat(bytes(state)).isEqualTo(written);
        assertThat(state.buffers(0).keySet()).containsExactly("m");
    }
}
