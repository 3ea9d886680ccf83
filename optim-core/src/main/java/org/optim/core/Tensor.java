package org.optim.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A dense, row-major array of float32 or float64 values with a shape.
 *
 * <p>Optimizer code reads and writes elements as {@code double} through {@link #get}/{@link #set};
 * a float32 tensor rounds on {@code set}. Fast kernels reach the backing array directly through
 * {@link F32#data()} / {@link F64#data()}.
 */
public abstract sealed class Tensor permits Tensor.F32, Tensor.F64 {
    private final int[] shape;
    private final int size;

    private Tensor(int[] shape) {
        this.shape = shape.clone();
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape too large: " + Arrays.toString(shape));
            }
        }
        this.size = (int) n;
    }

    /** A zero tensor of the given format and shape. */
    public static Tensor zeros(DType dtype, int... shape) {
        return dtype == DType.FLOAT32 ? new F32(shape) : new F64(shape);
    }

    /** A tensor holding {@code values} rounded to {@code dtype}. */
    public static Tensor of(DType dtype, int[] shape, double[] values) {
        Tensor t = zeros(dtype, shape);
        if (values.length != t.size()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + t.size()
                    + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            t.set(i, values[i]);
        }
        return t;
    }

    /**
     * Writes the format label, the rank, the dimensions and the raw IEEE bits of every entry
     * (big-endian, {@link DataOutput}); {@link #readFrom} gives back an identical tensor.
     */
    public final void writeTo(DataOutput out) throws IOException {
        out.writeUTF(dtype().label());
        out.writeInt(shape.length);
        for (int d : shape) {
            out.writeInt(d);
        }
        for (int k = 0; k < size; k++) {
            if (dtype() == DType.FLOAT32) {
                out.writeInt(Float.floatToRawIntBits((float) get(k)));
            } else {
                out.writeLong(Double.doubleToRawLongBits(get(k)));
            }
        }
    }

    /** Reads a tensor written by {@link #writeTo}. */
    public static Tensor readFrom(DataInput in) throws IOException {
        DType dtype = DType.fromLabel(in.readUTF());
        int rank = in.readInt();
        if (rank < 0 || rank > 8) {
            throw new IOException("implausible rank " + rank);
        }
        int[] shape = new int[rank];
        for (int d = 0; d < rank; d++) {
            shape[d] = in.readInt();
        }
        Tensor t = zeros(dtype, shape);
        for (int k = 0; k < t.size(); k++) {
            t.set(k, dtype == DType.FLOAT32 ? Float.intBitsToFloat(in.readInt()) : Double.longBitsToDouble(in.readLong()));
        }
        return t;
    }

    public abstract DType dtype();

    public abstract double get(int i);

    /** Stores {@code v}, rounded to this tensor's format. */
    public abstract void set(int i, double v);

    /** A zero tensor of the same format and shape. */
    public final Tensor zerosLike() {
        return zeros(dtype(), shape);
    }

    /** A deep copy. */
    public final Tensor copy() {
        Tensor t = zerosLike();
        t.copyFrom(this);
        return t;
    }

    /** Copies the values of {@code other} (same format and size) into this tensor. */
    public abstract void copyFrom(Tensor other);

    /**
     * Exchanges the values of this tensor and {@code other} (same format and shape) in O(1), by
     * exchanging their backing arrays: SAM moves to the perturbed weights and back without copying
     * them. Whoever keeps a backing array across a swap keeps the other tensor's values.
     */
    public final void swap(Tensor other) {
        if (other.dtype() != dtype() || !Arrays.equals(other.shape, shape)) {
            throw new IllegalArgumentException("cannot swap " + dtype().label() + Arrays.toString(shape) + " with "
                    + other.dtype().label() + Arrays.toString(other.shape));
        }
        swapData(other);
    }

    abstract void swapData(Tensor other);

    public final void fill(double v) {
        for (int i = 0; i < size; i++) {
            set(i, v);
        }
    }

    /** The values as doubles (a copy). */
    public final double[] toDoubleArray() {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = get(i);
        }
        return out;
    }

    public final int[] shape() {
        return shape.clone();
    }

    public final int dim(int axis) {
        return shape[axis];
    }

    /** Number of dimensions ({@code p.ndim} in PyTorch). */
    public final int rank() {
        return shape.length;
    }

    public final int size() {
        return size;
    }

    /** Bitwise equality of format, shape and every element (NaN payloads included). */
    public final boolean bitwiseEquals(Tensor other) {
        if (other.dtype() != dtype() || !Arrays.equals(other.shape, shape)) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (Double.doubleToRawLongBits(get(i)) != Double.doubleToRawLongBits(other.get(i))) {
                return false;
            }
        }
        return true;
    }

    final void checkCompatible(Tensor other) {
        if (other.dtype() != dtype() || other.size != size) {
            throw new IllegalArgumentException("tensor mismatch: " + dtype().label() + Arrays.toString(shape)
                    + " vs " + other.dtype().label() + Arrays.toString(other.shape));
        }
    }

    /** A float32 tensor backed by a {@code float[]}. */
    public static final class F32 extends Tensor {
        private float[] data;

        F32(int[] shape) {
            super(shape);
            this.data = new float[size()];
        }

        public float[] data() {
            return data;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public double get(int i) {
            return data[i];
        }

        @Override
        public void set(int i, double v) {
            data[i] = (float) v;
        }

        @Override
        public void copyFrom(Tensor other) {
            checkCompatible(other);
            System.arraycopy(((F32) other).data, 0, data, 0, data.length);
        }

        @Override
        void swapData(Tensor other) {
            F32 o = (F32) other;
            float[] mine = data;
            data = o.data;
            o.data = mine;
        }
    }

    /** A float64 tensor backed by a {@code double[]}. */
    public static final class F64 extends Tensor {
        private double[] data;

        F64(int[] shape) {
            super(shape);
            this.data = new double[size()];
        }

        public double[] data() {
            return data;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public double get(int i) {
            return data[i];
        }

        @Override
        public void set(int i, double v) {
            data[i] = v;
        }

        @Override
        public void copyFrom(Tensor other) {
            checkCompatible(other);
            System.arraycopy(((F64) other).data, 0, data, 0, data.length);
        }

        @Override
        void swapData(Tensor other) {
            F64 o = (F64) other;
            double[] mine = data;
            data = o.data;
            o.data = mine;
        }
    }
}
