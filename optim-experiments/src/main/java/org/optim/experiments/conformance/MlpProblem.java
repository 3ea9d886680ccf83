package org.optim.experiments.conformance;

import static org.optim.experiments.conformance.CaseJson.array;
import static org.optim.experiments.conformance.CaseJson.at;
import static org.optim.experiments.conformance.CaseJson.integer;
import static org.optim.experiments.conformance.CaseJson.numbers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;
import org.optim.core.config.ConfigException;
import org.optim.core.config.ConfigReader;
import org.optim.nn.ModelSpec;
import org.optim.nn.Sequential;
import org.optim.nn.kernel.Kernels;

/**
 * The {@code mlp} problem of the reference files: a two-layer perceptron in PyTorch's
 * {@code nn.Linear} layout with mean softmax cross-entropy, evaluated by optim-nn's {@link
 * Sequential} ({@link ModelSpec#mlp}) on the scalar kernels (the Vector API ones give the same bits).
 *
 * <pre>
 * h = relu(X W1^T + b1)         # W1 = fc1.weight [n_hidden, n_in], relu'(0) = 0
 * z = h W2^T + b2               # W2 = fc2.weight [n_out, n_hidden]
 * loss = mean_r [logsumexp(z_r) - z_r[label_r]]
 * </pre>
 * Step t uses {@code batches[(t - 1) mod len(batches)]}, for both SAM evaluations.
 *
 * @param nIn       input width
 * @param nHidden   hidden width
 * @param nOut      number of classes
 * @param batchSize rows per batch
 * @param batches   the batches, inputs row-major {@code [batchSize, nIn]} in the case dtype
 * @param dtype     the case dtype
 */
record MlpProblem(int nIn, int nHidden, int nOut, int batchSize, List<Batch> batches, DType dtype)
        implements ReferenceProblem {
    /** The parameter names, in the order the file lists them. */
    static final List<String> PARAMETER_ORDER = List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
    private static final int MAX_WIDTH = 1 << 16;

    /**
     * One mini-batch.
     *
     * @param inputs row-major {@code [batchSize, nIn]}
     * @param labels class indices in {@code [0, nOut)}
     */
    record Batch(double[] inputs, int[] labels) {
    }

    @Override
    public String kind() {
        return "mlp";
    }

    /**
     * Step t's batch through a fresh optim-nn model: the replayed parameters are copied into the
     * model, and the model's gradients back into the replayed parameters.
     */
    @Override
    public GradientOracle oracle(int t) {
        Batch batch = batches.get((t - 1) % batches.size());
        Sequential model = new Sequential(ModelSpec.mlp(nIn, nHidden, nOut), dtype, Kernels.scalar());
        Tensor inputs = Tensor.of(dtype, new int[] {batchSize, nIn}, batch.inputs());
        ParameterSet own = model.parameters();
        return parameters -> {
            own.restoreValues(parameters.asList().stream().map(Parameter::value).toList());
            double loss = model.lossAndGradient(inputs, batch.labels(), batchSize);
            for (int k = 0; k < parameters.size(); k++) {
                parameters.get(k).grad().copyFrom(own.get(k).grad());
            }
            return loss;
        };
    }

    static MlpProblem read(ConfigReader p, List<InitialParameter> initial, DType dtype) {
        int nIn = integer(p.raw("n_in"), p.pointer("n_in"), 1, MAX_WIDTH);
        int nHidden = integer(p.raw("n_hidden"), p.pointer("n_hidden"), 1, MAX_WIDTH);
        int nOut = integer(p.raw("n_out"), p.pointer("n_out"), 1, MAX_WIDTH);
        int batchSize = integer(p.raw("batch_size"), p.pointer("batch_size"), 1, MAX_WIDTH);
        if ((long) batchSize * nIn > MAX_WIDTH * (long) MAX_WIDTH / 4) {
            throw new ConfigException(p.pointer("batch_size"), "batches of " + batchSize + " x " + nIn + " are too large");
        }
        JsonNode order = array(p.raw("parameter_order"), p.pointer("parameter_order"), PARAMETER_ORDER.size());
        int[][] shapes = {{nHidden, nIn}, {nHidden}, {nOut, nHidden}, {nOut}};
        if (initial.size() != PARAMETER_ORDER.size()) {
            throw new ConfigException(p.pointer("parameter_order"), "the mlp needs the parameters "
                    + PARAMETER_ORDER + ", /initial has " + initial);
        }
        for (int k = 0; k < PARAMETER_ORDER.size(); k++) {
            JsonNode name = order.get(k);
            InitialParameter param = initial.get(k);
            if (!name.isTextual() || !name.textValue().equals(PARAMETER_ORDER.get(k))
                    || !param.name().equals(PARAMETER_ORDER.get(k)) || !Arrays.equals(param.shape(), shapes[k])) {
                throw new ConfigException(at(p.pointer("parameter_order"), k), "expected \"" + PARAMETER_ORDER.get(k)
                        + "\" of shape " + Arrays.toString(shapes[k]) + " here and in /initial, got "
                        + ConfigReader.describe(name) + " and " + param);
            }
        }
        JsonNode batchesNode = array(p.raw("batches"), p.pointer("batches"), -1);
        if (batchesNode.isEmpty()) {
            throw new ConfigException(p.pointer("batches"), "expected at least one batch");
        }
        List<Batch> batches = new ArrayList<>(batchesNode.size());
        for (int i = 0; i < batchesNode.size(); i++) {
            ConfigReader b = new ConfigReader(batchesNode.get(i), at(p.pointer("batches"), i));
            double[] inputs = numbers(b.raw("inputs"), b.pointer("inputs"), batchSize * nIn, dtype);
            JsonNode labelsNode = array(b.raw("labels"), b.pointer("labels"), batchSize);
            int[] labels = new int[batchSize];
            for (int r = 0; r < batchSize; r++) {
                labels[r] = integer(labelsNode.get(r), at(b.pointer("labels"), r), 0, nOut - 1);
            }
            b.finish();
            batches.add(new Batch(inputs, labels));
        }
        return new MlpProblem(nIn, nHidden, nOut, batchSize, List.copyOf(batches), dtype);
    }
}
