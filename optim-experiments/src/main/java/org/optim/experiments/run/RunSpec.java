package org.optim.experiments.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.optim.experiments.manifest.Manifest;

/**
 * One run: an arm at one grid point with one seed. Its identity is its content: {@code configId}
 * is the first 12 hex digits of the SHA-256 of the canonical effective config together with the
 * SHA-256s of the data files; the seed names the folder below it.
 *
 * @param manifest  the experiment
 * @param arm       the arm
 * @param grid      the grid point (key -> value, axis order; empty without a grid)
 * @param optimizer the optimizer object at this grid point
 * @param seed      the seed
 * @param epochs    epochs to train (the manifest's, or {@code --epochs})
 * @param config    the effective config (task, optimizer, metrics): everything that changes the numbers
 * @param data      data file name -> SHA-256 (sorted by name; empty for toys)
 * @param configId  12 hex digits
 */
public record RunSpec(Manifest manifest, Manifest.Arm arm, Map<String, JsonNode> grid, JsonNode optimizer, long seed,
        int epochs, ObjectNode config, Map<String, String> data, String configId) {

    /** {@code <runs>/<experiment>/<arm>/<configId>/seed-<n>}. */
    public Path dir(Path runs) {
        return runs.resolve(manifest.name()).resolve(arm.name()).resolve(configId).resolve("seed-" + seed);
    }

    /** {@code experiment/arm/configId/seed-n}, for messages. */
    public String label() {
        return manifest.name() + "/" + arm.name() + "/" + configId + "/seed-" + seed;
    }
}
