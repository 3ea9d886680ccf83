package org.optim.experiments.toy;

import java.util.List;
import org.optim.core.Optimizer;
import org.optim.experiments.manifest.ReddiOnline;
import org.optim.experiments.manifest.ScaleInvariantRosenbrock;
import org.optim.experiments.manifest.Task;
import org.optim.experiments.run.Session;

/** Sessions of the toy problems. */
public final class Toys {
    private Toys() {
    }

    /** A session of toy {@code task} (a {@link ScaleInvariantRosenbrock} or a {@link ReddiOnline}). */
    public static Session session(Task task, Optimizer optimizer, List<String> metrics, long seed) {
        if (task instanceof ScaleInvariantRosenbrock r) {
            return new RosenbrockSession(r, optimizer, metrics);
        }
        if (task instanceof ReddiOnline r) {
            return new ReddiSession(r, optimizer, metrics, seed);
        }
        throw new IllegalArgumentException("not a toy problem: " + task.getClass().getSimpleName());
    }
}
