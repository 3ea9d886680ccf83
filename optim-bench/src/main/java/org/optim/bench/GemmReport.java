package org.optim.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.optim.nn.kernel.FmaPeak;

/**
 * Runs {@link GemmBenchmark} at every shape on 1 and 2 threads, each product between two runs of
 * {@link PeakBenchmark} on as many threads, and prints each product's GFLOP/s as a fraction of the
 * mean of the two peaks around it ("of them") and of the highest peak on as many threads in the
 * whole run ("of best"). On a shared machine the speed a process gets moves by 15-20% from minute
 * to minute (AMD EPYC Zen 5, 2 vCPUs: the same product 453-610 us, p25 of 200 calls, within half an
 * hour); the peaks around a product measure the machine in the minutes the product ran, the
 * highest peak the machine at its best. Arguments are passed to JMH's
 * options parser (e.g. {@code -wi 2 -i 3} for a shorter run; {@code -p shape=...} or {@code -p
 * threads=...} for fewer products).
 */
public final class GemmReport {
    private GemmReport() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        CommandLineOptions cli = new CommandLineOptions(args);
        Collection<String> shapes = cli.getParameter("shape").orElse(List.of(declared("shape")));
        Collection<String> threadCounts = cli.getParameter("threads").orElse(List.of(declared("threads")));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "FP32 FMA peak (GFLOP/s, %d-lane vectors) measured before and after each"
                + " product%n", FmaPeak.lanes()));
        out.append(String.format(Locale.ROOT, "%-20s %7s %10s %9s %17s %9s %9s%n", "product", "threads", "us/call",
                "GFLOP/s", "peaks around", "of them", "of best"));
        for (String t : threadCounts) {
            int threads = Integer.parseInt(t);
            List<Row> rows = new ArrayList<>();
            double before = peak(cli, threads);
            double best = before;
            for (String shape : shapes) {
                double micros = gemm(cli, shape, threads);
                double after = peak(cli, threads);
                best = Math.max(best, after);
                rows.add(new Row(shape, threads, micros, before, after));
                before = after;
            }
            for (Row r : rows) {
                out.append(r.format(best));
            }
            out.append(String.format(Locale.ROOT, "best peak on %d thread%s: %.1f GFLOP/s%n", threads,
                    threads == 1 ? "" : "s", best));
        }
        System.out.print(out);
    }

    /** The values of one of GemmBenchmark's {@code @Param} fields. */
    private static String[] declared(String field) {
        try {
            return GemmBenchmark.class.getField(field).getAnnotation(Param.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One product's measurement: its mean time per call and the peaks measured just before and after it. */
    private record Row(String shape, int threads, double micros, double before, double after) {
        /** The row of the report, with {@code bestPeak} the highest peak on as many threads in the run. */
        String format(double bestPeak) {
            int[] p = GemmBenchmark.parse(shape);
            double gflops = 2.0 * p[1] * p[2] * p[3] / (micros * 1e3);
            return String.format(Locale.ROOT, "%-20s %7d %10.1f %9.1f %8.1f %8.1f %8.1f%% %8.1f%%%n", shape, threads,
                    micros, gflops, before, after, 100 * gflops / ((before + after) / 2), 100 * gflops / bestPeak);
        }
    }

    /**
     * The FMA peak on {@code threads} threads, GFLOP/s. At least PeakBenchmark.WARMUP warm-up
     * iterations whatever the arguments: the FMA loop ran at two thirds of its speed for its first
     * 2-3 seconds, which made the peak look lower.
     */
    private static double peak(CommandLineOptions cli, int threads) throws RunnerException {
        int warmup = Math.max(PeakBenchmark.WARMUP, cli.getWarmupIterations().orElse(0));
        Options o = new OptionsBuilder().parent(cli).include(PeakBenchmark.class.getName()).threads(threads)
                .warmupIterations(warmup).build();
        RunResult r = new Runner(o).runSingle();
        return r.getPrimaryResult().getScore() * PeakBenchmark.ROUNDS * FmaPeak.flopsPerRound() / 1e9;
    }

    /** Mean microseconds per call of one product on {@code threads} threads. */
    private static double gemm(CommandLineOptions cli, String shape, int threads) throws RunnerException {
        Options o = new OptionsBuilder().parent(cli).include(GemmBenchmark.class.getName())
                .param("shape", shape).param("threads", Integer.toString(threads)).build();
        return new Runner(o).runSingle().getPrimaryResult().getScore();
    }
}
