package org.optim.experiments.conformance;

import org.optim.core.GradientOracle;

/** Placeholder until optim-nn's MLP exists: the closed-loop mlp replay fails with this reason. */
final class MlpOracle {
    private MlpOracle() {
    }

    static GradientOracle of(MlpProblem problem, MlpProblem.Batch batch) {
        return parameters -> {
            throw new UnsupportedOperationException("the mlp problem needs optim-nn's MLP, which is not built yet");
        };
    }
}
