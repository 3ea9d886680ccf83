package org.optim.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;
import org.optim.nn.kernel.Kernels;
import org.optim.nn.kernel.Layout;

/**
 * A stack of dense layers ({@link ModelSpec}) whose parameters live in an optim-core {@link
 * ParameterSet}, named and laid out as PyTorch's {@code nn.Linear} modules {@code fc1, fc2, ...}:
 * {@code fc1.weight} [units, inputs], {@code fc1.bias} [units], ... (bias-free layers have no bias
 * entry). The set's format decides the arithmetic: float32 runs on the given {@link Kernels}
 * (Vector API or scalar, same bits), float64 on the scalar path.
 *
 * <p>Forward and backward for a batch X of r rows, layers l = 1..L, {@code h_0 = X}:
 * <pre>
 * z_l = h_{l-1} W_l^T                         (one FMA chain per element, see Kernels)
 * h_l = f_l(z_l + b_l)                        (rounded after the add, then f)
 * loss = (1/r) sum_i [ logsumexp(h_L[i]) - h_L[i, y_i] ]
 * g_L = (softmax(h_L) - onehot(y)) / r        (computed in double per element, rounded once)
 * for l = L..1:   g_l = g_l * f_l'(h_l)
 *                 dW_l = g_l^T h_{l-1};  db_l = column sums of g_l
 *                 g_{l-1} = g_l W_l        (l &gt; 1)
 * </pre>
 *
 * <p>Not thread-safe: one model is driven by one thread (its kernels may use several).
 */
public final class Sequential {
    private final ModelSpec spec;
    private final DType dtype;
    private final Kernels kernels;
    private final ParameterSet parameters;
    private final Parameter[] weights;
    private final Parameter[] biases;
    /** Layer outputs h_1..h_L, each [rows, units] for the largest batch seen. */
    private Tensor[] outputs;
    /** Gradients g_1..g_L with respect to the layer outputs (training only), same shapes. */
    private Tensor[] grads;
    private Tensor inputChunk;
    /** Each layer's W^T as prepared for the last evaluation (its storage is reused by the next). */
    private final Kernels.Factor[] prepared;
    private long lastCorrect;

    public Sequential(ModelSpec spec, DType dtype, Kernels kernels) {
        this.spec = spec;
        this.dtype = dtype;
        this.kernels = kernels;
        int n = spec.layers().size();
        weights = new Parameter[n];
        biases = new Parameter[n];
        prepared = new Kernels.Factor[n];
        List<Parameter> list = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            LayerSpec layer = spec.layers().get(l);
            String name = "fc" + (l + 1);
            weights[l] = Parameter.of(name + ".weight", Tensor.zeros(dtype, layer.units(), spec.inputsOf(l)));
            list.add(weights[l]);
            if (layer.bias()) {
                biases[l] = Parameter.of(name + ".bias", Tensor.zeros(dtype, layer.units()));
                list.add(biases[l]);
            }
        }
        parameters = new ParameterSet(list, kernels.team());
    }

    public ModelSpec spec() {
        return spec;
    }

    public ParameterSet parameters() {
        return parameters;
    }

    public Kernels kernels() {
        return kernels;
    }

    /** Draws every parameter from {@code init} with a generator seeded by {@code seed}. */
    public void initialize(Initializer init, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 0; l < weights.length; l++) {
            int fanIn = spec.inputsOf(l);
            int fanOut = spec.layers().get(l).units();
            Initializer.fillUniform(weights[l].value(), init.weightBound(fanIn, fanOut), random);
            if (biases[l] != null) {
                Initializer.fillUniform(biases[l].value(), init.biasBound(fanIn), random);
            }
        }
    }

    /** {@code buffers} (one per layer, [rows, units]), reallocated when {@code rows} more rows are needed. */
    private Tensor[] ensureRows(Tensor[] buffers, int rows) {
        if (buffers != null && buffers[0].dim(0) >= rows) {
            return buffers;
        }
        int n = spec.layers().size();
        Tensor[] out = new Tensor[n];
        for (int l = 0; l < n; l++) {
            out[l] = Tensor.zeros(dtype, rows, spec.layers().get(l).units());
        }
        return out;
    }

    private void checkInputs(Tensor inputs, int[] labels, int rows) {
        if (inputs.dtype() != dtype) {
            throw new IllegalArgumentException("inputs are " + inputs.dtype().label() + " but the model is "
                    + dtype.label());
        }
        if (rows < 1 || (long) rows * spec.inputs() > inputs.size() || labels.length < rows) {
            throw new IllegalArgumentException("need " + rows + " rows of " + spec.inputs() + " inputs and labels, got "
                    + inputs.size() + " values and " + labels.length + " labels");
        }
    }

    /**
     * Forward pass of the first {@code rows} rows of {@code inputs}; returns the logits tensor.
     * {@code prepared}: each layer's W^T prepared by {@link Kernels#prepare}, or null.
     */
    private Tensor forward(Tensor inputs, int rows, Kernels.Factor[] prepared) {
        outputs = ensureRows(outputs, rows);
        Tensor h = inputs;
        for (int l = 0; l < weights.length; l++) {
            LayerSpec layer = spec.layers().get(l);
            Tensor z = outputs[l];
            Tensor bias = biases[l] == null ? null : biases[l].value();
            if (prepared == null) {
                kernels.gemmBiasActivation(Layout.NT, rows, layer.units(), spec.inputsOf(l), h, weights[l].value(), z,
                        bias, layer.activation());
            } else {
                kernels.gemmBiasActivation(prepared[l], rows, h, z, bias, layer.activation());
            }
            h = z;
        }
        return h;
    }

    /**
     * The mean softmax cross-entropy of the first {@code rows} rows of {@code inputs} ([rows,
     * inputs] row-major) against {@code labels}, writing the gradient of every parameter.
     */
    public double lossAndGradient(Tensor inputs, int[] labels, int rows) {
        checkInputs(inputs, labels, rows);
        int n = weights.length;
        Tensor logits = forward(inputs, rows, null);
        lastCorrect = SoftmaxCrossEntropy.correct(logits, labels, rows, spec.classes());
        grads = ensureRows(grads, rows);
        double loss = SoftmaxCrossEntropy.lossAndGradient(logits, labels, rows, spec.classes(), grads[n - 1]);
        for (int l = n - 1; l >= 0; l--) {
            LayerSpec layer = spec.layers().get(l);
            int units = layer.units();
            int fanIn = spec.inputsOf(l);
            Tensor g = grads[l];
            kernels.activationBackward(outputs[l], layer.activation(), g, rows * units);
            Tensor below = l == 0 ? inputs : outputs[l - 1];
            kernels.gemm(Layout.TN, units, fanIn, rows, g, below, weights[l].grad());
            if (biases[l] != null) {
                kernels.columnSums(g, rows, units, biases[l].grad());
            }
            if (l > 0) {
                kernels.gemm(Layout.NN, rows, fanIn, units, g, weights[l].value(), grads[l - 1]);
            }
        }
        return loss;
    }

    /**
     * Rows of the last {@link #lossAndGradient} batch whose arg-max logit (the first on ties) is the
     * label: what a trainer needs for Keras's per-epoch training accuracy without a second pass.
     */
    public long lastCorrect() {
        return lastCorrect;
    }

    /**
     * The gradient oracle of one batch: the mean softmax cross-entropy of the first {@code rows}
     * rows. It must be called with this model's own {@link #parameters()}.
     */
    public GradientOracle oracle(Tensor inputs, int[] labels, int rows) {
        checkInputs(inputs, labels, rows);
        return ps -> {
            if (ps != parameters) {
                throw new IllegalArgumentException("this oracle computes the gradients of its own model's parameters");
            }
            return lossAndGradient(inputs, labels, rows);
        };
    }

    /**
     * Mean loss and accuracy over the first {@code rows} rows of {@code inputs}, evaluated in
     * chunks of at most {@code chunk} rows (the chunking does not change any result: rows are
     * independent and the per-row losses are added in row order in double).
     */
    public Evaluation evaluate(Tensor inputs, int[] labels, int rows, int chunk) {
        checkInputs(inputs, labels, rows);
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
        }
        int size = Math.min(chunk, rows);
        if (size < rows && (inputChunk == null || inputChunk.size() < size * spec.inputs())) {
            inputChunk = Tensor.zeros(dtype, size, spec.inputs());
        }
        // The weights do not change during an evaluation: each layer's W^T is prepared once for all
        // chunks, in the storage of the previous evaluation's.
        for (int l = 0; l < weights.length; l++) {
            prepared[l] = kernels.prepare(Layout.NT, spec.layers().get(l).units(), spec.inputsOf(l), weights[l].value(),
                    prepared[l]);
        }
        double lossSum = 0.0;
        long correct = 0;
        for (int from = 0; from < rows; from += size) {
            int count = Math.min(size, rows - from);
            Tensor x = inputs;
            if (size < rows) {
                Rows.copy(inputs, from * spec.inputs(), inputChunk, 0, count * spec.inputs());
                x = inputChunk;
            }
            Tensor logits = forward(x, count, prepared);
            SoftmaxCrossEntropy.Totals t = SoftmaxCrossEntropy.totals(logits, labels, from, count, spec.classes());
            lossSum += t.lossSum();
            correct += t.correct();
        }
        return new Evaluation(lossSum / rows, (double) correct / rows, rows);
    }
}
