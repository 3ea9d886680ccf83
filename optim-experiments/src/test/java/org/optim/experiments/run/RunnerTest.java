package org.optim.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optim.experiments.manifest.Json;

class RunnerTest {
    @TempDir
    Path tmp;

    private static final Sessions SESSIONS = new TaskSessions(new org.optim.experiments.classify.ClassificationData());

    @Test
    void aRerunSkipsFinishedRunsAndChangesNoByte() throws IOException {
        List<RunSpec> runs = RunFolders.plan(5, "adamp-rosenbrock", "reddi-online");
        assertThat(RunFolders.run(tmp, runs, 1, SESSIONS)).containsOnly(Runner.Outcome.COMPLETED).hasSize(6);
        Map<String, byte[]> first = RunFolders.snapshot(tmp);
        assertThat(first.keySet()).noneMatch(k -> k.endsWith(RunLogs.CHECKPOINT));
        assertThat(RunFolders.run(tmp, runs, 1, SESSIONS)).containsOnly(Runner.Outcome.ALREADY_DONE);
        assertThat(RunFolders.text(RunFolders.snapshot(tmp))).isEqualTo(RunFolders.text(first));
    }

    @Test
    void twoJobsWriteTheSameBytesAsOne() throws IOException {
        List<RunSpec> runs = RunFolders.plan(3, "adamp-rosenbrock-sweep");
        RunFolders.run(tmp.resolve("a"), runs, 1, SESSIONS);
        RunFolders.run(tmp.resolve("b"), runs, 2, SESSIONS);
        assertThat(RunFolders.text(RunFolders.snapshot(tmp.resolve("b"))))
                .isEqualTo(RunFolders.text(RunFolders.snapshot(tmp.resolve("a"))));
    }

    @Test
    void shardsTogetherEqualAnUnshardedRun() throws IOException {
        List<RunSpec> runs = RunFolders.plan(2, "adamp-rosenbrock-sweep", "reddi-stochastic");
        RunFolders.run(tmp.resolve("all"), runs, 1, SESSIONS);
        List<RunSpec> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<RunSpec> shard = RunPlan.shard(runs, i, 3);
            seen.addAll(shard);
            RunFolders.run(tmp.resolve("sharded"), shard, 1, SESSIONS);
        }
        assertThat(seen).hasSameSizeAs(runs).containsExactlyInAnyOrderElementsOf(runs);
        assertThat(RunFolders.text(RunFolders.snapshot(tmp.resolve("sharded"))))
                .isEqualTo(RunFolders.text(RunFolders.snapshot(tmp.resolve("all"))));
    }

    /** A session that dies (like a killed process) when it reaches a given epoch. */
    private static Sessions crashingAt(int epoch) {
        return (run, threads) -> {
            Session s = SESSIONS.create(run, threads);
            return new Session() {
                @Override
                public MetricsRow begin() {
                    return s.begin();
                }

                @Override
                public EpochOutcome train(int e) {
                    if (e == epoch) {
                        throw new IllegalStateException("simulated crash at epoch " + e);
                    }
                    return s.train(e);
                }

                @Override
                public List<String> trajectoryColumns() {
                    return s.trajectoryColumns();
                }

                @Override
                public List<double[]> drainTrajectory() {
                    return s.drainTrajectory();
                }

                @Override
                public void save(java.io.DataOutputStream out) throws IOException {
                    s.save(out);
                }

                @Override
                public void restore(java.io.DataInputStream in) throws IOException {
                    s.restore(in);
                }
            };
        };
    }

    @Test
    void aRunResumedFromItsCheckpointWritesTheSameBytes() throws IOException {
        List<RunSpec> runs = RunFolders.plan(6, "reddi-stochastic", "adamp-rosenbrock");
        RunFolders.run(tmp.resolve("straight"), runs, 1, SESSIONS);
        Path resumed = tmp.resolve("resumed");
        assertThatThrownBy(() -> RunFolders.run(resumed, runs, 1, crashingAt(4))).hasMessageContaining("simulated crash");
        RunSpec first = runs.get(0);
        Path dir = first.dir(resumed);
        assertThat(dir.resolve(RunLogs.CHECKPOINT)).exists();
        assertThat(Json.STRICT.readTree(dir.resolve(RunLogs.RUN_JSON).toFile()).get("status").asText()).isEqualTo("incomplete");
        assertThat(Files.readAllLines(dir.resolve(RunLogs.METRICS_CSV))).hasSize(1 + 4);
        RunFolders.run(resumed, runs, 1, SESSIONS);
        assertThat(RunFolders.text(RunFolders.snapshot(resumed)))
                .isEqualTo(RunFolders.text(RunFolders.snapshot(tmp.resolve("straight"))));
    }

    @Test
    void aDivergedRunIsRecordedNotBackFilledAndTheOthersGoOn() throws IOException {
        String text = Files.readString(org.optim.experiments.manifest.Manifests.root()
                .resolve("experiments/adamp-rosenbrock.json")).replaceFirst("\"lr\": 0.001, \"momentum\": 0.9}}",
                "\"lr\": 1e300, \"momentum\": 0.9}}");
        var manifest = org.optim.experiments.manifest.ManifestReader.read("m.json", text.getBytes());
        List<RunSpec> runs = RunPlan.expand(List.of(manifest), RunPlan.Overrides.NONE, d -> Map.of());
        List<Runner.Outcome> outcomes = RunFolders.run(tmp, runs, 1, SESSIONS);
        assertThat(outcomes).containsExactly(Runner.Outcome.DIVERGED, Runner.Outcome.COMPLETED, Runner.Outcome.COMPLETED);
        Path dir = runs.get(0).dir(tmp);
        JsonNode runJson = Json.STRICT.readTree(dir.resolve(RunLogs.RUN_JSON).toFile());
        assertThat(runJson.get("status").asText()).isEqualTo("diverged");
        int epoch = runJson.get("diverged").get("epoch").asInt();
        assertThat(runJson.get("epochsCompleted").asInt()).isEqualTo(epoch - 1);
        assertThat(runJson.get("diverged").get("lastFiniteLoss").isNumber()).isTrue();
        List<String> lines = Files.readAllLines(dir.resolve(RunLogs.METRICS_CSV));
        assertThat(lines).hasSize(1 + epoch).noneMatch(l -> l.contains("NaN") || l.contains("Infinity"));
        assertThat(dir.resolve(RunLogs.CHECKPOINT)).doesNotExist();
        assertThat(RunFolders.run(tmp, runs, 1, SESSIONS)).containsOnly(Runner.Outcome.ALREADY_DONE);
    }

    @Test
    void aRunLockedByAnotherProcessIsLeftAlone() throws IOException {
        List<RunSpec> runs = RunFolders.plan(2, "adamp-rosenbrock");
        Path dir = runs.get(1).dir(tmp);
        Files.createDirectories(dir);
        try (RunLock held = RunLock.tryAcquire(dir)) {
            assertThat(held).isNotNull();
            assertThat(RunLock.tryAcquire(dir)).isNull();
            assertThat(RunFolders.run(tmp, runs, 1, SESSIONS))
                    .containsExactly(Runner.Outcome.COMPLETED, Runner.Outcome.LOCKED, Runner.Outcome.COMPLETED);
        }
        assertThat(dir.resolve(RunLogs.RUN_JSON)).doesNotExist();
        assertThat(RunFolders.run(tmp, runs, 1, SESSIONS))
                .containsExactly(Runner.Outcome.ALREADY_DONE, Runner.Outcome.COMPLETED, Runner.Outcome.ALREADY_DONE);
    }

    @Test
    void moreEpochsExtendAFinishedRunWithTheSamePrefix() throws IOException {
        RunFolders.run(tmp.resolve("short"), RunFolders.plan(2, "reddi-online"), 1, SESSIONS);
        RunFolders.run(tmp.resolve("short"), RunFolders.plan(4, "reddi-online"), 1, SESSIONS);
        RunFolders.run(tmp.resolve("long"), RunFolders.plan(4, "reddi-online"), 1, SESSIONS);
        assertThat(RunFolders.text(RunFolders.snapshot(tmp.resolve("short"))))
                .isEqualTo(RunFolders.text(RunFolders.snapshot(tmp.resolve("long"))));
    }

    @Test
    void aStoredRunWithAnotherConfigIsNotContinued() throws IOException {
        List<RunSpec> runs = RunFolders.plan(1, "reddi-online");
        RunFolders.run(tmp, runs, 1, SESSIONS);
        Path runJson = runs.get(0).dir(tmp).resolve(RunLogs.RUN_JSON);
        Files.writeString(runJson, Files.readString(runJson).replace("\"lr\": 0.01", "\"lr\": 0.02"));
        assertThatThrownBy(() -> RunFolders.run(tmp, RunFolders.plan(3, "reddi-online"), 1, SESSIONS))
                .hasMessageContaining("the stored config differs");
    }
}
