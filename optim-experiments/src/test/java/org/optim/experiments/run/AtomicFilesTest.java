package org.optim.experiments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTemporary() throws IOException {
        Path f = dir.resolve("run.json");
        AtomicFiles.write(f, "old");
        AtomicFiles.write(f, "new");
        assertThat(f).hasContent("new");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("run.json");
        }
    }

    @Test
    void temporariesOfAKilledWriterAreCleanedUpButNothingElse() throws IOException {
        Files.writeString(dir.resolve(".metrics.csv123.tmp"), "half");
        Files.writeString(dir.resolve("metrics.csv"), "whole");
        Files.writeString(dir.resolve(".lock"), "");
        AtomicFiles.deleteTemporaries(dir);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted()).containsExactly(".lock", "metrics.csv");
        }
    }
}
