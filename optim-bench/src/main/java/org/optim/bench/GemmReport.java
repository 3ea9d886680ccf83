package org.optim.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.optim.nn.kernel.FmaPeak;

/**
 * Runs {@link PeakBenchmark} on 1 and 2 threads and {@link GemmBenchmark} at every shape, and prints
 * each product's GFLOP/s and its fraction of the peak measured on the same machine in the same run.
 * Arguments are passed to JMH's options parser (e.g. {@code -wi 2 -i 3} for a shorter run).
 */
public final class GemmReport {
    private GemmReport() {
    }

    public static void main(String[] args) throws RunnerException, org.openjdk.jmh.runner.options.CommandLineOptionException {
        org.openjdk.jmh.runner.options.CommandLineOptions cli = new org.openjdk.jmh.runner.options.CommandLineOptions(args);
        double[] peak = new double[3];
        for (int t = 1; t <= 2; t++) {
            // At least PeakBenchmark.WARMUP warm-up iterations whatever the arguments: the FMA loop ran
            // at two thirds of its speed for its first 2-3 seconds, which made the peak look lower.
            int warmup = Math.max(PeakBenchmark.WARMUP, cli.getWarmupIterations().orElse(0));
            Options o = new OptionsBuilder().parent(cli).include(PeakBenchmark.class.getName()).threads(t)
                    .warmupIterations(warmup).build();
            RunResult r = new Runner(o).runSingle();
            peak[t] = r.getPrimaryResult().getScore() * PeakBenchmark.ROUNDS * FmaPeak.flopsPerRound() / 1e9;
        }
        Options o = new OptionsBuilder().parent(cli).include(GemmBenchmark.class.getName()).build();
        Collection<RunResult> results = new Runner(o).run();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "FP32 FMA peak: %.1f GFLOP/s on 1 thread, %.1f on 2 (%d-lane vectors)%n",
                peak[1], peak[2], FmaPeak.lanes()));
        out.append(String.format(Locale.ROOT, "%-20s %8s %12s %10s %14s%n", "product", "threads", "us/call", "GFLOP/s",
                "of peak"));
        for (RunResult r : results) {
            String shape = r.getParams().getParam("shape");
            int threads = Integer.parseInt(r.getParams().getParam("threads"));
            int[] p = GemmBenchmark.parse(shape);
            double micros = r.getPrimaryResult().getScore();
            double gflops = 2.0 * p[1] * p[2] * p[3] / (micros * 1e3);
            out.append(String.format(Locale.ROOT, "%-20s %8d %12.1f %10.1f %13.1f%%%n", shape, threads, micros, gflops,
                    100 * gflops / peak[threads]));
        }
        System.out.print(out);
    }
}
