package org.optim.experiments.conformance;

import java.util.ArrayList;
import java.util.List;
import org.optim.core.DType;
import org.optim.core.Optimizer;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;

/**
 * One parsed and validated reference file ({@code optim-reference/1}, see {@code
 * reference/README.md}): the optimizer built by {@link org.optim.core.optim.OptimizerRegistry}, the
 * problem, the starting point and the official trajectory.
 *
 * @param file           the file name, for messages
 * @param name           the case name (the file name without {@code .json})
 * @param dtype          the case dtype
 * @param optimizer      the project's optimizer configured as the file says
 * @param problem        the objective, for the closed-loop replay
 * @param initial        the ordered parameter list at step 0
 * @param steps          the recorded steps; {@code steps.get(i).t() == i + 1}
 * @param recorded       the tolerance of the recorded-gradient replay
 * @param closedLoop     the tolerance of the closed-loop replay ({@code tolerance.closed_loop})
 */
public record ReferenceCase(String file, String name, DType dtype, Optimizer optimizer, ReferenceProblem problem,
                            List<InitialParameter> initial, List<RecordedStep> steps, Tolerance recorded,
                            Tolerance closedLoop) {

    /** Fresh parameters at the starting point, with zero gradients. */
    public ParameterSet freshParameters() {
        List<Parameter> list = new ArrayList<>(initial.size());
        for (InitialParameter p : initial) {
            list.add(p.toParameter(dtype));
        }
        return new ParameterSet(list);
    }
}
