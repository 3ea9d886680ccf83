package org.optim.experiments.conformance;

import org.optim.core.GradientOracle;

/** The objective of a reference case, as the closed-loop replay evaluates it. */
public interface ReferenceProblem {
    /** The {@code problem.kind} of the file. */
    String kind();

    /** The oracle that gives the loss and gradients used by step {@code t} (1-based). */
    GradientOracle oracle(int t);
}
