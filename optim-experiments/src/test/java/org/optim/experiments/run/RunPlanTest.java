package org.optim.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.optim.experiments.manifest.Manifest;
import org.optim.experiments.manifest.ManifestReader;

class RunPlanTest {
    @Test
    void armsTimesGridTimesSeeds() {
        List<RunSpec> runs = RunFolders.plan(null, "adamp-rosenbrock-sweep", "reddi-stochastic");
        assertThat(runs).hasSize(9 + 27 + 9 + 3 * 3);
        Set<String> dirs = new HashSet<>();
        runs.forEach(r -> dirs.add(r.label()));
        assertThat(dirs).hasSameSizeAs(runs);
        assertThat(runs).extracting(RunSpec::epochs).containsOnly(50, 100);
    }

    @Test
    void theConfigIdDependsOnContentNotOnFormatting() {
        Manifest a = RunFolders.manifest("reddi-online");
        String reformatted = a.source().toString().replace("\"lr\":0.01", "\"lr\":1.0e-2");
        Manifest b = ManifestReader.read("b.json", reformatted.getBytes());
        List<RunSpec> ra = RunPlan.expand(List.of(a), RunPlan.Overrides.NONE, d -> Map.of());
        List<RunSpec> rb = RunPlan.expand(List.of(b), RunPlan.Overrides.NONE, d -> Map.of());
        assertThat(rb).extracting(RunSpec::configId).isEqualTo(ra.stream().map(RunSpec::configId).toList());
        Manifest c = ManifestReader.read("c.json", a.source().toString().replace("\"lr\":0.01", "\"lr\":0.02").getBytes());
        assertThat(RunPlan.expand(List.of(c), RunPlan.Overrides.NONE, d -> Map.of()).get(0).configId())
                .isNotEqualTo(ra.get(0).configId());
    }

    @Test
    void overridesPickEpochsSeedsAndArms() {
        List<RunSpec> runs = RunPlan.expand(List.of(RunFolders.manifest("reddi-stochastic")),
                new RunPlan.Overrides(2, List.of(7L), List.of("adam", "expectigrad")), d -> Map.of());
        assertThat(runs).extracting(r -> r.arm().name()).containsExactly("adam", "expectigrad");
        assertThat(runs).extracting(RunSpec::seed).containsOnly(7L);
        assertThat(runs).extracting(RunSpec::epochs).containsOnly(2);
        assertThatThrownBy(() -> RunPlan.expand(List.of(RunFolders.manifest("reddi-stochastic")),
                new RunPlan.Overrides(null, null, List.of("sgd")), d -> Map.of()))
                .hasMessageContaining("has no arm \"sgd\"");
    }

    @Test
    void shardsPartitionTheRunsEvenly() {
        List<RunSpec> runs = RunFolders.plan(null, "adamp-rosenbrock-sweep");
        Set<RunSpec> union = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            List<RunSpec> s = RunPlan.shard(runs, i, 4);
            assertThat(s.size()).isBetween(runs.size() / 4, runs.size() / 4 + 1);
            for (RunSpec r : s) {
                assertThat(union.add(r)).isTrue();
            }
        }
        assertThat(union).hasSameSizeAs(runs);
        assertThatThrownBy(() -> RunPlan.shard(runs, 4, 4)).hasMessageContaining("0 <= I < N");
    }
}
