package org.optim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.optim.core.DType;
import org.optim.core.Optimizer;
import org.optim.core.OptimizerState;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;
import org.optim.core.optim.OptimizerRegistry;
import org.optim.data.DataOptions;
import org.optim.data.Dataset;
import org.optim.data.Datasets;
import org.optim.nn.Evaluation;
import org.optim.nn.Initializer;
import org.optim.nn.ModelSpec;
import org.optim.nn.Rows;
import org.optim.nn.Sequential;
import org.optim.nn.kernel.Kernels;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code optim bench}: trains the paper's MLP (784-784 relu-10, float32, PyTorch initialization,
 * batch 128, lr 1e-3, shuffled each epoch, last partial batch kept) on MNIST and prints one JSON
 * object with the wall-clock time of every epoch, their median, the time to evaluate the 10,000
 * test images (the first evaluation, of the initial model as at the runner's epoch 0, and the
 * median of twenty evaluations of the trained model) and the process's peak resident memory.
 * Speed only means something next to a peer measured in the same run:
 * {@code scripts/bench-vs-pytorch.sh}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time training epochs of the paper's MLP on MNIST; prints one JSON object.")
final class BenchCommand implements Callable<Integer> {
    private static final int BATCH = 128;
    /**
     * Rows per evaluation chunk: the whole test set in one product per layer (AMD Zen 5, 2 threads:
     * 41.3-42.0 ms against 44.4-45.1 in chunks of 1024, which copy each chunk's rows and meet the
     * team twice per chunk; peak RSS stays near 0.5 GiB).
     */
    private static final int EVAL_CHUNK = 10_000;
    /**
     * Timed evaluations of the trained model. The first ones after training still run code that C2
     * is recompiling (the training step pruned the evaluation's branches from shared methods):
     * 33-48 ms against 25-31 from the fifth on (AMD Zen 5, 2 threads, session 8); after five SAM
     * epochs, 50-68 ms for the first eight (session 15). The median of twenty is the steady cost.
     */
    private static final int EVALS = 20;
    private static final List<String> OPTIMIZERS = List.of("adam", "sam", "adamp", "expectigrad");

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "adam",
            description = "adam, sam (SAM over Adam, rho 0.05), adamp or expectigrad; lr 1e-3 (default: ${DEFAULT-VALUE})")
    String optimizer;

    /**
     * Five, so that the median is an epoch past the warm-up: epoch 1 compiles the kernels (1.5-2.0 s
     * against 0.7-0.9 for Adam on AMD Zen 5), and on CPUs slow on subnormal floats, where Adam sets
     * decaying first moments aside, epoch 2 meets the first of them on loops C2 has not compiled yet
     * (about 0.3 s more, measured on Zen 5 with the set-aside forced).
     */
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "5", description = "epochs to time (default: ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--threads", paramLabel = "N", description = "kernel threads (default: available processors)")
    Integer threads;

    @Option(names = "--kernel", paramLabel = "KIND", defaultValue = "vector",
            description = "vector (jdk.incubator.vector) or scalar (the Math.fma fallback) (default: ${DEFAULT-VALUE})")
    String kernel;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "initialization and shuffling seed")
    long seed;

    private static Optimizer optimizer(String name) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode adam = json.createObjectNode().put("name", "adam");
        adam.putObject("hyperparameters").put("lr", 1e-3);
        ObjectNode node = switch (name) {
            case "adam" -> adam;
            case "sam" -> {
                ObjectNode sam = json.createObjectNode().put("name", "sam");
                sam.putObject("hyperparameters").put("rho", 0.05);
                sam.set("base", adam);
                yield sam;
            }
            default -> {
                ObjectNode o = json.createObjectNode().put("name", name);
                o.putObject("hyperparameters").put("lr", 1e-3);
                yield o;
            }
        };
        return OptimizerRegistry.fromJson(node, "");
    }

    @Override
    public Integer call() throws IOException {
        if (!OPTIMIZERS.contains(optimizer)) {
            throw new InputError("--optimizer must be one of " + String.join(", ", OPTIMIZERS) + ", got " + optimizer);
        }
        if (epochs < 1) {
            throw new InputError("--epochs must be >= 1, got " + epochs);
        }
        int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (n < 1) {
            throw new InputError("--threads must be >= 1, got " + n);
        }
        if (!kernel.equals("vector") && !kernel.equals("scalar")) {
            throw new InputError("--kernel must be vector or scalar, got " + kernel);
        }
        Dataset mnist = Datasets.load("mnist", DataOptions.DEFAULT);
        Dataset.Part train = mnist.train();
        Dataset.Part test = mnist.test();
        int width = train.features();
        Tensor testX = Tensor.zeros(DType.FLOAT32, test.size(), width);
        Rows.gather(test.images(), test.labels(), width, identity(test.size()), 0, test.size(), (Tensor.F32) testX,
                new int[test.size()]);

        try (Kernels kernels = kernel.equals("scalar") ? Kernels.scalar() : Kernels.vector(n)) {
            Sequential model = new Sequential(ModelSpec.mlp(width, width, mnist.classes()), DType.FLOAT32, kernels);
            model.initialize(Initializer.PYTORCH, seed);
            ParameterSet ps = model.parameters();
            Optimizer opt = optimizer(optimizer);
            OptimizerState state = opt.init(ps);
            Tensor.F32 bx = (Tensor.F32) Tensor.zeros(DType.FLOAT32, BATCH, width);
            int[] by = new int[BATCH];
            int[] order = identity(train.size());
            SplittableRandom shuffle = new SplittableRandom(seed);
            double[] seconds = new double[epochs];
            double lastLoss = Double.NaN;
            // The initial model is evaluated first, as the runner evaluates it at epoch 0; this first
            // evaluation also compiles the evaluation's code paths, and is reported apart.
            double[] evalSeconds = new double[EVALS + 1];
            Evaluation eval = timedEvaluation(model, testX, test, evalSeconds, 0);
            for (int e = 0; e < epochs; e++) {
                long start = System.nanoTime();
                shuffle(order, shuffle);
                for (int from = 0; from < order.length; from += BATCH) {
                    int rows = Math.min(BATCH, order.length - from);
                    Rows.gather(train.images(), train.labels(), width, order, from, rows, bx, by);
                    lastLoss = opt.step(ps, state, model.oracle(bx, by, rows)).loss();
                }
                seconds[e] = (System.nanoTime() - start) / 1e9;
            }
            // The trained model: the steady cost is the median of the evaluations.
            for (int i = 1; i < evalSeconds.length; i++) {
                eval = timedEvaluation(model, testX, test, evalSeconds, i);
            }

            ObjectMapper json = new ObjectMapper();
            ObjectNode out = json.createObjectNode();
            out.put("side", "optim");
            out.put("optimizer", optimizer);
            out.put("threads", kernels.threads());
            out.put("kernel", kernels.describe());
            out.put("epochs", epochs);
            out.put("batch", BATCH);
            ArrayNode list = out.putArray("secondsPerEpoch");
            for (double s : seconds) {
                list.add(s);
            }
            out.put("secondsPerEpochMedian", median(seconds));
            out.put("evalSeconds", median(java.util.Arrays.copyOfRange(evalSeconds, 1, evalSeconds.length)));
            out.put("firstEvalSeconds", evalSeconds[0]);
            ArrayNode evals = out.putArray("evalSecondsEach");
            for (double s : evalSeconds) {
                evals.add(s);
            }
            out.put("evalChunkRows", EVAL_CHUNK);
            out.put("lastTrainLoss", lastLoss);
            out.put("testLoss", eval.loss());
            out.put("testAccuracy", eval.accuracy());
            out.put("peakRssBytes", peakRssBytes());
            out.put("java", System.getProperty("java.version"));
            System.out.println(json.writeValueAsString(out));
        }
        return 0;
    }

    /** Evaluates the test set, its wall-clock seconds into {@code seconds[i]}. */
    private static Evaluation timedEvaluation(Sequential model, Tensor testX, Dataset.Part test, double[] seconds,
                                              int i) {
        long start = System.nanoTime();
        Evaluation eval = model.evaluate(testX, test.labels(), test.size(), EVAL_CHUNK);
        seconds[i] = (System.nanoTime() - start) / 1e9;
        return eval;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }

    /** Fisher-Yates from the end, as {@code Collections.shuffle}. */
    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** The process's peak resident set ({@code VmHWM} of {@code /proc/self/status}), or -1 where there is none. */
    private static long peakRssBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
