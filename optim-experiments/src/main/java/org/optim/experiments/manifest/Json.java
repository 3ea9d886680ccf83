package org.optim.experiments.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The one JSON configuration of the project: strict reading (duplicate keys, trailing tokens, NaN
 * and comments are errors) and canonical writing (sorted keys, two-space indent, numbers in their
 * shortest round-trip form whatever the JDK).
 */
public final class Json {
    /** Strict reader: what a manifest or a run log is read with. */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    /** Writer of run logs: keys in the order given, Schubfach doubles (the JDK 19+ algorithm, on every JDK). */
    private static final ObjectMapper WRITER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build();

    private Json() {
    }

    /** Parses {@code bytes}; a syntax error is a {@link JsonProcessingException} with a location. */
    public static JsonNode parse(byte[] bytes) throws JsonProcessingException {
        try {
            return STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code node} with every object's keys sorted, recursively (a copy). */
    public static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                keys.add(it.next());
            }
            keys.sort(null);
            ObjectNode out = STRICT.createObjectNode();
            for (String k : keys) {
                out.set(k, sorted(node.get(k)));
            }
            return out;
        }
        if (node.isArray()) {
            var out = STRICT.createArrayNode();
            for (JsonNode e : node) {
                out.add(sorted(e));
            }
            return out;
        }
        return node;
    }

    /** Canonical text: sorted keys, two-space indent, LF line ends, trailing newline. */
    public static String canonical(JsonNode node) {
        return write(sorted(node));
    }

    /** {@code node} as indented text with keys in their given order, LF line ends, trailing newline. */
    public static String write(JsonNode node) {
        try {
            return WRITER.writer(new com.fasterxml.jackson.core.util.DefaultPrettyPrinter(
                            com.fasterxml.jackson.core.util.Separators.createDefaultInstance().withObjectFieldValueSpacing(
                                    com.fasterxml.jackson.core.util.Separators.Spacing.AFTER))
                            .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("  ", "\n")))
                    .writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /** Canonical bytes (UTF-8), what content hashes are taken of. */
    public static byte[] canonicalBytes(JsonNode node) {
        return canonical(node).getBytes(StandardCharsets.UTF_8);
    }

    /** The shortest decimal that parses back to {@code v} (Schubfach; equal to JDK 19+'s Double.toString). */
    public static String number(double v) {
        return DoubleToDecimal.toString(v);
    }
}
