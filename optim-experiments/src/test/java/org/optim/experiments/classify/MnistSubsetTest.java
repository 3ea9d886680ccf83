package org.optim.experiments.classify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optim.experiments.manifest.Json;
import org.optim.experiments.manifest.Manifest;
import org.optim.experiments.manifest.ManifestReader;
import org.optim.experiments.manifest.Manifests;
import org.optim.experiments.run.RunFolders;
import org.optim.experiments.run.RunLogs;
import org.optim.experiments.run.RunPlan;
import org.optim.experiments.run.RunSpec;
import org.optim.experiments.run.Runner;
import org.optim.experiments.run.TaskSessions;

/**
 * The paper's manifest on a small subset of real MNIST (3,000 training and 1,000 test images, one
 * or two epochs): the bytes of the run logs do not depend on the kernel's thread count or on how
 * many runs go in parallel, and the numbers are those of a model that learns.
 */
class MnistSubsetTest {
    private static final ClassificationData DATA = new ClassificationData();
    private static Manifest subset;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readSubset() throws IOException {
        ObjectNode m = (ObjectNode) Json.STRICT.readTree(Files.readAllBytes(
                Manifests.root().resolve("experiments/mnist-paper.json")));
        m.put("name", "mnist-subset");
        ObjectNode data = (ObjectNode) m.get("data");
        data.putObject("train").put("source", "train").put("from", 0).put("to", 3000);
        data.putObject("test").put("source", "test").put("from", 0).put("to", 1000);
        m.putArray("seeds").add(1);
        subset = ManifestReader.read("mnist-subset.json", Json.write(m).getBytes());
    }

    private static List<RunSpec> plan(int epochs, List<String> arms) {
        return RunPlan.expand(List.of(subset), new RunPlan.Overrides(epochs, null, arms), DATA::sha256s);
    }

    private List<Runner.Outcome> run(String folder, List<RunSpec> runs, int threads, int jobs) throws IOException {
        return RunFolders.run(tmp.resolve(folder), runs, threads, jobs, new TaskSessions(DATA));
    }

    @Test
    void oneAndTwoThreadsGiveTheSameBytesAndTheModelLearns() throws IOException {
        List<RunSpec> runs = plan(1, List.of("sam-adam", "adamp"));
        assertThat(run("t1", runs, 1, 1)).containsOnly(Runner.Outcome.COMPLETED);
        assertThat(run("t2", runs, 2, 1)).containsOnly(Runner.Outcome.COMPLETED);
        assertThat(RunFolders.text(RunFolders.snapshot(tmp.resolve("t2"))))
                .isEqualTo(RunFolders.text(RunFolders.snapshot(tmp.resolve("t1"))));
        Path dir = runs.get(0).dir(tmp.resolve("t1"));
        List<String> lines = Files.readAllLines(dir.resolve(RunLogs.METRICS_CSV));
        assertThat(lines.get(0)).startsWith("epoch,step,train_loss,train_accuracy,test_loss,test_accuracy,grad_norm,"
                + "param_norm,projection/fc1.weight");
        assertThat(lines).hasSize(3);
        double before = Double.parseDouble(lines.get(1).split(",")[5]);
        double after = Double.parseDouble(lines.get(2).split(",")[5]);
        assertThat(before).isLessThan(0.25);
        assertThat(after).isGreaterThan(0.8);
        assertThat(lines.get(2).split(",")[1]).isEqualTo("24");
        JsonNode runJson = Json.STRICT.readTree(dir.resolve(RunLogs.RUN_JSON).toFile());
        assertThat(runJson.at("/provenance/data").size()).isEqualTo(4);
        assertThat(runJson.at("/provenance/split").asText()).isEqualTo("train=train[0:3000] test=test[0:1000]");
    }

    @Test
    void oneAndTwoJobsGiveTheSameBytes() throws IOException {
        List<RunSpec> runs = plan(1, List.of("adam", "expectigrad"));
        run("j1", runs, 1, 1);
        run("j2", runs, 1, 2);
        assertThat(RunFolders.text(RunFolders.snapshot(tmp.resolve("j2"))))
                .isEqualTo(RunFolders.text(RunFolders.snapshot(tmp.resolve("j1"))));
    }

    @Test
    void aRunWhoseLossOverflowsIsRecordedAsDivergedAtItsStep() throws IOException {
        ObjectNode m = (ObjectNode) subset.source().deepCopy();
        m.put("name", "mnist-diverging");
        ((com.fasterxml.jackson.databind.node.ArrayNode) m.get("arms")).removeAll().addObject().put("name", "sgd")
                .putObject("optimizer").put("name", "sgd").putObject("hyperparameters").put("lr", 1e30);
        m.remove("paper");
        m.remove("hypothesis");
        Manifest diverging = ManifestReader.read("d.json", Json.write(m).getBytes());
        List<RunSpec> runs = RunPlan.expand(List.of(diverging), new RunPlan.Overrides(2, null, null), DATA::sha256s);
        assertThat(run("d", runs, 1, 1)).containsExactly(Runner.Outcome.DIVERGED);
        Path dir = runs.get(0).dir(tmp.resolve("d"));
        JsonNode runJson = Json.STRICT.readTree(dir.resolve(RunLogs.RUN_JSON).toFile());
        assertThat(runJson.get("status").asText()).isEqualTo("diverged");
        assertThat(runJson.at("/diverged/epoch").asInt()).isEqualTo(1);
        assertThat(runJson.at("/diverged/step").asLong()).isBetween(2L, 24L);
        assertThat(runJson.at("/diverged/lastFiniteLoss").asDouble()).isBetween(2.0, 2.6);
        assertThat(Files.readAllLines(dir.resolve(RunLogs.METRICS_CSV))).hasSize(2);
    }
}
