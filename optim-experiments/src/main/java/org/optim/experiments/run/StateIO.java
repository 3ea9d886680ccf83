package org.optim.experiments.run;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.optim.core.DType;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/** Parameter values in checkpoints: names, shapes and raw IEEE bits, so a restore is exact. */
public final class StateIO {
    private StateIO() {
    }

    public static void writeParameters(ParameterSet params, DataOutput out) throws IOException {
        out.writeInt(params.size());
        for (Parameter p : params) {
            Tensor t = p.value();
            out.writeUTF(p.name());
            out.writeUTF(t.dtype().label());
            int[] shape = t.shape();
            out.writeInt(shape.length);
            for (int d : shape) {
                out.writeInt(d);
            }
            for (int k = 0; k < t.size(); k++) {
                if (t.dtype() == DType.FLOAT32) {
                    out.writeInt(Float.floatToRawIntBits((float) t.get(k)));
                } else {
                    out.writeLong(Double.doubleToRawLongBits(t.get(k)));
                }
            }
        }
    }

    /** Reads values written by {@link #writeParameters} into {@code params}, which must match in names and shapes. */
    public static void readParameters(ParameterSet params, DataInput in) throws IOException {
        int n = in.readInt();
        if (n != params.size()) {
            throw new IOException("checkpoint has " + n + " parameters, the model " + params.size());
        }
        for (Parameter p : params) {
            Tensor t = p.value();
            String name = in.readUTF();
            String dtype = in.readUTF();
            int rank = in.readInt();
            if (rank < 0 || rank > 8) {
                throw new IOException("implausible rank " + rank + " for " + name);
            }
            int[] shape = new int[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = in.readInt();
            }
            if (!name.equals(p.name()) || !dtype.equals(t.dtype().label()) || !Arrays.equals(shape, t.shape())) {
                throw new IOException("checkpoint parameter " + name + " " + dtype + Arrays.toString(shape)
                        + " does not match the model's " + p.name() + " " + t.dtype().label() + Arrays.toString(t.shape()));
            }
            for (int k = 0; k < t.size(); k++) {
                t.set(k, t.dtype() == DType.FLOAT32 ? Float.intBitsToFloat(in.readInt())
                        : Double.longBitsToDouble(in.readLong()));
            }
        }
    }
}
