package org.optim.experiments.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replays reference files in both modes. A file that cannot be read, or that needs an optimizer,
 * option or problem kind this project lacks, fails both modes with the reason: nothing is skipped.
 */
public final class Conformance {
    private Conformance() {
    }

    /** The {@code *.json} files directly inside {@code dir}, sorted by file name. */
    public static List<Path> caseFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        }
    }

    /** The results of one file: recorded mode, then closed loop. */
    public static List<ReplayResult> replay(Path file) {
        List<ReplayResult> results = new ArrayList<>(Mode.values().length);
        ReferenceCase reference;
        try {
            reference = CaseReader.read(file);
        } catch (CaseException e) {
            String name = file.getFileName().toString().replaceFirst("\\.json$", "");
            for (Mode mode : Mode.values()) {
                results.add(ReplayResult.unreadable(name, mode, e.getMessage()));
            }
            return results;
        }
        for (Mode mode : Mode.values()) {
            results.add(Replayer.replay(reference, mode));
        }
        return results;
    }
}
