package org.optim.experiments.run;

import org.optim.core.Optimizer;
import org.optim.core.optim.OptimizerRegistry;
import org.optim.experiments.manifest.Classification;
import org.optim.experiments.toy.Toys;

/** The sessions of every task kind a manifest can name. */
public final class TaskSessions implements Sessions {
    @Override
    public Session create(RunSpec run, int threads) {
        Optimizer optimizer = OptimizerRegistry.fromJson(run.optimizer(), "/optimizer");
        if (run.manifest().task() instanceof Classification) {
            throw new IllegalArgumentException(run.label() + ": classification tasks are not available in this build");
        }
        return Toys.session(run.manifest().task(), optimizer, run.manifest().metrics(), run.seed());
    }
}
