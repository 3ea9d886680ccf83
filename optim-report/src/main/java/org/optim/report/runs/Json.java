package org.optim.report.runs;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Strict reading of the run logs' JSON files; every error names the file and the JSON pointer. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** The file's text, exactly as stored (the report shows manifests verbatim). */
    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Parses {@code text} (read from {@code file}); the root must be an object. */
    public static JsonNode parse(Path file, String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new RunLogException(file, where, "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isObject()) {
            throw new RunLogException(file, "", "expected a JSON object");
        }
        return root;
    }

    /** The member at {@code pointer}, which must exist and not be null. */
    public static JsonNode required(Path file, JsonNode root, String pointer) {
        JsonNode node = root.at(pointer);
        if (node.isMissingNode() || node.isNull()) {
            throw new RunLogException(file, pointer, "missing");
        }
        return node;
    }

    public static String string(Path file, JsonNode root, String pointer) {
        JsonNode node = required(file, root, pointer);
        if (!node.isTextual()) {
            throw new RunLogException(file, pointer, "expected a string, got " + node);
        }
        return node.textValue();
    }

    public static int integer(Path file, JsonNode root, String pointer) {
        JsonNode node = required(file, root, pointer);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new RunLogException(file, pointer, "expected an integer, got " + node);
        }
        return node.intValue();
    }

    public static double number(Path file, JsonNode root, String pointer) {
        JsonNode node = required(file, root, pointer);
        if (!node.isNumber()) {
            throw new RunLogException(file, pointer, "expected a number, got " + node);
        }
        return node.doubleValue();
    }

    /** The array at {@code pointer}, which must exist. */
    public static JsonNode array(Path file, JsonNode root, String pointer) {
        JsonNode node = required(file, root, pointer);
        if (!node.isArray()) {
            throw new RunLogException(file, pointer, "expected an array, got " + node.getNodeType());
        }
        return node;
    }
}
