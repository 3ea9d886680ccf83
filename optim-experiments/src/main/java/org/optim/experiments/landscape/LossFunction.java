package org.optim.experiments.landscape;

import org.optim.core.GradientOracle;
import org.optim.core.ParameterSet;

/**
 * The loss at the parameters' current values on a fixed data subset, without gradients (a forward
 * pass only). Must not change the parameter values.
 */
@FunctionalInterface
public interface LossFunction {
    double loss(ParameterSet parameters);

    /** The loss part of a gradient oracle (it also fills the gradients, which are ignored). */
    static LossFunction of(GradientOracle oracle) {
        return oracle::evaluate;
    }
}
