package org.optim.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict reader of one JSON object: typed accessors that name the JSON pointer on error, and a
 * final {@link #finish()} that rejects every field nobody asked for (so a typo is an error, not a
 * silently ignored setting).
 */
public final class ConfigReader {
    private final JsonNode node;
    private final String pointer;
    private final Set<String> read = new HashSet<>();

    /** Reads {@code node}, which sits at {@code pointer} in its document. */
    public ConfigReader(JsonNode node, String pointer) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(pointer, "expected an object, got " + describe(node));
        }
        this.node = node;
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }

    /** The pointer of a field of this object. */
    public String pointer(String field) {
        return pointer + "/" + field.replace("~", "~0").replace("/", "~1");
    }

    public boolean has(String field) {
        return node.has(field);
    }

    /** A required number. */
    public double number(String field) {
        JsonNode v = require(field);
        if (!v.isNumber()) {
            throw new ConfigException(pointer(field), "expected a number, got " + describe(v));
        }
        return v.doubleValue();
    }

    /** An optional number; {@code fallback} when absent. */
    public double number(String field, double fallback) {
        return node.has(field) ? number(field) : markDefault(field, fallback);
    }

    /** A required integer. */
    public long integer(String field) {
        JsonNode v = require(field);
        if (!v.isIntegralNumber() && !(v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue())
                && Math.abs(v.doubleValue()) < 0x1p53)) {
            throw new ConfigException(pointer(field), "expected an integer, got " + describe(v));
        }
        return v.longValue();
    }

    /** An optional integer; {@code fallback} when absent. */
    public long integer(String field, long fallback) {
        if (node.has(field)) {
            return integer(field);
        }
        read.add(field);
        return fallback;
    }

    /** A required boolean. */
    public boolean bool(String field) {
        JsonNode v = require(field);
        if (!v.isBoolean()) {
            throw new ConfigException(pointer(field), "expected true or false, got " + describe(v));
        }
        return v.booleanValue();
    }

    /** An optional boolean; {@code fallback} when absent. */
    public boolean bool(String field, boolean fallback) {
        if (node.has(field)) {
            return bool(field);
        }
        read.add(field);
        return fallback;
    }

    /** A required string. */
    public String string(String field) {
        JsonNode v = require(field);
        if (!v.isTextual()) {
            throw new ConfigException(pointer(field), "expected a string, got " + describe(v));
        }
        return v.textValue();
    }

    /** An optional string; {@code fallback} when absent. */
    public String string(String field, String fallback) {
        if (node.has(field)) {
            return string(field);
        }
        read.add(field);
        return fallback;
    }

    /** A required field of any JSON type, marked as read. */
    public JsonNode raw(String field) {
        return require(field);
    }

    /** An optional field of any JSON type ({@code null} when absent), marked as read. */
    public JsonNode rawOrNull(String field) {
        read.add(field);
        return node.get(field);
    }

    /** A required nested object. */
    public ConfigReader object(String field) {
        return new ConfigReader(require(field), pointer(field));
    }

    /** Fails on the first field (in sorted order) that was never read. */
    public void finish() {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!read.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            String f = unknown.iterator().next();
            List<String> known = new ArrayList<>(new TreeSet<>(read));
            throw new ConfigException(pointer(f), "unknown field \"" + f + "\"; allowed fields: " + String.join(", ", known));
        }
    }

    private double markDefault(String field, double fallback) {
        read.add(field);
        return fallback;
    }

    private JsonNode require(String field) {
        read.add(field);
        JsonNode v = node.get(field);
        if (v == null || v.isMissingNode()) {
            throw new ConfigException(pointer(field), "required field \"" + field + "\" is missing");
        }
        return v;
    }

    /** A short description of a JSON value for error messages. */
    public static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isNull()) {
            return "null";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isTextual()) {
            return "the string \"" + v.textValue() + "\"";
        }
        if (v.isBoolean()) {
            return "the boolean " + v.booleanValue();
        }
        return "the number " + v.asText();
    }
}
