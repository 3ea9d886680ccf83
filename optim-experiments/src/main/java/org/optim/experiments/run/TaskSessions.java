package org.optim.experiments.run;

import org.optim.core.DType;
import org.optim.core.Optimizer;
import org.optim.core.optim.OptimizerRegistry;
import org.optim.experiments.classify.ClassificationData;
import org.optim.experiments.classify.ClassificationSession;
import org.optim.experiments.manifest.Classification;
import org.optim.experiments.toy.Toys;

/** The sessions of every task kind a manifest can name; data sets are loaded once and shared. */
public final class TaskSessions implements Sessions {
    private final ClassificationData data;

    public TaskSessions(ClassificationData data) {
        this.data = data;
    }

    @Override
    public Session create(RunSpec run, int threads) {
        Optimizer optimizer = OptimizerRegistry.fromJson(run.optimizer(), "/optimizer");
        if (run.manifest().task() instanceof Classification c) {
            DType dtype = "float64".equals(c.model().dtype()) ? DType.FLOAT64 : DType.FLOAT32;
            return new ClassificationSession(c, run.manifest().metrics(), optimizer, run.seed(), threads,
                    data.part(c.data(), c.data().train(), dtype), data.part(c.data(), c.data().validation(), dtype),
                    data.part(c.data(), c.data().test(), dtype));
        }
        return Toys.session(run.manifest().task(), optimizer, run.manifest().metrics(), run.seed());
    }
}
