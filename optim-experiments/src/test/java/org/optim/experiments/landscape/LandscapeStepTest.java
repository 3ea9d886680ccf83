package org.optim.experiments.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.optim.core.DType;
import org.optim.core.ParameterSet;
import org.optim.experiments.manifest.Json;
import org.optim.experiments.manifest.Manifest;
import org.optim.experiments.manifest.ManifestReader;
import org.optim.experiments.run.MetricsRow;
import org.optim.experiments.run.RunSpec;
import org.optim.experiments.run.Session;

class LandscapeStepTest {
    @TempDir
    Path dir;

    private static final Supplier<Session> NEVER = () -> {
        throw new AssertionError("no session should be created when the artifacts are up to date");
    };

    private static RunSpec run(String landscape) {
        String json = """
                {"name": "tiny", "title": "Tiny", "seeds": [1], "epochs": 1,
                 "data": {"dataset": "mnist", "scaling": "unit", "train": {"source": "train", "from": 100, "to": 5100}},
                 "model": {"layers": [{"units": 10, "activation": "none"}], "init": "pytorch-default"},
                 "loss": "softmax-cross-entropy", "batch": {"size": 10},
                 "arms": [{"name": "sgd", "optimizer": {"name": "sgd", "hyperparameters": {"lr": 0.1}}}],
                 "landscape": %s}
                """.formatted(landscape);
        Manifest m = ManifestReader.read("tiny.json", json.getBytes(StandardCharsets.UTF_8));
        return new RunSpec(m, m.arms().get(0), Map.of(), m.arms().get(0).optimizer(), 1, 1,
                Json.STRICT.createObjectNode(), Map.of(), "000000000000");
    }

    /** A "trained" quadratic: its weights are the session state. */
    static final class QuadraticSession implements Session, LandscapeSubject {
        final Quadratic quadratic = new Quadratic();
        final ParameterSet params;

        QuadraticSession(double shift) {
            double[] w = quadratic.center();
            for (int i = 0; i < w.length; i++) {
                w[i] += shift * (i % 3 - 1);
            }
            params = Quadratic.parameters(DType.FLOAT64, w);
        }

        @Override
        public ParameterSet parameters() {
            return params;
        }

        @Override
        public Objective trainingSubset(int n) {
            return new Objective(quadratic, LossFunction.of(quadratic));
        }

        @Override
        public MetricsRow begin() {
            throw new UnsupportedOperationException();
        }

        @Override
        public EpochOutcome train(int epoch) {
            throw new UnsupportedOperationException();
        }


        @Override
        public void save(DataOutputStream out) throws IOException {
            for (double v : Quadratic.flatten(ParameterVector.valuesOf(params))) {
                out.writeDouble(v);
            }
        }

        @Override
        public void restore(DataInputStream in) throws IOException {
            double[] w = new double[Quadratic.N];
            for (int i = 0; i < w.length; i++) {
                w[i] = in.readDouble();
            }
            ParameterSet loaded = Quadratic.parameters(DType.FLOAT64, w);
            params.restoreValues(loaded.snapshotValues());
        }
    }

    private String read(String file) throws IOException {
        return Files.readString(dir.resolve(file));
    }

    @Test
    void writesEveryArtifactThenReusesThemWhileTheConfigIsUnchanged() throws IOException {
        RunSpec run = run("{\"gridSize\": 3, \"slicePoints\": 5, \"subsetSize\": 64}");
        assertThat(LandscapeStep.ensure(run, dir, new QuadraticSession(0.2), NEVER, 1)).isTrue();
        assertThat(read(LandscapeStep.JSON)).contains("\"subset\": \"train[100:164]\"").contains("\"epoch\": 1");
        assertThat(read(LandscapeStep.SLICE).lines()).hasSize(6).first().isEqualTo("point,alpha,loss");
        assertThat(read(LandscapeStep.SURFACE).lines()).hasSize(10).first().isEqualTo("point,alpha,beta,loss");
        assertThat(read(LandscapeStep.SHARPNESS).lines().findFirst().orElseThrow())
                .isEqualTo(String.join(",", LandscapeStep.SHARPNESS_COLUMNS));
        assertThat(read(LandscapeStep.SURFACE)).contains("\n4,0.0,0.0,");

        assertThat(LandscapeStep.ensure(run, dir, null, NEVER, 1)).isFalse();
    }

    @Test
    void aMissingArtifactIsRecomputedFromTheStoredWeightsBitForBit() throws IOException {
        RunSpec run = run("{\"gridSize\": 3, \"slicePoints\": 5}");
        LandscapeStep.ensure(run, dir, new QuadraticSession(0.2), NEVER, 1);
        String slice = read(LandscapeStep.SLICE);
        String sharpness = read(LandscapeStep.SHARPNESS);
        Files.delete(dir.resolve(LandscapeStep.SLICE));

        assertThat(LandscapeStep.ensure(run, dir, null, () -> new QuadraticSession(5.0), 1)).isTrue();
        assertThat(read(LandscapeStep.SLICE)).isEqualTo(slice);
        assertThat(read(LandscapeStep.SHARPNESS)).isEqualTo(sharpness);
    }

    @Test
    void aChangedConfigReplacesEveryArtifact() throws IOException {
        LandscapeStep.ensure(run("{\"gridSize\": 3, \"slicePoints\": 5}"), dir, new QuadraticSession(0.2), NEVER, 1);
        String slice = read(LandscapeStep.SLICE);
        String surface = read(LandscapeStep.SURFACE);

        RunSpec wider = run("{\"gridSize\": 3, \"slicePoints\": 5, \"span\": 2}");
        assertThat(LandscapeStep.ensure(wider, dir, null, () -> new QuadraticSession(0), 1)).isTrue();
        assertThat(read(LandscapeStep.JSON)).contains("\"span\": 2.0");
        assertThat(read(LandscapeStep.SLICE)).isNotEqualTo(slice).startsWith("point,alpha,loss\n0,-2.0,");
        assertThat(read(LandscapeStep.SURFACE)).isNotEqualTo(surface);
    }

    @Test
    void aRunWithoutStoredWeightsIsAnErrorNamingTheFile() {
        RunSpec run = run("{}");
        assertThatThrownBy(() -> LandscapeStep.ensure(run, dir, null, () -> new QuadraticSession(0), 1))
                .hasMessageContaining(LandscapeStep.STATE).hasMessageContaining(dir.toString());
    }

    @Test
    void theManifestRejectsASubsetLargerThanTheTrainingPartition() {
        assertThatThrownBy(() -> run("{\"subsetSize\": 5001}"))
                .hasMessageContaining("/landscape/subsetSize").hasMessageContaining("5000");
    }
}
