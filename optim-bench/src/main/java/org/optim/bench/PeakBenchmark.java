package org.optim.bench;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.optim.nn.kernel.FmaPeak;

/**
 * The machine's float32 FMA peak: each benchmark thread runs {@link #ROUNDS} rounds of 24
 * independent vector FMA chains ({@link FmaPeak#burst}). Throughput x {@link #ROUNDS} x {@link
 * FmaPeak#flopsPerRound()} = flop/s; run with 1 and with 2 JMH threads ({@code -t}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = PeakBenchmark.WARMUP, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PeakBenchmark {
    /** Warm-up iterations (1 s each) before the FMA loop reaches its steady speed. */
    public static final int WARMUP = 6;

    /** Rounds per benchmark call. */
    public static final int ROUNDS = 4096;

    private float[] state;

    @Setup
    public void setUp() {
        state = new float[FmaPeak.stateLength()];
        Arrays.fill(state, 1f);
    }

    @Benchmark
    public void fmaChains(Blackhole bh) {
        FmaPeak.burst(state, ROUNDS);
        bh.consume(state);
    }
}
