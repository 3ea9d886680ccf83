package org.optim.experiments.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The manifests shipped in {@code experiments/} and the schema, found through the {@code optim.root} property. */
public final class Manifests {
    private Manifests() {
    }

    public static Path root() {
        return Path.of(System.getProperty("optim.root", "..")).toAbsolutePath().normalize();
    }

    /** Every {@code experiments/*.json}, sorted by name. */
    public static List<Path> shipped() {
        try (Stream<Path> s = Files.list(root().resolve("experiments"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path schema() {
        return root().resolve("experiments/schema/manifest.schema.json");
    }
}
