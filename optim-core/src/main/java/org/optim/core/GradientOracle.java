package org.optim.core;

/**
 * Evaluates the objective at the parameters' current values and writes the gradient of every
 * parameter into its {@link Parameter#grad()} tensor: PyTorch's {@code closure} ({@code loss =
 * f(w); loss.backward()}). Optimizers call it; SAM calls it twice per step, at {@code w} and at
 * {@code w + e(w)}, on the same batch.
 */
@FunctionalInterface
public interface GradientOracle {
    /** Returns the loss at the current parameter values and fills every gradient. */
    double evaluate(ParameterSet parameters);
}
