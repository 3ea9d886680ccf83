package org.optim.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.optim.core.DType;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;
import org.optim.nn.kernel.Kernels;

/**
 * Every {@code mlp} problem of the reference trajectories ({@code reference/*-mlp-*.json}, from the
 * official PyTorch code) through this network: at the parameters before each step (and, for SAM,
 * at the perturbed parameters) the loss and every gradient must match PyTorch's within the file's
 * {@code closed_loop} tolerance, {@code |ours - torch| <= abs + rel |torch|}. Float32 files run on
 * the Vector API kernels (2 threads), float64 files on the scalar path.
 */
class ReferenceMlpTest {
    static Stream<Path> mlpFiles() throws IOException {
        Path dir = Path.of(System.getProperty("optim.root", "..")).resolve("reference");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().contains("-mlp-")).sorted().toList();
        }
        assertThat(files).as("mlp reference files in %s", dir).hasSizeGreaterThanOrEqualTo(10);
        return files.stream();
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).doubleValue();
        }
        return out;
    }

    private static void load(ParameterSet ps, JsonNode arrays) {
        for (int i = 0; i < ps.size(); i++) {
            Tensor t = ps.get(i).value();
            double[] v = doubles(arrays.get(i));
            assertThat(v).hasSize(t.size());
            for (int j = 0; j < v.length; j++) {
                t.set(j, v[j]);
            }
        }
    }

    private static void compare(String what, double actual, double expected, double abs, double rel) {
        assertThat(Math.abs(actual - expected)).as("%s: ours %s, torch %s", what, actual, expected)
                .isLessThanOrEqualTo(abs + rel * Math.abs(expected));
    }

    private static void compareGrads(String what, ParameterSet ps, JsonNode expected, double abs, double rel) {
        for (int i = 0; i < ps.size(); i++) {
            Tensor g = ps.get(i).grad();
            double[] e = doubles(expected.get(i));
            for (int j = 0; j < e.length; j++) {
                compare(what + " " + ps.get(i).name() + "[" + j + "]", g.get(j), e[j], abs, rel);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("mlpFiles")
    void lossAndGradientsMatchPyTorch(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode problem = root.get("problem");
        DType dtype = DType.fromLabel(root.get("dtype").asText());
        ModelSpec spec = ModelSpec.mlp(problem.get("n_in").asInt(), problem.get("n_hidden").asInt(),
                problem.get("n_out").asInt());
        int rows = problem.get("batch_size").asInt();
        JsonNode closed = root.get("tolerance").get("closed_loop");
        double abs = closed.get("abs").asDouble();
        double rel = closed.get("rel").asDouble();
        try (Kernels kernels = dtype == DType.FLOAT32 ? Kernels.vector(2) : Kernels.scalar()) {
            Sequential model = new Sequential(spec, dtype, kernels);
            ParameterSet ps = model.parameters();
            List<String> order = List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias");
            assertThat(ps.names()).isEqualTo(order);
            JsonNode batches = problem.get("batches");
            JsonNode steps = root.get("steps");
            ArrayNode initial = JsonNodeFactory.instance.arrayNode();
            for (JsonNode p : root.get("initial")) {
                initial.add(p.get("data"));
            }
            for (int t = 1; t <= steps.size(); t++) {
                JsonNode step = steps.get(t - 1);
                JsonNode batch = batches.get((t - 1) % batches.size());
                Tensor x = Tensor.of(dtype, new int[] {rows, spec.inputs()}, doubles(batch.get("inputs")));
                int[] labels = new int[rows];
                for (int r = 0; r < rows; r++) {
                    labels[r] = batch.get("labels").get(r).asInt();
                }
                load(ps, t == 1 ? initial : steps.get(t - 2).get("params"));
                double loss = model.oracle(x, labels, rows).evaluate(ps);
                compare(file.getFileName() + " step " + t + " loss", loss, step.get("loss").asDouble(), abs, rel);
                compareGrads(file.getFileName() + " step " + t, ps, step.get("grads"), abs, rel);
                if (step.has("perturbed_params")) {
                    load(ps, step.get("perturbed_params"));
                    double perturbed = model.lossAndGradient(x, labels, rows);
                    compare(file.getFileName() + " step " + t + " perturbed loss", perturbed,
                            step.get("perturbed_loss").asDouble(), abs, rel);
                    compareGrads(file.getFileName() + " step " + t + " perturbed", ps, step.get("perturbed_grads"),
                            abs, rel);
                }
            }
        }
    }
}
