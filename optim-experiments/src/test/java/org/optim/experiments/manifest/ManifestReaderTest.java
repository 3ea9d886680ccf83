package org.optim.experiments.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ManifestReaderTest {
    private static final Path ROSENBROCK = Manifests.root().resolve("experiments/adamp-rosenbrock.json");
    private static final Path MNIST_PAPER = Manifests.root().resolve("experiments/mnist-paper.json");

    private static ObjectNode tree(Path p) throws Exception {
        return (ObjectNode) Json.STRICT.readTree(Files.readAllBytes(p));
    }

    private static String errorOf(String text) {
        try {
            ManifestReader.read("m.json", text.getBytes(StandardCharsets.UTF_8));
        } catch (ManifestException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted: " + text);
    }

    private static String errorOf(JsonNode tree) {
        return errorOf(Json.write(tree));
    }

    @Test
    void everyShippedManifestIsValid() {
        assertThat(Manifests.shipped()).hasSizeGreaterThanOrEqualTo(4);
        for (Path p : Manifests.shipped()) {
            Manifest m = ManifestReader.read(p);
            assertThat(m.arms()).isNotEmpty();
            assertThat(m.name() + ".json").isEqualTo(p.getFileName().toString());
        }
    }

    @Test
    void rosenbrockIsReadWithItsConstants() {
        Manifest m = ManifestReader.read(ROSENBROCK);
        assertThat(m.task()).isEqualTo(new ScaleInvariantRosenbrock(1.0, 100.0, java.util.List.of(0.3, 0.5), 10, 1));
        assertThat(m.paper().claims()).extracting(Manifest.Claim::end).containsExactly(3.2, 2.53, 1.12);
        assertThat(m.metrics()).containsExactly("loss", "r", "psi", "phi", "grad_norm", "diagnostics");
    }

    @Test
    void brokenJsonNamesFileLineAndColumn() {
        assertThat(errorOf("{\n  \"name\": \"x\",\n  \"title\" \"y\"\n}")).startsWith("m.json:3:").contains("broken JSON");
        assertThat(errorOf("{\"name\": \"x\"")).startsWith("m.json:1:").contains("broken JSON");
        assertThat(errorOf("")).isEqualTo("m.json: broken JSON: the file is empty");
        assertThat(errorOf("{} {}")).startsWith("m.json:1:").contains("broken JSON");
    }

    @Test
    void duplicateKeysAreRejected() throws Exception {
        String text = Files.readString(ROSENBROCK).replaceFirst("\"epochs\": 50", "\"epochs\": 50, \"epochs\": 5");
        assertThat(errorOf(text)).startsWith("m.json:").contains("Duplicate field 'epochs'");
    }

    @Test
    void unknownFieldsAreNamedWithTheirPointer() throws Exception {
        ObjectNode m = tree(ROSENBROCK);
        ((ObjectNode) m.get("arms").get(1).get("optimizer").get("hyperparameters")).put("momentun", 0.9);
        assertThat(errorOf(m)).startsWith("m.json: /arms/1/optimizer/hyperparameters/momentun: unknown field");
        ObjectNode n = tree(ROSENBROCK);
        ((ObjectNode) n.get("problem")).put("steps", 3);
        assertThat(errorOf(n)).startsWith("m.json: /problem/steps: unknown field");
    }

    @Test
    void wrongTypesMissingFieldsAndRangesAreNamed() throws Exception {
        ObjectNode m = tree(ROSENBROCK);
        m.put("epochs", "50");
        assertThat(errorOf(m)).isEqualTo("m.json: /epochs: expected an integer >= 1, got the string \"50\"");
        m = tree(ROSENBROCK);
        m.remove("seeds");
        assertThat(errorOf(m)).isEqualTo("m.json: /seeds: required field \"seeds\" is missing");
        m = tree(ROSENBROCK);
        ((ObjectNode) m.get("arms").get(0).get("optimizer").get("hyperparameters")).put("lr", -0.1);
        assertThat(errorOf(m)).startsWith("m.json: /arms/0/optimizer/hyperparameters/lr: ").contains("-0.1");
        m = tree(ROSENBROCK);
        ((ObjectNode) m.get("arms").get(0)).put("name", "GD momentum");
        assertThat(errorOf(m)).startsWith("m.json: /arms/0/name: expected a slug");
        m = tree(ROSENBROCK);
        ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("seeds")).add(0);
        assertThat(errorOf(m)).isEqualTo("m.json: /seeds/1: seed 0 is listed twice");
    }

    @Test
    void gridValuesAreCheckedThroughTheRegistryAndNamedAtTheGrid() throws Exception {
        ObjectNode m = tree(Manifests.root().resolve("experiments/adamp-rosenbrock-sweep.json"));
        ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("arms").get(0).get("grid").get("momentum")).add(1.5);
        assertThat(errorOf(m)).startsWith("m.json: /arms/0/grid/momentum/3: grid value 1.5").contains("momentum");
    }

    @Test
    void paperClaimsMustNameAnArm() throws Exception {
        ObjectNode m = tree(ROSENBROCK);
        ((ObjectNode) m.get("paper").get("claims").get(0)).put("arm", "adam");
        assertThat(errorOf(m)).isEqualTo("m.json: /paper/claims/0/arm: no arm is named \"adam\"");
    }

    @Test
    void paperNumbersMustNameAColumnTheTaskLogs() throws Exception {
        ObjectNode m = tree(ROSENBROCK);
        ((ObjectNode) m.get("paper").get("claims").get(1)).put("metric", "test_accuracy");
        assertThat(errorOf(m)).isEqualTo("m.json: /paper/claims/1/metric: expected one of loss, r, psi, phi, grad_norm, "
                + "got \"test_accuracy\"");
    }

    @Test
    void aManifestIsEitherAToyOrAClassificationTask() throws Exception {
        ObjectNode m = tree(ROSENBROCK);
        m.putObject("batch").put("size", 128);
        assertThat(errorOf(m)).startsWith("m.json: /batch: a manifest has either \"problem\"");
    }

    @Test
    void hypothesesAreReadAsData() {
        Manifest paper = ManifestReader.read(MNIST_PAPER);
        assertThat(paper.hypothesis().baseline()).isEmpty();
        assertThat(paper.arm("sam-sgd").hypothesis()).isEqualTo(new Manifest.ArmHypothesis(
                paper.arm("sam-sgd").hypothesis().change(), "sam-sgd"));
        assertThat(paper.arm("sam-adam").hypothesis().column()).isEqualTo("sam-sgd");
        assertThat(paper.arm("adam").hypothesis()).isNull();
        Manifest onTest = ManifestReader.read(Manifests.root().resolve("experiments/hyp-train-on-test.json"));
        assertThat(onTest.hypothesis().baseline()).isEqualTo("mnist-paper");
        assertThat(onTest.paper().tables().get(0).metric()).isEqualTo("train_accuracy");
    }

    @Test
    void hypothesesMustHaveSomethingToBeReadAgainst() throws Exception {
        ObjectNode m = tree(MNIST_PAPER);
        ((ObjectNode) m.get("arms").get(3).get("hypothesis")).put("column", "adam");
        assertThat(errorOf(m)).startsWith("m.json: /arms/3/hypothesis/column: arm \"adam\" has no value in the paper's tables");
        ObjectNode own = tree(MNIST_PAPER);
        ((ObjectNode) own.get("arms").get(0)).putObject("hypothesis").put("change", "Adam alone");
        assertThat(errorOf(own)).startsWith("m.json: /arms/0/hypothesis: arm \"adam\" has no value");
        ObjectNode self = tree(MNIST_PAPER);
        ((ObjectNode) self.get("hypothesis")).put("baseline", "mnist-paper");
        assertThat(errorOf(self)).startsWith("m.json: /hypothesis/baseline: an experiment cannot be its own baseline");
        ObjectNode noTable = tree(MNIST_PAPER);
        ((ObjectNode) noTable.get("paper")).remove("tables");
        for (com.fasterxml.jackson.databind.JsonNode arm : noTable.get("arms")) {
            ((ObjectNode) arm).remove("hypothesis");
        }
        assertThat(errorOf(noTable)).startsWith("m.json: /hypothesis: a hypothesis is read against the paper's numbers");
    }

    @Test
    void missingFileIsOneLine() {
        assertThatThrownBy(() -> ManifestReader.read(Path.of("no/such.json")))
                .isInstanceOf(ManifestException.class).hasMessage("no/such.json: no such file");
    }
}
