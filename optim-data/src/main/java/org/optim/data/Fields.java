package org.optim.data;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Strict access to a JSON-like object (a {@code Map} of strings, numbers, booleans and maps, as
 * Jackson's {@code convertValue(node, Map.class)} gives). Errors are IllegalArgumentExceptions whose
 * message starts with the JSON pointer of the field, e.g. {@code /data/split/validation/size: ...}.
 */
final class Fields {
    private final Map<String, ?> map;
    private final String pointer;

    Fields(Object value, String pointer, String... allowed) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(at(pointer) + ": expected an object, got " + kind(value));
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) m;
        Set<String> known = Set.of(allowed);
        for (String key : new TreeSet<>(typed.keySet())) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(pointer + "/" + key + ": unknown field, expected one of "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
        this.map = typed;
        this.pointer = pointer;
    }

    boolean has(String key) {
        return map.containsKey(key) && map.get(key) != null;
    }

    Object get(String key) {
        return map.get(key);
    }

    String pointer(String key) {
        return pointer + "/" + key;
    }

    String string(String key, String fallback, String... choices) {
        if (!has(key)) {
            if (fallback == null) {
                throw new IllegalArgumentException(pointer(key) + ": missing, expected one of " + String.join(", ", choices));
            }
            return fallback;
        }
        Object v = map.get(key);
        if (!(v instanceof String s) || !Set.of(choices).contains(s)) {
            throw new IllegalArgumentException(pointer(key) + ": expected one of " + String.join(", ", choices)
                    + ", got " + describe(v));
        }
        return s;
    }

    boolean bool(String key, boolean fallback) {
        if (!has(key)) {
            return fallback;
        }
        if (!(map.get(key) instanceof Boolean b)) {
            throw new IllegalArgumentException(pointer(key) + ": expected true or false, got " + describe(map.get(key)));
        }
        return b;
    }

    double number(String key) {
        if (!(map.get(key) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(pointer(key) + ": expected a finite number, got " + describe(map.get(key)));
        }
        return n.doubleValue();
    }

    long integer(String key, long min, long max) {
        Object v = map.get(key);
        long x;
        try {
            if (!(v instanceof Number n)) {
                throw new ArithmeticException();
            }
            x = new BigDecimal(n.toString()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException(pointer(key) + ": expected an integer, got " + describe(v), e);
        }
        if (x < min || x > max) {
            throw new IllegalArgumentException(pointer(key) + ": must be in [" + min + ", " + max + "], got " + x);
        }
        return x;
    }

    private static String at(String pointer) {
        return pointer.isEmpty() ? "/" : pointer;
    }

    private static String describe(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : v == null ? "nothing" : v.toString();
    }

    private static String kind(Object v) {
        return v == null ? "nothing" : v instanceof String ? "a string" : v instanceof Number ? "a number"
                : v instanceof Boolean ? "a boolean" : "a list";
    }
}
