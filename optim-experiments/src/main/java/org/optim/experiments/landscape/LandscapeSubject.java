package org.optim.experiments.landscape;

import org.optim.core.GradientOracle;
import org.optim.core.ParameterSet;

/**
 * What a training session offers for landscape measurements: its live weights, and its own model,
 * loss and kernels evaluated on a fixed part of the training data. Implemented by the sessions of
 * classification runs.
 */
public interface LandscapeSubject {
    /** The live weights; measurements perturb them and restore them bit for bit. */
    ParameterSet parameters();

    /**
     * The loss and gradients on the first {@code n} examples of the training partition, in file
     * order, as one full batch (mean loss over the n examples).
     */
    Objective trainingSubset(int n);

    /**
     * One fixed data subset seen through the model.
     *
     * @param oracle loss and gradients at the current weights
     * @param loss   the same loss alone (forward passes only; may sum in another order than the oracle)
     */
    record Objective(GradientOracle oracle, LossFunction loss) {
    }
}
