package org.optim.experiments.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.optim.core.Kernel;

/**
 * Every reference trajectory in the project's {@code reference/} folder, replayed in both modes
 * with both implementations of the optimizer updates, reproduces the official PyTorch run within
 * the tolerance the file states (float64 and float32).
 */
class ReferenceConformanceTest {

    static Path referenceDir() {
        return Path.of(System.getProperty("optim.root", "..")).resolve("reference");
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Path file : Conformance.caseFiles(referenceDir())) {
            for (Mode mode : Mode.values()) {
                for (Kernel kernel : Kernel.values()) {
                    out.add(Arguments.of(file.getFileName().toString(), mode, kernel));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void replayMatchesTheOfficialTrajectory(String file, Mode mode, Kernel kernel) {
        ReferenceCase reference = CaseReader.read(referenceDir().resolve(file));
        ReplayResult result = Replayer.replay(reference, mode, kernel);

        assertThat(result.failure()).as(file + " " + mode.label()).isNull();
        assertThat(result.params().count()).as("parameters compared").isGreaterThan(0);
        assertThat(result.params().maxRatio()).as("worst parameter error / tolerance").isLessThanOrEqualTo(1.0);
        assertThat(result.state().maxRatio()).as("worst state error / tolerance").isLessThanOrEqualTo(1.0);
        assertThat(result.gradients().maxRatio()).as("worst loss/gradient error / tolerance").isLessThanOrEqualTo(1.0);
        if (mode == Mode.CLOSED_LOOP) {
            assertThat(result.gradients().count()).as("closed loop compares losses and gradients").isGreaterThan(0);
        }
    }

    static Stream<Arguments> elementwiseCases() throws IOException {
        return Conformance.caseFiles(referenceDir()).stream().map(f -> f.getFileName().toString())
                .filter(n -> n.matches("(sgd|adam|adamw|expectigrad)-.*"))
                .flatMap(n -> Stream.of(Kernel.values()).map(k -> Arguments.of(n, k)));
    }

    /**
     * README section 6: with the recorded gradients, optimizers without reductions (no projection,
     * no SAM norm) reproduce the official float64 and float32 values bit for bit, which they can only
     * do if the replayer reads every number into the case dtype exactly.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("elementwiseCases")
    void elementwiseOptimizersAreBitExactWithRecordedGradients(String file, Kernel kernel) {
        ReplayResult result = Replayer.replay(CaseReader.read(referenceDir().resolve(file)), Mode.RECORDED, kernel);
        assertThat(result.params().maxAbs()).isZero();
        assertThat(result.state().maxAbs()).isZero();
    }

    @Test
    void theVisibleSetIsComplete() throws IOException {
        List<Path> files = Conformance.caseFiles(referenceDir());
        assertThat(files).hasSizeGreaterThanOrEqualTo(82);
        List<String> names = files.stream().map(f -> f.getFileName().toString()).toList();
        for (String name : names) {
            String twin = name.endsWith("-f64.json") ? name.replace("-f64.json", "-f32.json")
                    : name.replace("-f32.json", "-f64.json");
            assertThat(names).as("every case exists in both dtypes").contains(twin);
        }
    }
}
