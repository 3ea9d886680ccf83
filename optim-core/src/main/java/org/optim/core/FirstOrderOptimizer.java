package org.optim.core;

import org.optim.core.schedule.Schedule;

/**
 * An optimizer that updates the parameters from the gradients already stored in them (every
 * optimizer but SAM, which wraps one of these). The learning rate is a {@link Schedule} evaluated
 * at the state's iteration count, as PyTorch's schedulers set a group's {@code lr} before a step.
 */
public interface FirstOrderOptimizer extends Optimizer {
    /** The learning-rate schedule. */
    Schedule lr();

    /**
     * Applies one update with learning rate {@code lr} and the gradients in {@code parameters},
     * recording diagnostics into {@code out}, with the chosen implementation.
     */
    void apply(ParameterSet parameters, OptimizerState state, double lr, Diagnostics out, Kernel kernel);

    /** {@link #apply(ParameterSet, OptimizerState, double, Diagnostics, Kernel)} with the fast kernel. */
    default void apply(ParameterSet parameters, OptimizerState state, double lr, Diagnostics out) {
        apply(parameters, state, lr, out, Kernel.FAST);
    }

    /** One update from the stored gradients at the scheduled learning rate; advances the iteration. */
    default Diagnostics update(ParameterSet parameters, OptimizerState state) {
        return update(parameters, state, Kernel.FAST);
    }

    /** {@link #update(ParameterSet, OptimizerState)} with the chosen implementation. */
    default Diagnostics update(ParameterSet parameters, OptimizerState state, Kernel kernel) {
        Diagnostics d = new Diagnostics();
        apply(parameters, state, lr().at(state.iteration()), d, kernel);
        state.advanceIteration();
        return d;
    }

    @Override
    default StepReport step(ParameterSet parameters, OptimizerState state, GradientOracle oracle, Kernel kernel) {
        double loss = oracle.evaluate(parameters);
        return new StepReport(loss, update(parameters, state, kernel));
    }
}
