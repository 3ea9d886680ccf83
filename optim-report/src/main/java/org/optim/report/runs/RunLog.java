package org.optim.report.runs;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * One run as the runner left it: {@code runs/<experiment>/<arm>/<config-id>/seed-<n>/}.
 *
 * @param dir             the run's folder
 * @param arm             the arm's name (the folder name)
 * @param configId        the config folder's name
 * @param seed            the seed (from the folder name, checked against run.json)
 * @param status          complete, diverged or incomplete
 * @param epochsCompleted epochs run to the end
 * @param epochsAsked     the epochs the run was asked for (run.json's {@code epochs}; empty if absent)
 * @param divergedEpoch   for a diverged run, the epoch in which the loss stopped being finite
 * @param grid            the run's grid point ({} without a grid)
 * @param provenance      run.json's {@code provenance} object
 * @param metrics         metrics.csv
 * @param trajectory      trajectory.csv, for toy experiments
 */
public record RunLog(Path dir, String arm, String configId, int seed, Status status, int epochsCompleted,
        Optional<Integer> epochsAsked, Optional<Integer> divergedEpoch, JsonNode grid, JsonNode provenance, Table metrics,
        Optional<Table> trajectory) {

    /** A run's status, as run.json spells it. */
    public enum Status {
        COMPLETE, DIVERGED, INCOMPLETE;

        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The run's id in the report: {@code arm/config-id/seed-n}. */
    public String id() {
        return arm + "/" + configId + "/seed-" + seed;
    }

    public boolean diverged() {
        return status == Status.DIVERGED;
    }

    /** A provenance field as text ("" when run.json does not carry it). */
    public String provenance(String field) {
        JsonNode node = provenance.path(field);
        return node.isValueNode() ? node.asText() : "";
    }
}
