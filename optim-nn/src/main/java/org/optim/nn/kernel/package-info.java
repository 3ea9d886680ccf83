/**
 * The matrix products and element-wise passes of a dense network, on the {@code
 * jdk.incubator.vector} API ({@link org.optim.nn.kernel.Kernels#vector}) with a scalar {@code
 * Math.fma} fallback ({@link org.optim.nn.kernel.Kernels#scalar}) that gives the same bits.
 *
 * <p>Products: packed A' blocks of 8 rows and B' panels of two vectors of columns (from a cache
 * line, see {@link org.optim.nn.kernel.CacheLine}), an 8 x 2-vector register tile of FMAs, k in
 * passes of at most 1024, and a fixed team
 * of threads that splits the output by column panels (or row blocks), never summing another
 * thread's partial results. Every output element is one FMA chain over k in increasing order from
 * +0. {@link org.optim.nn.kernel.FmaPeak} measures the machine's FP32 FMA peak, against which the
 * JMH module {@code optim-bench} reports the products' speed.
 *
 * <p>The incubator module must be added to every JVM that uses the vector path ({@code
 * --add-modules jdk.incubator.vector}: {@code bin/optim}, surefire's argLine, JMH's forks); without
 * it {@link org.optim.nn.kernel.Kernels#create} returns the scalar kernels. The same launches export
 * {@code java.base/jdk.internal.misc} to read where arrays start; without it the products run
 * 12-15% slower on the Intel Xeon of the notes, with the same bits. Never run these loops
 * under C1 only ({@code -XX:TieredStopAtLevel=1}): Vector API code is then hundreds of times slower.
 */
package org.optim.nn.kernel;
