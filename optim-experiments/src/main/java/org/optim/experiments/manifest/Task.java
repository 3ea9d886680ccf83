package org.optim.experiments.manifest;

import java.util.List;

/**
 * What an experiment optimizes. Each kind names the metric columns it can log, in the order they
 * are written to {@code metrics.csv} (after {@code epoch} and {@code step}).
 */
public sealed interface Task permits Classification, ScaleInvariantRosenbrock, ReddiOnline {
    /** Column name that selects the optimizer's own diagnostics (one column per diagnostic). */
    String DIAGNOSTICS = "diagnostics";

    /** The task's name in manifests: a problem's {@code type}, or {@code classification}. */
    String type();

    /** Every metric this task can log, in column order. */
    List<String> availableMetrics();
}
