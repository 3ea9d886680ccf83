package org.optim.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.optim.core.DType;
import org.optim.core.Tensor;
import org.optim.nn.kernel.Kernels;
import org.optim.nn.kernel.Layout;

/**
 * One matrix product of the paper's MLP per call, on the Vector API kernels with 1 or 2 threads:
 * the forward product of a training batch ({@code NT 128x784x784}: X W^T), the backward ones
 * ({@code NN 128x784x784}: dZ W, {@code TN 784x784x128}: dZ^T X) and the evaluation of the test
 * set ({@code NT 10000x784x784}). Shape strings are {@code LAYOUT:MxNxK}; flops = 2 M N K.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector",
        "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED", "-XX:+UseParallelGC"})
public class GemmBenchmark {
    @Param({"NT:128x784x784", "NN:128x784x784", "TN:784x784x128", "NT:10000x784x784"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private Kernels kernels;
    private Layout layout;
    private int m;
    private int n;
    private int k;
    private Tensor a;
    private Tensor b;
    private Tensor c;

    /** The shape's layout and dimensions: {@code [layout ordinal, m, n, k]}. */
    static int[] parse(String shape) {
        String[] parts = shape.split(":");
        String[] dims = parts[1].split("x");
        return new int[] {Layout.valueOf(parts[0]).ordinal(), Integer.parseInt(dims[0]), Integer.parseInt(dims[1]),
            Integer.parseInt(dims[2])};
    }

    private static Tensor random(int size, SplittableRandom r) {
        Tensor t = Tensor.zeros(DType.FLOAT32, size);
        for (int i = 0; i < size; i++) {
            t.set(i, r.nextDouble(-1, 1));
        }
        return t;
    }

    @Setup
    public void setUp() {
        int[] p = parse(shape);
        layout = Layout.values()[p[0]];
        m = p[1];
        n = p[2];
        k = p[3];
        SplittableRandom r = new SplittableRandom(1);
        a = random(m * k, r);
        b = random(k * n, r);
        c = Tensor.zeros(DType.FLOAT32, m * n);
        kernels = Kernels.vector(threads);
    }

    @TearDown
    public void tearDown() {
        kernels.close();
    }

    @Benchmark
    public void gemm(Blackhole bh) {
        kernels.gemm(layout, m, n, k, a, b, c);
        bh.consume(c);
    }
}
