package org.optim.report.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric CSV file of the run logs ({@code metrics.csv}, {@code trajectory.csv}): a header of
 * column names, then rows of numbers in Java's {@code Double.toString} form. The first column is the
 * index ({@code epoch} or {@code step}): non-negative integers, strictly increasing. An empty cell
 * is a value the row does not have (epoch 0 has no gradient norm); it is read as NaN and every
 * statistic and chart leaves it out.
 *
 * @param source  the file it was read from (named in errors)
 * @param columns the header, in file order
 * @param rows    one array per data row, {@code columns.size()} values each
 */
public record Table(Path source, List<String> columns, List<double[]> rows) {
    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** Reads and validates {@code file}; {@code index} is the name the first column must have. */
    public static Table read(Path file, String index) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw new RunLogException(file, "line 1", "missing header");
        }
        List<String> columns = List.of(lines.get(0).split(",", -1));
        if (!columns.get(0).equals(index)) {
            throw new RunLogException(file, "line 1", "first column must be '" + index + "', got '" + columns.get(0) + "'");
        }
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).isEmpty() || columns.indexOf(columns.get(c)) != c) {
                throw new RunLogException(file, "line 1", "empty or repeated column name '" + columns.get(c) + "'");
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (int l = 1; l < lines.size(); l++) {
            String line = lines.get(l);
            if (line.isEmpty() && l == lines.size() - 1) {
                break;
            }
            String[] cells = line.split(",", -1);
            String where = "line " + (l + 1);
            if (cells.length != columns.size()) {
                throw new RunLogException(file, where, "expected " + columns.size() + " cells, got " + cells.length);
            }
            double[] row = new double[cells.length];
            for (int c = 0; c < cells.length; c++) {
                if (cells[c].isEmpty() && c > 0) {
                    row[c] = Double.NaN;
                    continue;
                }
                try {
                    row[c] = Double.parseDouble(cells[c]);
                } catch (NumberFormatException e) {
                    throw new RunLogException(file, where + ", column '" + columns.get(c) + "'", "not a number: '" + cells[c] + "'");
                }
            }
            double previous = rows.isEmpty() ? -1 : rows.get(rows.size() - 1)[0];
            if (row[0] != Math.rint(row[0]) || row[0] <= previous) {
                throw new RunLogException(file, where + ", column '" + index + "'",
                        "must be an integer greater than the previous row's, got " + cells[0]);
            }
            rows.add(row);
        }
        return new Table(file, columns, rows);
    }

    public boolean has(String column) {
        return columns.contains(column);
    }

    /** The column's values in row order; an unknown column is an error naming it and the file. */
    public double[] column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) {
            throw new RunLogException(source, "", "unknown column '" + name + "' (columns: " + String.join(",", columns) + ")");
        }
        double[] values = new double[rows.size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = rows.get(r)[c];
        }
        return values;
    }

    /** The row whose index column equals {@code index}, or -1. */
    public int rowOf(long index) {
        int lo = 0;
        int hi = rows.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            double v = rows.get(mid)[0];
            if (v < index) {
                lo = mid + 1;
            } else if (v > index) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** The last index value (epoch or step), or -1 for a table without rows. */
    public long lastIndex() {
        return rows.isEmpty() ? -1 : (long) rows.get(rows.size() - 1)[0];
    }
}
