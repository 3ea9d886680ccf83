package org.optim.experiments.toy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.optim.core.Optimizer;
import org.optim.core.OptimizerState;
import org.optim.core.ParameterSet;
import org.optim.core.StepReport;
import org.optim.experiments.run.DiagnosticsMean;
import org.optim.experiments.run.MetricsRow;
import org.optim.experiments.run.Session;
import org.optim.experiments.run.StateIO;

/**
 * The step loop shared by the toy problems: an epoch is {@code stepsPerEpoch} optimizer steps, a
 * trajectory row is kept every {@code trajectoryEvery} steps (and at step 0), and a non-finite
 * loss or parameter ends the run as diverged.
 */
abstract class ToySession implements Session {
    protected final ParameterSet params;
    private final Optimizer optimizer;
    private final int stepsPerEpoch;
    private final int trajectoryEvery;
    private final List<String> metrics;
    private final DiagnosticsMean diagnostics = new DiagnosticsMean();
    private final List<double[]> trajectory = new ArrayList<>();
    private OptimizerState state;
    private long step;
    private double lastFiniteLoss = Double.NaN;

    ToySession(ParameterSet params, Optimizer optimizer, int stepsPerEpoch, int trajectoryEvery, List<String> metrics) {
        this.params = params;
        this.optimizer = optimizer;
        this.stepsPerEpoch = stepsPerEpoch;
        this.trajectoryEvery = trajectoryEvery;
        this.metrics = metrics;
    }

    /** Optimizer steps taken so far. */
    protected long stepsTaken() {
        return step;
    }

    /** Puts the problem's metrics at the current parameters (after {@code step} steps) into {@code row}. */
    abstract void measure(Map<String, Double> row);

    /** The trajectory row at the current parameters; its first value is the step. */
    abstract double[] trajectoryRow(long step);

    /** One optimizer step number {@code t} (1-based); returns its report. */
    abstract StepReport step(long t, Optimizer optimizer, OptimizerState state);

    abstract void saveProblem(DataOutputStream out) throws IOException;

    abstract void restoreProblem(DataInputStream in) throws IOException;

    @Override
    public MetricsRow begin() {
        state = optimizer.init(params);
        step = 0;
        trajectory.add(trajectoryRow(0));
        return row(0);
    }

    @Override
    public EpochOutcome train(int epoch) {
        for (int i = 0; i < stepsPerEpoch; i++) {
            step++;
            StepReport report = step(step, optimizer, state);
            if (!Double.isFinite(report.loss()) || !finiteParameters()) {
                return EpochOutcome.diverged(new Divergence(epoch, step, lastFiniteLoss));
            }
            lastFiniteLoss = report.loss();
            diagnostics.add(report.diagnostics());
            if (step % trajectoryEvery == 0) {
                trajectory.add(trajectoryRow(step));
            }
        }
        return EpochOutcome.of(row(epoch));
    }

    private MetricsRow row(int epoch) {
        Map<String, Double> row = new LinkedHashMap<>();
        measure(row);
        diagnostics.drainInto(row);
        row.keySet().removeIf(k -> metricsExclude(k));
        return new MetricsRow(epoch, step, row);
    }

    private boolean metricsExclude(String column) {
        return !metrics.contains(column) && !(metrics.contains("diagnostics") && !isOwnMetric(column));
    }

    /** True for the problem's own columns (as opposed to optimizer diagnostics). */
    abstract boolean isOwnMetric(String column);

    private boolean finiteParameters() {
        for (var p : params) {
            for (int k = 0; k < p.value().size(); k++) {
                if (!Double.isFinite(p.value().get(k))) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public List<double[]> drainTrajectory() {
        List<double[]> out = List.copyOf(trajectory);
        trajectory.clear();
        return out;
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        out.writeLong(step);
        out.writeDouble(lastFiniteLoss);
        StateIO.writeParameters(params, out);
        state.writeTo(out);
        saveProblem(out);
    }

    @Override
    public void restore(DataInputStream in) throws IOException {
        step = in.readLong();
        lastFiniteLoss = in.readDouble();
        StateIO.readParameters(params, in);
        state = OptimizerState.readFrom(in);
        restoreProblem(in);
    }
}
