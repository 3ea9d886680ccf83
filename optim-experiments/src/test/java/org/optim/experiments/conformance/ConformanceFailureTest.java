package org.optim.experiments.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replayer fails, with a reason naming the file, the JSON pointer or the step and entry, on
 * malformed files, unsupported optimizers/options/problems and trajectories that differ from what
 * the optimizer computes. Each file is a real reference file with one edit.
 */
class ConformanceFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADAM = "adam-quadratic-f64.json";

    @TempDir
    Path dir;

    private Path edited(String source, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(ReferenceConformanceTest.referenceDir().resolve(source).toFile());
        edit.accept(root);
        Path out = dir.resolve(source);
        JSON.writeValue(out.toFile(), root);
        return out;
    }

    private static ObjectNode step(ObjectNode root, int index) {
        return (ObjectNode) root.withArray("/steps").get(index);
    }

    /** Both modes fail, and the reason contains every fragment. */
    private static void assertBothFail(Path file, String... fragments) {
        List<ReplayResult> results = Conformance.replay(file);
        assertThat(results).hasSize(2).extracting(ReplayResult::mode).containsExactly(Mode.RECORDED, Mode.CLOSED_LOOP);
        for (ReplayResult r : results) {
            assertThat(r.passed()).isFalse();
            assertThat(r.failure()).contains(fragments);
        }
    }

    @Test
    void anUneditedFilePassesBothModes() throws IOException {
        assertThat(Conformance.replay(edited(ADAM, root -> { })))
                .allSatisfy(r -> assertThat(r.failure()).isNull());
    }

    @Test
    void aShorterTrajectoryReplaysAsWell() throws IOException {
        Path file = edited("sam-adam-mlp-f32.json", root -> {
            ArrayNode steps = root.withArray("/steps");
            while (steps.size() > 7) {
                steps.remove(steps.size() - 1);
            }
            root.put("num_steps", 7);
        });
        assertThat(Conformance.replay(file)).allSatisfy(r -> assertThat(r.failure()).isNull());
    }

    @Test
    void truncatedJsonNamesTheFileAndLine() throws IOException {
        Path file = dir.resolve(ADAM);
        byte[] bytes = Files.readAllBytes(ReferenceConformanceTest.referenceDir().resolve(ADAM));
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertBothFail(file, ADAM + ": invalid JSON at line");
    }

    @Test
    void aWrongTypeNamesTheJsonPointer() throws IOException {
        Path file = edited(ADAM, root -> ((ArrayNode) step(root, 2).withArray("/grads").get(0)).set(1, "x"));
        assertBothFail(file, ADAM + ": /steps/2/grads/0/1: expected a number");
    }

    @Test
    void aWrongLengthNamesTheJsonPointer() throws IOException {
        Path file = edited(ADAM, root -> ((ArrayNode) root.withArray("/initial").get(0).get("data")).remove(0));
        assertBothFail(file, "/initial/0/data: expected an array of 4 elements, got 3");
    }

    @Test
    void aMissingStepIsMalformed() throws IOException {
        Path file = edited(ADAM, root -> root.withArray("/steps").remove(5));
        assertBothFail(file, "/steps: expected an array of");
    }

    @Test
    void anUnknownTopLevelFieldIsMalformed() throws IOException {
        Path file = edited(ADAM, root -> root.put("learning_rate", 1));
        assertBothFail(file, "/learning_rate: unknown field");
    }

    @Test
    void theNameMustMatchTheFileName() throws IOException {
        Path file = edited(ADAM, root -> root.put("name", "adam-other-f64"));
        assertBothFail(file, "/name: must equal the file name");
    }

    @Test
    void anUnknownOptimizerFailsTheFile() throws IOException {
        Path file = edited(ADAM, root -> ((ObjectNode) root.get("optimizer")).put("name", "lion"));
        assertBothFail(file, ADAM + ": /optimizer/name: unknown optimizer \"lion\"");
    }

    @Test
    void anUnknownOptionFailsTheFile() throws IOException {
        Path file = edited(ADAM, root -> root.withObject("/optimizer/hyperparameters").put("maximize", true));
        assertBothFail(file, "/optimizer/hyperparameters/maximize: unknown field");
    }

    @Test
    void aHyperparameterLeftToADefaultIsMalformed() throws IOException {
        Path file = edited(ADAM, root -> root.withObject("/optimizer/hyperparameters").remove("amsgrad"));
        assertBothFail(file, "/optimizer/hyperparameters/amsgrad: required field");
        Path sam = edited("sam-adam-quadratic-f64.json",
                root -> root.withObject("/optimizer/base/hyperparameters").remove("eps"));
        assertBothFail(sam, "/optimizer/base/hyperparameters/eps: required field");
    }

    @Test
    void anOutOfRangeOptionNamesTheField() throws IOException {
        Path file = edited(ADAM, root -> root.withObject("/optimizer/hyperparameters").put("beta1", 1.5));
        assertBothFail(file, "/optimizer/hyperparameters/beta1", "1.5");
    }

    @Test
    void anUnknownProblemKindFailsTheFile() throws IOException {
        Path file = edited(ADAM, root -> root.withObject("/problem").put("kind", "himmelblau"));
        assertBothFail(file, ADAM + ": /problem/kind: unsupported problem kind \"himmelblau\"");
    }

    @Test
    void theOfficialConstructorIsOnlyAComment() throws IOException {
        Path file = edited(ADAM, root -> root.withObject("/optimizer").put("official_constructor", "anything"));
        assertThat(Conformance.replay(file)).allSatisfy(r -> assertThat(r.failure()).isNull());
    }

    @Test
    void aParameterOffByOnePartInABillionFailsBothModes() throws IOException {
        Path file = edited(ADAM, root -> {
            ArrayNode x = (ArrayNode) step(root, 4).withArray("/params").get(0);
            x.set(1, x.get(1).doubleValue() * (1 + 1e-9));
        });
        for (ReplayResult r : Conformance.replay(file)) {
            assertThat(r.failure()).startsWith("step 5 params x[1]: got ");
            assertThat(r.params().maxRatio()).isGreaterThan(1);
        }
    }

    @Test
    void aStateFieldIsComparedByItsOfficialName() throws IOException {
        Path file = edited(ADAM, root -> {
            ArrayNode m = step(root, 3).withObject("/state").withObject("/x").withArray("/exp_avg");
            m.set(0, m.get(0).doubleValue() * (1 + 1e-9));
        });
        ReplayResult recorded = Conformance.replay(file).get(0);
        assertThat(recorded.failure()).startsWith("step 4 state x.exp_avg[0]: got ");
        assertThat(recorded.state().maxRatio()).isGreaterThan(1);
    }

    @Test
    void theStepCountIsCompared() throws IOException {
        Path file = edited(ADAM, root -> step(root, 3).withObject("/state").withObject("/x").put("step", 3));
        assertThat(Conformance.replay(file).get(0).failure()).isEqualTo("step 4 state x.step: got 4, expected 3");
    }

    @Test
    void aStateFieldTheOptimizerLacksFails() throws IOException {
        Path file = edited(ADAM, root -> {
            ObjectNode x = step(root, 0).withObject("/state").withObject("/x");
            x.set("max_exp_avg_sq", x.get("exp_avg_sq").deepCopy());
        });
        assertThat(Conformance.replay(file).get(0).failure())
                .startsWith("step 1 state x.max_exp_avg_sq: the optimizer keeps no such state field");
    }

    @Test
    void onlyTheClosedLoopChecksTheLoss() throws IOException {
        Path file = edited(ADAM, root -> step(root, 0).put("loss", step(root, 0).get("loss").doubleValue() + 1e-6));
        List<ReplayResult> results = Conformance.replay(file);
        assertThat(results.get(0).failure()).isNull();
        assertThat(results.get(1).failure()).startsWith("step 1 loss: got ");
    }

    @Test
    void theReplayRunsFreeOfTheRecordedParameters() throws IOException {
        // Feeding step 1 a different gradient moves every later parameter: a replay that reset to the
        // recorded parameters after each step would only notice step 1.
        Path file = edited(ADAM, root -> {
            ArrayNode g = (ArrayNode) step(root, 0).withArray("/grads").get(0);
            g.set(0, g.get(0).doubleValue() * 2);
        });
        ReplayResult recorded = Conformance.replay(file).get(0);
        assertThat(recorded.failure()).startsWith("step 1 params x[0]: got ");
        int steps = CaseReader.read(file).steps().size();
        assertThat(recorded.failure()).endsWith("more)");
        assertThat(Integer.parseInt(recorded.failure().replaceAll(".*\\(and (\\d+) more\\)$", "$1")))
                .as("failures after step 1").isGreaterThanOrEqualTo(steps - 1);
    }

    @Test
    void aProjectionDecisionMustMatchExactly() throws IOException {
        // adamp-scaleinv: V is projected in the channel view at step 1; recording "layer" instead fails.
        Path file = edited("adamp-scaleinv-f64.json", root -> step(root, 0).withObject("/projection_view").put("V", "layer"));
        assertThat(Conformance.replay(file)).allSatisfy(r -> assertThat(r.failure())
                .isEqualTo("step 1 projected V: got true (view channel), expected true (view layer)"));
    }

    @Test
    void aProjectionSummaryThatContradictsTheStepsIsMalformed() throws IOException {
        Path file = edited("adamp-scaleinv-f64.json",
                root -> root.withObject("/projection_summary/steps_projected_per_parameter").put("W", 1));
        assertBothFail(file, "/projection_summary/steps_projected_per_parameter/W: says 1 projected steps");
    }

    @Test
    void samsPerturbedPointAndGradientNormAreCompared() throws IOException {
        Path file = edited("sam-sgdm-quadratic-f64.json", root -> {
            ArrayNode e = (ArrayNode) step(root, 2).withArray("/perturbed_params").get(0);
            e.set(3, e.get(3).doubleValue() + 1e-9);
            step(root, 6).put("grad_norm", step(root, 6).get("grad_norm").doubleValue() * (1 + 1e-9));
        });
        ReplayResult recorded = Conformance.replay(file).get(0);
        assertThat(recorded.failure()).startsWith("step 3 perturbed_params x[3]: got ").endsWith("(and 1 more)");
        assertThat(recorded.state().maxRatio()).as("the grad_norm entry").isGreaterThan(1);
    }

    @Test
    void aSamFileReplayedByAPlainOptimizerFails() throws IOException {
        // The base optimizer alone never asks for the perturbed gradient the file records.
        Path file = edited("sam-rho0-sgdm-quadratic-f64.json",
                root -> root.set("optimizer", root.get("optimizer").get("base").deepCopy()));
        assertThat(Conformance.replay(file).get(0).failure())
                .startsWith("step 1 the optimizer evaluated the gradient 1 times, the file records 2 evaluation(s)");
    }
}
