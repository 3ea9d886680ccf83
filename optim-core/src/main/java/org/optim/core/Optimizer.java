package org.optim.core;

/**
 * An optimization rule: an immutable, validated configuration whose mutable memory lives in a
 * separate {@link OptimizerState} owned by the caller (optax's init/update pair).
 */
public interface Optimizer {
    /** The registry name ({@code sgd}, {@code adam}, ...). */
    String name();

    /** The state before the first step. */
    OptimizerState init(ParameterSet parameters);

    /**
     * One optimization step: asks {@code oracle} for the loss and gradients (SAM asks twice) and
     * updates the parameters in place.
     */
    default StepReport step(ParameterSet parameters, OptimizerState state, GradientOracle oracle) {
        return step(parameters, state, oracle, Kernel.FAST);
    }

    /** {@link #step(ParameterSet, OptimizerState, GradientOracle)} with the chosen implementation. */
    StepReport step(ParameterSet parameters, OptimizerState state, GradientOracle oracle, Kernel kernel);
}
