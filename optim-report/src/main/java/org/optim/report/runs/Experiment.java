package org.optim.report.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * One experiment's folder: its manifest (as run) and its runs, sorted by arm, config id and seed.
 *
 * @param name         the folder name (the manifest's {@code name})
 * @param manifestFile runs/&lt;experiment&gt;/manifest.json
 * @param manifestText the manifest's text, verbatim
 * @param manifest     the parsed manifest
 * @param runs         every run, sorted by arm, config id, seed
 */
public record Experiment(String name, Path manifestFile, String manifestText, JsonNode manifest, List<RunLog> runs) {
    public Experiment {
        runs = List.copyOf(runs);
    }

    /** The manifest's {@code title}, else its name. */
    public String title() {
        JsonNode title = manifest.path("title");
        return title.isTextual() && !title.textValue().isBlank() ? title.textValue() : name;
    }

    /** The manifest's {@code description}, or "". */
    public String description() {
        JsonNode d = manifest.path("description");
        return d.isTextual() ? d.textValue() : "";
    }
}
