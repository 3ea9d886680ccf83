package org.optim.report.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A table the report writes next to its page (RFC 4180, "\n" line ends, UTF-8).
 *
 * @param path   relative to the report folder, e.g. {@code tables/table-ii.csv}
 * @param header column names
 * @param rows   cells as text
 */
public record CsvFile(String path, List<String> header, List<List<String>> rows) {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").build();

    public CsvFile {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
    }

    /** The file's content. */
    public String text() {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(header);
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Collects rows, then builds the file. */
    public static final class Builder {
        private final String path;
        private final List<String> header;
        private final List<List<String>> rows = new ArrayList<>();

        public Builder(String path, String... header) {
            this.path = path;
            this.header = List.of(header);
        }

        public Builder row(String... cells) {
            if (cells.length != header.size()) {
                throw new IllegalArgumentException(path + ": row has " + cells.length + " cells, header " + header.size());
            }
            rows.add(List.of(cells));
            return this;
        }

        public CsvFile build() {
            return new CsvFile(path, header, rows);
        }
    }
}
