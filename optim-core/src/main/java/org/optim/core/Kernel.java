package org.optim.core;

/**
 * Which implementation of an optimizer's update runs. Both give the same bits: the fast kernel
 * performs the same IEEE operations in the same order per element, only several elements at once.
 */
public enum Kernel {
    /**
     * The vectorized float32 kernel ({@code jdk.incubator.vector}) when the parameters are float32 and
     * the module is present ({@code --add-modules jdk.incubator.vector}); the reference otherwise.
     */
    FAST,
    /** The scalar code written against {@link DType}, one element at a time: the reference. */
    REFERENCE;

    private static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Whether this choice runs the vectorized kernel for parameters of {@code dtype}. */
    public boolean vectorized(DType dtype) {
        return this == FAST && dtype == DType.FLOAT32 && VECTOR_API;
    }
}
