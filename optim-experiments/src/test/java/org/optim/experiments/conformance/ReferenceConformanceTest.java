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

/**
 * Every reference trajectory in the project's {@code reference/} folder, replayed in both modes,
 * reproduces the official PyTorch run within the tolerance the file states (float64 and float32).
 */
class ReferenceConformanceTest {

    static Path referenceDir() {
        return Path.of(System.getProperty("optim.root", "..")).resolve("reference");
    }

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Path file : Conformance.caseFiles(referenceDir())) {
            for (Mode mode : Mode.values()) {
                out.add(Arguments.of(file.getFileName().toString(), mode));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void replayMatchesTheOfficialTrajectory(String file, Mode mode) {
        ReferenceCase reference = CaseReader.read(referenceDir().resolve(file));
        ReplayResult result = Replayer.replay(reference, mode);

        assertThat(result.failure()).as(file + " " + mode.label()).isNull();
        assertThat(result.params().count()).as("parameters compared").isGreaterThan(0);
        assertThat(result.params().maxRatio()).as("worst parameter error / tolerance").isLessThanOrEqualTo(1.0);
        assertThat(result.state().maxRatio()).as("worst state error / tolerance").isLessThanOrEqualTo(1.0);
        assertThat(result.gradients().maxRatio()).as("worst loss/gradient error / tolerance").isLessThanOrEqualTo(1.0);
        if (mode == Mode.CLOSED_LOOP) {
            assertThat(result.gradients().count()).as("closed loop compares losses and gradients").isGreaterThan(0);
        }
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
