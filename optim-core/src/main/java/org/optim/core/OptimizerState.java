package org.optim.core;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything an optimizer remembers between steps, owned by the caller (PyTorch's
 * {@code optimizer.state[p]} plus the step counter that drives the learning-rate schedule).
 *
 * <p>Per parameter it holds a step count and named buffers keyed exactly as in the official code
 * ({@code exp_avg}, {@code exp_avg_sq}, {@code momentum_buffer}, {@code sum}, {@code counter},
 * ...), so states compare field by field with the reference trajectories. It serializes to a byte
 * stream and back without losing a bit: continuing from a restored state is continuing.
 *
 * <p>Besides the state proper it lends optimizers {@linkplain #scratch scratch buffers}: working
 * space whose contents never outlive a step (SAM's copy of the weights before the perturbation),
 * kept here so that a step does not allocate it again. Scratch is no part of the state: it is not
 * copied, compared or written.
 */
public final class OptimizerState {
    private static final int FORMAT = 1;

    private final List<String> names;
    private final long[] steps;
    private final List<Map<String, Tensor>> buffers;
    private final List<Map<String, Tensor>> scratch;
    private long iteration;

    private OptimizerState(List<String> names) {
        this.names = List.copyOf(names);
        this.steps = new long[names.size()];
        this.buffers = new ArrayList<>(names.size());
        this.scratch = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            buffers.add(new LinkedHashMap<>());
            scratch.add(new LinkedHashMap<>());
        }
    }

    /** An empty state (step 0, no buffers) for these parameters. */
    public static OptimizerState forParameters(ParameterSet parameters) {
        return new OptimizerState(parameters.names());
    }

    /** Number of completed optimizer steps; the learning-rate schedule is evaluated at it. */
    public long iteration() {
        return iteration;
    }

    /** Marks one more optimizer step as completed. */
    public void advanceIteration() {
        iteration++;
    }

    /** The per-parameter step count ({@code state['step']}). */
    public long step(int parameter) {
        return steps[parameter];
    }

    public void setStep(int parameter, long step) {
        steps[parameter] = step;
    }

    /** Adds a zero buffer shaped like {@code like} under {@code key}. */
    public Tensor addBuffer(int parameter, String key, Tensor like) {
        Tensor t = like.zerosLike();
        if (buffers.get(parameter).putIfAbsent(key, t) != null) {
            throw new IllegalStateException("buffer " + key + " of " + names.get(parameter) + " exists already");
        }
        return t;
    }

    /** The buffer {@code key} of a parameter. */
    public Tensor buffer(int parameter, String key) {
        Tensor t = buffers.get(parameter).get(key);
        if (t == null) {
            throw new IllegalStateException("no buffer " + key + " for parameter " + names.get(parameter));
        }
        return t;
    }

    /**
     * The scratch buffer {@code key} of a parameter, shaped and typed like {@code like}: allocated
     * (zero) on first use, then the same tensor with whatever the last user left in it. The
     * caller must write every entry it reads within the step.
     */
    public Tensor scratch(int parameter, String key, Tensor like) {
        Tensor t = scratch.get(parameter).get(key);
        if (t == null || t.dtype() != like.dtype() || !java.util.Arrays.equals(t.shape(), like.shape())) {
            t = like.zerosLike();
            scratch.get(parameter).put(key, t);
        }
        return t;
    }

    /** The buffers of a parameter, in insertion order (read-only). */
    public Map<String, Tensor> buffers(int parameter) {
        return java.util.Collections.unmodifiableMap(buffers.get(parameter));
    }

    public List<String> parameterNames() {
        return names;
    }

    /** A deep copy. */
    public OptimizerState copy() {
        OptimizerState c = new OptimizerState(names);
        c.iteration = iteration;
        System.arraycopy(steps, 0, c.steps, 0, steps.length);
        for (int i = 0; i < names.size(); i++) {
            for (Map.Entry<String, Tensor> e : buffers.get(i).entrySet()) {
                c.buffers.get(i).put(e.getKey(), e.getValue().copy());
            }
        }
        return c;
    }

    /** Bitwise equality of counters and every buffer. */
    public boolean bitwiseEquals(OptimizerState other) {
        if (!names.equals(other.names) || iteration != other.iteration
                || !java.util.Arrays.equals(steps, other.steps)) {
            return false;
        }
        for (int i = 0; i < names.size(); i++) {
            Map<String, Tensor> a = buffers.get(i);
            Map<String, Tensor> b = other.buffers.get(i);
            if (!a.keySet().equals(b.keySet())) {
                return false;
            }
            for (Map.Entry<String, Tensor> e : a.entrySet()) {
                if (!e.getValue().bitwiseEquals(b.get(e.getKey()))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Writes the state; {@link #readFrom} gives back an identical one. */
    public void writeTo(DataOutput out) throws IOException {
        out.writeInt(FORMAT);
        out.writeLong(iteration);
        out.writeInt(names.size());
        for (int i = 0; i < names.size(); i++) {
            out.writeUTF(names.get(i));
            out.writeLong(steps[i]);
            Map<String, Tensor> map = buffers.get(i);
            out.writeInt(map.size());
            for (Map.Entry<String, Tensor> e : map.entrySet()) {
                out.writeUTF(e.getKey());
                e.getValue().writeTo(out);
            }
        }
    }

    /** Reads a state written by {@link #writeTo}. */
    public static OptimizerState readFrom(DataInput in) throws IOException {
        int format = in.readInt();
        if (format != FORMAT) {
            throw new IOException("optimizer state format " + format + " is not supported (expected " + FORMAT + ")");
        }
        long iteration = in.readLong();
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("implausible parameter count " + n);
        }
        List<String> names = new ArrayList<>(n);
        long[] steps = new long[n];
        List<Map<String, Tensor>> maps = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(in.readUTF());
            steps[i] = in.readLong();
            int m = in.readInt();
            Map<String, Tensor> map = new LinkedHashMap<>();
            for (int j = 0; j < m; j++) {
                String key = in.readUTF();
                map.put(key, Tensor.readFrom(in));
            }
            maps.add(map);
        }
        OptimizerState s = new OptimizerState(names);
        s.iteration = iteration;
        System.arraycopy(steps, 0, s.steps, 0, n);
        for (int i = 0; i < n; i++) {
            s.buffers.get(i).putAll(maps.get(i));
        }
        return s;
    }
}
