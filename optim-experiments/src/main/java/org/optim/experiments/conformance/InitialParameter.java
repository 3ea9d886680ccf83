package org.optim.experiments.conformance;

import org.optim.core.DType;
import org.optim.core.Parameter;
import org.optim.core.Tensor;

/**
 * One entry of a reference file's {@code initial} list (arrays are read-only by convention).
 *
 * @param name  the parameter name ({@code x}, {@code fc1.weight})
 * @param shape the shape, row-major
 * @param data  the starting values, already rounded to the case dtype
 */
public record InitialParameter(String name, int[] shape, double[] data) {
    /** Number of entries. */
    public int numel() {
        return data.length;
    }

    /** A fresh parameter holding the starting values in {@code dtype}, with a zero gradient. */
    public Parameter toParameter(DType dtype) {
        return Parameter.of(name, Tensor.of(dtype, shape, data));
    }
}
