package org.optim.experiments.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.optim.core.DType;
import org.optim.core.config.ConfigException;
import org.optim.core.config.ConfigReader;

/** Strict readers for the arrays and numbers of a reference file; errors name the JSON pointer. */
final class CaseJson {
    private CaseJson() {
    }

    /** The pointer of element {@code index} of the array at {@code pointer}. */
    static String at(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** A finite JSON number, rounded to {@code dtype}. */
    static double number(JsonNode node, String pointer, DType dtype) {
        if (node == null || !node.isNumber()) {
            throw new ConfigException(pointer, "expected a number, got " + ConfigReader.describe(node));
        }
        double v = dtype.round(node.doubleValue());
        if (!Double.isFinite(v)) {
            throw new ConfigException(pointer, "number out of " + dtype.label() + " range: " + node.asText());
        }
        return v;
    }

    /** A JSON integer in {@code [min, max]} ({@code 3.0} counts as 3). */
    static int integer(JsonNode node, String pointer, int min, int max) {
        double v = node != null && node.isNumber() ? node.doubleValue() : Double.NaN;
        if (!(v == Math.rint(v) && v >= min && v <= max)) {
            throw new ConfigException(pointer, "expected an integer in [" + min + ", " + max + "], got "
                    + ConfigReader.describe(node));
        }
        return (int) v;
    }

    /** A JSON array, of exactly {@code length} elements when {@code length >= 0}. */
    static JsonNode array(JsonNode node, String pointer, int length) {
        if (node == null || !node.isArray()) {
            throw new ConfigException(pointer, "expected an array, got " + ConfigReader.describe(node));
        }
        if (length >= 0 && node.size() != length) {
            throw new ConfigException(pointer, "expected an array of " + length + " elements, got " + node.size());
        }
        return node;
    }

    /** A flat array of exactly {@code length} finite numbers, rounded to {@code dtype}. */
    static double[] numbers(JsonNode node, String pointer, int length, DType dtype) {
        array(node, pointer, length);
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(node.get(i), at(pointer, i), dtype);
        }
        return out;
    }

    /** One flat array per parameter, in parameter order, each of that parameter's size. */
    static List<double[]> perParameter(JsonNode node, String pointer, List<InitialParameter> parameters,
                                       DType dtype) {
        array(node, pointer, parameters.size());
        List<double[]> out = new ArrayList<>(parameters.size());
        for (int k = 0; k < parameters.size(); k++) {
            out.add(numbers(node.get(k), at(pointer, k), parameters.get(k).numel(), dtype));
        }
        return out;
    }
}
