package org.optim.experiments.conformance;

import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.optim.core.Diagnostics;
import org.optim.core.GradientOracle;
import org.optim.core.Kernel;
import org.optim.core.Optimizer;
import org.optim.core.OptimizerState;
import org.optim.core.ParameterSet;
import org.optim.core.StepReport;
import org.optim.core.Tensor;
import org.optim.core.optim.Projection;
import org.optim.core.optim.SAM;

/**
 * Replays a reference trajectory with the project's optimizer (section 6 of
 * {@code reference/README.md}) and compares, after every step, the parameters, every recorded
 * state field (by its official name; {@code step} is the per-parameter step count), AdamP/SGDP's
 * projection decision and view (exactly), and SAM's gradient norm and perturbed parameters. The
 * closed-loop mode also compares every loss and gradient the problem gives with the recorded ones.
 *
 * <p>The replay runs free from {@code initial}: it never resets to the recorded parameters, so
 * rounding differences accumulate over the trajectory and must still stay within the tolerance.
 */
public final class Replayer {
    /** Diagnostics key prefix of AdamP/SGDP's decision per parameter (1 projected, 0 not). */
    static final String PROJECTION = "projection/";
    /** Diagnostics key prefix of the view that fired ({@link Projection.View#code()}). */
    static final String PROJECTION_VIEW = "projection_view/";

    private final ReferenceCase reference;
    private final Mode mode;
    private final Kernel kernel;
    private final Tolerance tolerance;
    private final Deviation.Accumulator params = new Deviation.Accumulator();
    private final Deviation.Accumulator state = new Deviation.Accumulator();
    private final Deviation.Accumulator gradients = new Deviation.Accumulator();
    private String firstFailure;
    private int failures;

    private Replayer(ReferenceCase reference, Mode mode, Kernel kernel) {
        this.reference = reference;
        this.mode = mode;
        this.kernel = kernel;
        this.tolerance = mode == Mode.RECORDED ? reference.recorded() : reference.closedLoop();
    }

    /**
     * Replays {@code reference} in {@code mode} with the optimizers' {@link Kernel#FAST} update, the
     * one training runs use. Never throws for a failing optimizer or problem.
     */
    public static ReplayResult replay(ReferenceCase reference, Mode mode) {
        return replay(reference, mode, Kernel.FAST);
    }

    /** Replays {@code reference} in {@code mode} with the chosen implementation of the update. */
    public static ReplayResult replay(ReferenceCase reference, Mode mode, Kernel kernel) {
        return new Replayer(reference, mode, kernel).run();
    }

    private ReplayResult run() {
        ParameterSet parameters = reference.freshParameters();
        Optimizer optimizer = reference.optimizer();
        int t = 0;
        try {
            OptimizerState optimizerState = optimizer.init(parameters);
            for (RecordedStep step : reference.steps()) {
                t = step.t();
                StepOracle oracle = new StepOracle(step, mode == Mode.CLOSED_LOOP ? reference.problem().oracle(t) : null);
                StepReport report = optimizer.step(parameters, optimizerState, oracle, kernel);
                int expectedCalls = step.sam() == null ? 1 : 2;
                if (oracle.calls != expectedCalls) {
                    fail(step, "the optimizer evaluated the gradient " + oracle.calls + " times, the file records "
                            + expectedCalls + " evaluation(s)");
                }
                compare(step, "params", parameters, values(parameters), step.params(), params);
                if (step.state() != null) {
                    compareState(step, optimizerState);
                }
                if (step.projected() != null) {
                    compareProjection(step, report.diagnostics(), parameters);
                }
                if (step.sam() != null) {
                    compareScalar(step, "grad_norm", report.diagnostics(), SAM.GRAD_NORM, step.sam().gradNorm(), state);
                }
            }
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            failure("step " + t + ": " + message);
        }
        String failure = firstFailure == null ? null
                : failures == 1 ? firstFailure : firstFailure + " (and " + (failures - 1) + " more)";
        return new ReplayResult(reference.name(), mode, params.result(), state.result(), gradients.result(), failure);
    }

    /** Gives step t's loss and gradients, and checks SAM's perturbed point on the second call. */
    private final class StepOracle implements GradientOracle {
        private final RecordedStep step;
        private final GradientOracle problem;
        private int calls;

        StepOracle(RecordedStep step, GradientOracle problem) {
            this.step = step;
            this.problem = problem;
        }

        @Override
        public double evaluate(ParameterSet parameters) {
            int call = calls++;
            if (call > 0 && (call > 1 || step.sam() == null)) {
                throw new IllegalStateException("the optimizer asked for gradient evaluation " + (call + 1)
                        + ", the file records " + (step.sam() == null ? 1 : 2));
            }
            RecordedStep.Sam sam = step.sam();
            if (call == 1) {
                compare(step, "perturbed_params", parameters, values(parameters), sam.perturbedParams(), params);
            }
            double loss = call == 0 ? step.loss() : sam.perturbedLoss();
            List<double[]> grads = call == 0 ? step.grads() : sam.perturbedGrads();
            if (problem == null) {
                for (int k = 0; k < parameters.size(); k++) {
                    Tensor g = parameters.get(k).grad();
                    double[] recorded = grads.get(k);
                    for (int i = 0; i < recorded.length; i++) {
                        g.set(i, recorded[i]);
                    }
                }
                return loss;
            }
            double computed = problem.evaluate(parameters);
            String prefix = call == 0 ? "" : "perturbed_";
            List<double[]> actual = new ArrayList<>(parameters.size());
            for (int k = 0; k < parameters.size(); k++) {
                actual.add(parameters.get(k).grad().toDoubleArray());
            }
            if (!gradients.add(computed, loss, tolerance)) {
                fail(step, prefix + "loss: got " + computed + ", expected " + loss + " (allowed +-"
                        + tolerance.bound(loss) + ")");
            }
            compare(step, prefix + "grads", parameters, actual, grads, gradients);
            return computed;
        }
    }

    private static List<double[]> values(ParameterSet parameters) {
        List<double[]> out = new ArrayList<>(parameters.size());
        for (int k = 0; k < parameters.size(); k++) {
            out.add(parameters.get(k).value().toDoubleArray());
        }
        return out;
    }

    private void compare(RecordedStep step, String what, ParameterSet parameters, List<double[]> actual,
                         List<double[]> expected, Deviation.Accumulator into) {
        for (int k = 0; k < expected.size(); k++) {
            compareArray(step, what + " " + parameters.get(k).name(), actual.get(k), expected.get(k), into);
        }
    }

    private void compareArray(RecordedStep step, String what, double[] actual, double[] expected,
                              Deviation.Accumulator into) {
        for (int i = 0; i < expected.length; i++) {
            if (!into.add(actual[i], expected[i], tolerance)) {
                fail(step, what + "[" + i + "]: got " + actual[i] + ", expected " + expected[i] + " (allowed +-"
                        + tolerance.bound(expected[i]) + ")");
            }
        }
    }

    private void compareState(RecordedStep step, OptimizerState optimizerState) {
        List<String> names = optimizerState.parameterNames();
        for (int k = 0; k < names.size(); k++) {
            Map<String, double[]> recorded = step.state().get(names.get(k));
            if (recorded == null) {
                continue;
            }
            Map<String, Tensor> ours = optimizerState.buffers(k);
            for (Map.Entry<String, double[]> field : recorded.entrySet()) {
                String what = "state " + names.get(k) + "." + field.getKey();
                if (field.getKey().equals("step")) {
                    long expected = (long) field.getValue()[0];
                    if (optimizerState.step(k) != expected) {
                        fail(step, what + ": got " + optimizerState.step(k) + ", expected " + expected);
                    }
                } else if (ours.containsKey(field.getKey())) {
                    compareArray(step, what, ours.get(field.getKey()).toDoubleArray(), field.getValue(), state);
                } else {
                    fail(step, what + ": the optimizer keeps no such state field (it keeps " + ours.keySet() + ")");
                }
            }
            for (String field : ours.keySet()) {
                if (!recorded.containsKey(field)) {
                    fail(step, "state " + names.get(k) + "." + field + ": the optimizer keeps a field the official code"
                            + " does not record (it records " + recorded.keySet() + ")");
                }
            }
        }
    }

    private void compareProjection(RecordedStep step, Diagnostics diagnostics, ParameterSet parameters) {
        for (int k = 0; k < parameters.size(); k++) {
            String name = parameters.get(k).name();
            boolean expected = step.projected().get(name);
            String expectedView = step.projectionView().get(name);
            boolean reported = diagnostics.contains(PROJECTION + name);
            if (!reported && parameters.get(k).value().rank() > 1) {
                fail(step, "projected " + name + ": the optimizer reported no projection decision");
                continue;
            }
            boolean actual = reported && diagnostics.get(PROJECTION + name) == 1.0;
            String actualView = reported ? viewLabel(diagnostics.get(PROJECTION_VIEW + name)) : null;
            if (actual != expected || !Objects.equals(actualView, expectedView)) {
                fail(step, "projected " + name + ": got " + actual + " (view " + actualView + "), expected " + expected
                        + " (view " + expectedView + ")");
            }
        }
    }

    /** The file's spelling of a {@link Projection.View} code: null, {@code channel} or {@code layer}. */
    private static String viewLabel(double code) {
        for (Projection.View view : Projection.View.values()) {
            if (view.code() == code) {
                return view == Projection.View.NONE ? null : view.name().toLowerCase(Locale.ROOT);
            }
        }
        return "code " + code;
    }

    private void compareScalar(RecordedStep step, String what, Diagnostics diagnostics, String key, double expected,
                               Deviation.Accumulator into) {
        if (!diagnostics.contains(key)) {
            fail(step, what + ": the optimizer did not report " + key);
            return;
        }
        double actual = diagnostics.get(key);
        if (!into.add(actual, expected, tolerance)) {
            fail(step, what + ": got " + actual + ", expected " + expected + " (allowed +-"
                    + tolerance.bound(expected) + ")");
        }
    }

    private void fail(RecordedStep step, String message) {
        failure("step " + step.t() + " " + message);
    }

    private void failure(String message) {
        failures++;
        if (firstFailure == null) {
            firstFailure = message;
        }
    }
}
