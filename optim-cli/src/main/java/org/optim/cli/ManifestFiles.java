package org.optim.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The manifests named on a command line: a file stands for itself, a folder for every {@code *.json}
 * file directly inside it (not its subfolders, where {@code experiments/schema/} lives), in sorted order.
 */
final class ManifestFiles {
    private ManifestFiles() {
    }

    static List<Path> expand(List<Path> arguments) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path a : arguments) {
            if (!Files.isDirectory(a)) {
                files.add(a);
                continue;
            }
            try (Stream<Path> listing = Files.list(a)) {
                List<Path> json = listing.filter(p -> p.getFileName().toString().endsWith(".json"))
                        .filter(Files::isRegularFile).sorted().toList();
                if (json.isEmpty()) {
                    throw new InputError(a + ": no *.json manifests in this folder");
                }
                files.addAll(json);
            }
        }
        return files;
    }
}
