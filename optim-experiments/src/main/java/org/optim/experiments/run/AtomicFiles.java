package org.optim.experiments.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Every run-log file is written to a fresh temporary file in the same folder and moved over the
 * target in one rename, so a reader (or a process killed at any moment) sees the old file or the
 * new one, never half of one.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    public static void write(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(target.getParent() + ": the file system cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes temporary files a killed writer left in {@code dir} (only call it while holding the
     * folder's lock, so no live writer owns them).
     */
    public static void deleteTemporaries(Path dir) throws IOException {
        try (var files = Files.newDirectoryStream(dir, ".*.tmp")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    public static void write(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }
}
