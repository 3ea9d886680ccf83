package org.optim.experiments.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.Optimizer;
import org.optim.core.OptimizerState;
import org.optim.core.ParameterSet;
import org.optim.core.StepReport;
import org.optim.core.Tensor;
import org.optim.experiments.landscape.LandscapeSubject;
import org.optim.experiments.landscape.MlpObjective;
import org.optim.experiments.manifest.Classification;
import org.optim.experiments.run.DiagnosticsMean;
import org.optim.experiments.run.MetricsRow;
import org.optim.experiments.run.Session;
import org.optim.experiments.run.SplitMix64;
import org.optim.experiments.run.StateIO;
import org.optim.nn.Activation;
import org.optim.nn.Evaluation;
import org.optim.nn.Initializer;
import org.optim.nn.LayerSpec;
import org.optim.nn.ModelSpec;
import org.optim.nn.Norms;
import org.optim.nn.Rows;
import org.optim.nn.Sequential;
import org.optim.nn.kernel.Kernels;

/**
 * One classification run: an MLP ({@code optim-nn}) trained by mini-batches on a partition of
 * MNIST or Fashion-MNIST and evaluated on the others after every epoch.
 *
 * <pre>
 * init:     model.initialize(init, seed of SplitMix64.forPurpose(seed, "init"))
 * epoch e:  order = 0..n-1, shuffled by SplitMix64.forPurpose(seed, "shuffle") (Fisher-Yates, state kept
 *           across epochs); batches of `size` rows in that order; the last partial batch kept or dropped
 *           step:   loss_b = optimizer.step(params, state, oracle of batch b)   (SAM calls the oracle twice)
 *           train_loss = sum_b rows_b loss_b / sum_b rows_b;  train_accuracy likewise (Keras's epoch means)
 *           val/test: full evaluation passes;  grad_norm: the last step's gradient;  param_norm: after the epoch
 * epoch 0:  train/val/test metrics from full evaluation passes before any step
 * </pre>
 * Nothing is allocated per step: the batch buffers and both oracles (full and partial batch) are
 * made once.
 */
public final class ClassificationSession implements Session, LandscapeSubject {
    private final Classification task;
    private final List<String> metrics;
    private final Optimizer optimizer;
    private final Kernels kernels;
    private final Sequential model;
    private final Part train;
    private final Part validation;
    private final Part test;
    private final int[] order;
    private final Tensor batchInputs;
    private final int[] batchLabels;
    private final GradientOracle fullBatch;
    private final GradientOracle partialBatch;
    private final int batches;
    private final int partialRows;
    private final long seed;
    private final SplitMix64 shuffle;
    private final DiagnosticsMean diagnostics = new DiagnosticsMean();
    private OptimizerState state;
    private long step;
    private double lastFiniteLoss = Double.NaN;

    /** Images ([rows, features] row-major) and labels of one partition as the model reads them. */
    public record Part(Tensor images, int[] labels, int rows) {
    }

    public ClassificationSession(Classification task, List<String> metrics, Optimizer optimizer, long seed, int threads,
            Part train, Part validation, Part test) {
        this.task = task;
        this.metrics = metrics;
        this.optimizer = optimizer;
        this.seed = seed;
        this.train = train;
        this.validation = validation;
        this.test = test;
        DType dtype = "float64".equals(task.model().dtype()) ? DType.FLOAT64 : DType.FLOAT32;
        this.kernels = Kernels.create(threads);
        this.model = new Sequential(modelSpec(task), dtype, kernels);
        int size = task.batch().size();
        int n = train.rows();
        this.order = new int[n];
        this.batchInputs = Tensor.zeros(dtype, size, train.images().size() / Math.max(1, n));
        this.batchLabels = new int[size];
        int full = n / size;
        int rest = n % size;
        boolean keep = "keep".equals(task.batch().partial());
        this.batches = full + (keep && rest > 0 ? 1 : 0);
        this.partialRows = keep && rest > 0 ? rest : size;
        this.fullBatch = model.oracle(batchInputs, batchLabels, size);
        this.partialBatch = model.oracle(batchInputs, batchLabels, partialRows);
        this.shuffle = SplitMix64.forPurpose(seed, "shuffle");
    }

    static ModelSpec modelSpec(Classification task) {
        List<LayerSpec> layers = task.model().layers().stream()
                .map(l -> LayerSpec.dense(l.units(), "relu".equals(l.activation()) ? Activation.RELU : Activation.LINEAR))
                .toList();
        return new ModelSpec(784, layers);
    }

    @Override
    public MetricsRow begin() {
        Initializer init = "pytorch-default".equals(task.model().init()) ? Initializer.PYTORCH : Initializer.KERAS;
        model.initialize(init, SplitMix64.forPurpose(seed, "init").nextLong());
        state = optimizer.init(model.parameters());
        step = 0;
        Map<String, Double> row = new LinkedHashMap<>();
        Evaluation e = evaluate(train);
        row.put("train_loss", e.loss());
        row.put("train_accuracy", e.accuracy());
        evaluateHeldOut(row);
        row.put("param_norm", Norms.parameterNorm(kernels, model.parameters()));
        return filter(new MetricsRow(0, 0, row));
    }

    @Override
    public EpochOutcome train(int epoch) {
        int size = task.batch().size();
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (task.batch().shuffle()) {
            shuffle.shuffle(order);
        }
        double lossSum = 0;
        double correctSum = 0;
        long rows = 0;
        for (int b = 0; b < batches; b++) {
            int count = b * size + size <= order.length ? size : partialRows;
            Rows.gather(train.images(), train.labels(), batchInputs.size() / size, order, b * size, count, batchInputs,
                    batchLabels);
            step++;
            StepReport report = optimizer.step(model.parameters(), state, count == size ? fullBatch : partialBatch);
            if (!Double.isFinite(report.loss())) {
                return EpochOutcome.diverged(new Divergence(epoch, step, lastFiniteLoss));
            }
            lastFiniteLoss = report.loss();
            lossSum += report.loss() * count;
            correctSum += model.lastCorrect();
            rows += count;
            diagnostics.add(report.diagnostics());
        }
        Map<String, Double> row = new LinkedHashMap<>();
        row.put("train_loss", lossSum / rows);
        row.put("train_accuracy", correctSum / rows);
        evaluateHeldOut(row);
        row.put("grad_norm", Norms.gradientNorm(kernels, model.parameters()));
        row.put("param_norm", Norms.parameterNorm(kernels, model.parameters()));
        diagnostics.drainInto(row);
        for (double v : row.values()) {
            if (!Double.isFinite(v)) {
                return EpochOutcome.diverged(new Divergence(epoch, step, lastFiniteLoss));
            }
        }
        return EpochOutcome.of(filter(new MetricsRow(epoch, step, row)));
    }

    private void evaluateHeldOut(Map<String, Double> row) {
        if (validation != null) {
            Evaluation v = evaluate(validation);
            row.put("val_loss", v.loss());
            row.put("val_accuracy", v.accuracy());
        }
        if (test != null) {
            Evaluation t = evaluate(test);
            row.put("test_loss", t.loss());
            row.put("test_accuracy", t.accuracy());
        }
    }

    private Evaluation evaluate(Part p) {
        return model.evaluate(p.images(), p.labels(), p.rows(), task.evaluation().batchSize());
    }

    private MetricsRow filter(MetricsRow row) {
        Map<String, Double> kept = new LinkedHashMap<>(row.values());
        List<String> own = task.availableMetrics();
        kept.keySet().removeIf(k -> own.contains(k) ? !metrics.contains(k) : !metrics.contains(DIAGNOSTICS_COLUMN));
        return new MetricsRow(row.epoch(), row.step(), kept);
    }

    private static final String DIAGNOSTICS_COLUMN = org.optim.experiments.manifest.Task.DIAGNOSTICS;

    /** The live weights, for the landscape step (issue 9). */
    @Override
    public ParameterSet parameters() {
        return model.parameters();
    }

    /** The first {@code n} training examples through this run's model and kernels, for the landscape step. */
    @Override
    public Objective trainingSubset(int n) {
        return MlpObjective.of(model, train.images(), train.labels(), n, task.evaluation().batchSize());
    }


    @Override
    public void save(DataOutputStream out) throws IOException {
        out.writeLong(step);
        out.writeDouble(lastFiniteLoss);
        out.writeLong(shuffle.state());
        StateIO.writeParameters(model.parameters(), out);
        state.writeTo(out);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        step = in.readLong();
        lastFiniteLoss = in.readDouble();
        shuffle.setState(in.readLong());
        StateIO.readParameters(model.parameters(), in);
        state = OptimizerState.readFrom(in);
    }

    @Override
    public void close() {
        kernels.close();
    }
}
