package org.optim.report.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import org.optim.report.runs.Json;
import org.optim.report.runs.RunLogException;

/**
 * One table of the paper, as the manifest carries it under {@code paper.tables[i]} (see
 * docs/run-logs.md, "Paper tables"). The report never holds a paper value in code.
 *
 * <pre>
 * "paper": {"citation": "...", "tables": [{"id": "table-ii", "caption": "Table II ...", "metric": "test_accuracy",
 *            "rows": [{"epoch": 10, "values": {"sam": 0.41, "adamp": 0.11, "expectigrad": 0.89}}, ...]}]}
 * </pre>
 * The paper's column names are the arms' {@code label}s ({@code "arms": [{"name": "sam", "label": "SAM", ...}]}),
 * so which arm is the paper's "SAM" column is data, not code.
 *
 * @param id      a slug; the CSV is {@code tables/<id>.csv}
 * @param title   the caption (the id when the manifest has none)
 * @param metric  the metrics.csv column the paper's numbers are compared with
 * @param columns the paper's column labels and the arms they map to, in the paper's order
 * @param epochs  the rows' epochs
 * @param values  values[row][column], NaN where the paper gives none
 */
public record PaperTable(String id, String title, String metric, List<Column> columns, long[] epochs, double[][] values) {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    /** A column of the paper's table: its label there and the arm it reports. */
    public record Column(String label, String arm) {
    }

    /** The paper's value for {@code arm} at {@code epoch}, if the table has one. */
    public OptionalDouble value(String arm, long epoch) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).arm().equals(arm)) {
                for (int r = 0; r < epochs.length; r++) {
                    if (epochs[r] == epoch && !Double.isNaN(values[r][c])) {
                        return OptionalDouble.of(values[r][c]);
                    }
                }
            }
        }
        return OptionalDouble.empty();
    }

    /** The label the paper uses for {@code arm}, or the arm's name. */
    public String labelOf(String arm) {
        return columns.stream().filter(c -> c.arm().equals(arm)).map(Column::label).findFirst().orElse(arm);
    }

    /**
     * Every table in {@code manifest}'s {@code paper.tables} (none when absent). Columns are the
     * manifest's arms (in its {@code arms} order) that some row gives a value for; a column's label is
     * the arm's {@code label}, else its name.
     */
    public static List<PaperTable> read(Path file, JsonNode manifest) {
        JsonNode tables = manifest.at("/paper/tables");
        if (tables.isMissingNode() || tables.isNull()) {
            return List.of();
        }
        Json.array(file, manifest, "/paper/tables");
        List<PaperTable> result = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) {
            String at = "/paper/tables/" + t;
            String id = Json.string(file, manifest, at + "/id");
            if (!SLUG.matcher(id).matches()) {
                throw new RunLogException(file, at + "/id", "must be a slug ([a-z0-9-], up to 64), got '" + id + "'");
            }
            if (result.stream().anyMatch(p -> p.id().equals(id))) {
                throw new RunLogException(file, at + "/id", "repeated table id '" + id + "'");
            }
            JsonNode rows = Json.array(file, manifest, at + "/rows");
            List<Column> columns = columns(file, manifest, rows, at);
            long[] epochs = new long[rows.size()];
            double[][] values = new double[rows.size()][columns.size()];
            for (int r = 0; r < rows.size(); r++) {
                String row = at + "/rows/" + r;
                epochs[r] = Json.integer(file, manifest, row + "/epoch");
                for (int c = 0; c < columns.size(); c++) {
                    String arm = columns.get(c).arm();
                    values[r][c] = rows.get(r).path("values").has(arm)
                            ? Json.number(file, manifest, row + "/values/" + escape(arm)) : Double.NaN;
                }
            }
            JsonNode caption = manifest.at(at + "/caption");
            result.add(new PaperTable(id, caption.isTextual() && !caption.textValue().isBlank() ? caption.textValue() : id,
                    Json.string(file, manifest, at + "/metric"), List.copyOf(columns), epochs, values));
        }
        return List.copyOf(result);
    }

    private static List<Column> columns(Path file, JsonNode manifest, JsonNode rows, String at) {
        List<String> named = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String pointer = at + "/rows/" + r + "/values";
            JsonNode values = Json.required(file, manifest, pointer);
            if (!values.isObject()) {
                throw new RunLogException(file, pointer, "expected an object of arm name to value, got " + values.getNodeType());
            }
            values.fieldNames().forEachRemaining(arm -> {
                if (!named.contains(arm)) {
                    named.add(arm);
                }
            });
        }
        List<Column> columns = new ArrayList<>();
        JsonNode arms = manifest.path("arms");
        for (JsonNode arm : arms) {
            String name = arm.path("name").asText();
            if (named.remove(name)) {
                String label = arm.path("label").asText("");
                columns.add(new Column(label.isBlank() ? name : label, name));
            }
        }
        if (!named.isEmpty()) {
            throw new RunLogException(file, at + "/rows", "values for arms the manifest does not have: " + String.join(", ", named));
        }
        return columns;
    }

    /** Escapes a member name for a JSON pointer (RFC 6901). */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
