package org.optim.report.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.optim.report.runs.Json;

/**
 * A single number the paper states about one arm, as the manifest carries it under
 * {@code paper.claims[i]}: {@code {"id", "text", "arm", "metric", "start" (optional), "end"}}, e.g.
 * AdamP's toy: "the weight norm r grows from 1.0 to 3.2". The report sets it against the metric's
 * value at epoch 0 and at the last epoch of each series of that arm.
 *
 * @param id     slug
 * @param text   the paper's words
 * @param arm    the arm it is about
 * @param metric the metrics.csv column
 * @param start  the value at epoch 0, if the paper gives one
 * @param end    the value at the end
 */
public record PaperClaim(String id, String text, String arm, String metric, OptionalDouble start, double end) {

    /** Every claim in {@code manifest}'s {@code paper.claims} (none when absent). */
    public static List<PaperClaim> read(Path file, JsonNode manifest) {
        JsonNode claims = manifest.at("/paper/claims");
        if (claims.isMissingNode() || claims.isNull()) {
            return List.of();
        }
        Json.array(file, manifest, "/paper/claims");
        List<PaperClaim> result = new ArrayList<>();
        for (int i = 0; i < claims.size(); i++) {
            String at = "/paper/claims/" + i;
            JsonNode start = manifest.at(at + "/start");
            result.add(new PaperClaim(Json.string(file, manifest, at + "/id"), Json.string(file, manifest, at + "/text"),
                    Json.string(file, manifest, at + "/arm"), Json.string(file, manifest, at + "/metric"),
                    start.isMissingNode() || start.isNull() ? OptionalDouble.empty() : OptionalDouble.of(Json.number(file, manifest, at + "/start")),
                    Json.number(file, manifest, at + "/end")));
        }
        return List.copyOf(result);
    }
}
