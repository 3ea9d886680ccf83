package org.optim.experiments.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.optim.experiments.landscape.LandscapeConfig;

/**
 * One experiment as read from a manifest file (format documented in the README and in
 * {@code manifest.schema.json}): what to train, with which optimizers (arms), on which seeds,
 * for how many epochs, and what the paper it reproduces reported.
 *
 * @param name        slug naming the experiment's folder under the runs directory
 * @param title       human-readable title
 * @param description free text ("" when absent)
 * @param paper       the paper reproduced and its reported numbers, or {@code null}
 * @param hypothesis  what this experiment changes in its baseline's protocol to explain the paper's
 *                    numbers, or {@code null}
 * @param seeds       the seeds every arm is run with, in manifest order, distinct
 * @param epochs      epochs per run (a toy problem's epoch is {@code stepsPerEpoch} steps)
 * @param task        what is optimized: a classification protocol or a toy problem
 * @param arms        the optimizers compared, in manifest order
 * @param metrics     metric columns to log, in manifest order (all the task offers when absent)
 * @param landscape   loss landscape and sharpness measured on every complete run's final weights, or {@code null}
 * @param source      the manifest as read (JSON tree, field order kept)
 * @param sha256      SHA-256 of the manifest file's bytes, hex
 */
public record Manifest(String name, String title, String description, Paper paper, Hypothesis hypothesis,
        List<Long> seeds, int epochs, Task task, List<Arm> arms, List<String> metrics, LandscapeConfig landscape,
        JsonNode source, String sha256) {

    /** The arm called {@code name}, or {@code null}. */
    public Arm arm(String armName) {
        for (Arm a : arms) {
            if (a.name().equals(armName)) {
                return a;
            }
        }
        return null;
    }

    /**
     * One optimizer of the comparison.
     *
     * @param name      slug naming the arm's folder
     * @param label     display name ("" when absent: the report uses {@code name})
     * @param optimizer the optimizer object as written ({@code name}, {@code hyperparameters}, SAM's {@code base})
     * @param grid      hyperparameter axes swept for this arm, in manifest order (empty without a grid)
     * @param hypothesis the reading of the paper this arm alone stands for, or {@code null}
     */
    public record Arm(String name, String label, JsonNode optimizer, List<GridAxis> grid, ArmHypothesis hypothesis) {
    }

    /**
     * An experiment as one hypothesis about how the paper got its numbers.
     *
     * @param baseline the experiment whose protocol this one changes, or "" when this experiment is the
     *                 baseline (the paper's protocol as read, against which the others change one thing)
     * @param change   what is changed, in words
     */
    public record Hypothesis(String baseline, String change) {
    }

    /**
     * An arm as a hypothesis within its experiment (e.g. plain SGD as SAM's base optimizer).
     *
     * @param change what this arm assumes, in words
     * @param column the arm whose values in the paper's tables this arm is read against (this arm's own
     *               name when it has its own values)
     */
    public record ArmHypothesis(String change, String column) {
    }

    /**
     * One grid axis: a hyperparameter and its values.
     *
     * @param key    {@code lr} for {@code /hyperparameters/lr}; {@code base.lr} for SAM's base optimizer's
     * @param values the values, in manifest order
     */
    public record GridAxis(String key, List<JsonNode> values) {
    }

    /**
     * The paper an experiment reproduces.
     *
     * @param citation authors, title, venue
     * @param url      where to read it ("" when absent)
     * @param notes    what the manifest assumes where the paper is silent ("" when absent)
     * @param tables   the paper's reported numbers, as data
     * @param claims   the paper's statements about single numbers (e.g. the weight norm reaching 3.2)
     */
    public record Paper(String citation, String url, String notes, List<Table> tables, List<Claim> claims) {
    }

    /**
     * A table of the paper: one metric per arm and epoch.
     *
     * @param id      slug
     * @param caption the paper's caption
     * @param metric  the metrics.csv column it compares with (e.g. {@code test_accuracy})
     * @param rows    by epoch; each row maps arm names to the reported value
     */
    public record Table(String id, String caption, String metric, List<TableRow> rows) {
    }

    /** One row of a paper table: the values reported at {@code epoch}, by arm name (manifest arm order). */
    public record TableRow(int epoch, Map<String, Double> values) {
    }

    /**
     * A single number the paper states for one arm.
     *
     * @param id     slug
     * @param text   the paper's words
     * @param arm    the arm it is about
     * @param metric the metrics.csv column
     * @param start  the value at epoch 0, or {@code null}
     * @param end    the value at the last epoch
     */
    public record Claim(String id, String text, String arm, String metric, Double start, double end) {
    }
}
