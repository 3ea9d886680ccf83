package org.optim.experiments.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/** Parameter values in checkpoints: names, then each tensor's format, shape and raw IEEE bits, so a restore is exact. */
public final class StateIO {
    private StateIO() {
    }

    public static void writeParameters(ParameterSet params, DataOutput out) throws IOException {
        out.writeInt(params.size());
        for (Parameter p : params) {
            out.writeUTF(p.name());
            p.value().writeTo(out);
        }
    }

    /** Reads values written by {@link #writeParameters} into {@code params}, which must match in names and shapes. */
    public static void readParameters(ParameterSet params, DataInput in) throws IOException {
        int n = in.readInt();
        if (n != params.size()) {
            throw new IOException("checkpoint has " + n + " parameters, the model " + params.size());
        }
        for (Parameter p : params) {
            String name = in.readUTF();
            Tensor stored = Tensor.readFrom(in);
            Tensor t = p.value();
            if (!name.equals(p.name()) || stored.dtype() != t.dtype() || !Arrays.equals(stored.shape(), t.shape())) {
                throw new IOException("checkpoint parameter " + name + " " + stored.dtype().label()
                        + Arrays.toString(stored.shape()) + " does not match the model's " + p.name() + " "
                        + t.dtype().label() + Arrays.toString(t.shape()));
            }
            t.copyFrom(stored);
        }
    }
}
