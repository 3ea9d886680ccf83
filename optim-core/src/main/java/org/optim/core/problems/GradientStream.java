package org.optim.core.problems;

import java.util.List;
import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * Recorded gradients played back one step at a time, with the linear surrogate loss whose gradient
 * is exactly the stream:
 * <pre>
 * g_k   = gradients[position mod len][k]           # one flat row-major array per parameter
 * L     = sum_k dot(g_k, params_k)                 # summed in index order, rounded per operation
 * position = position + 1                          # after every evaluation
 * </pre>
 * The position is the only mutable state; {@link #seek} sets it, so a run restored at step t
 * continues with {@code seek(t)}. Never use it under SAM (both SAM evaluations would advance it).
 * Matches: the {@code gradient-stream} problem of the reference trajectories
 * ({@code ../shared/reference/README.md}, section 4).
 */
public final class GradientStream implements GradientOracle {
    private final List<List<double[]>> gradients;
    private int position;

    /** {@code gradients.get(t).get(k)}: gradient of parameter k at step t + 1. */
    public GradientStream(List<List<double[]>> gradients) {
        if (gradients.isEmpty()) {
            throw new IllegalArgumentException("a gradient stream needs at least one step");
        }
        this.gradients = gradients.stream().map(step -> step.stream().map(double[]::clone).toList()).toList();
    }

    /** The number of recorded steps. */
    public int length() {
        return gradients.size();
    }

    /** The index of the step the next evaluation plays back (0-based). */
    public int position() {
        return position;
    }

    /** Makes the next evaluation play back step {@code position} (0-based). */
    public void seek(int position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must be >= 0, got " + position);
        }
        this.position = position;
    }

    @Override
    public double evaluate(ParameterSet parameters) {
        DType dt = parameters.dtype();
        List<double[]> step = gradients.get(position % gradients.size());
        if (step.size() != parameters.size()) {
            throw new IllegalArgumentException("step " + (position + 1) + " has gradients for " + step.size()
                    + " parameters, expected " + parameters.size());
        }
        double loss = 0;
        for (int i = 0; i < parameters.size(); i++) {
            Parameter param = parameters.get(i);
            Tensor p = param.value();
            double[] g = step.get(i);
            if (g.length != p.size()) {
                throw new IllegalArgumentException("step " + (position + 1) + ": gradient of " + param.name()
                        + " has " + g.length + " entries, expected " + p.size());
            }
            double dot = 0;
            for (int k = 0; k < g.length; k++) {
                param.grad().set(k, g[k]);
                dot = dt.round(dot + dt.round(dt.round(g[k]) * p.get(k)));
            }
            loss = dt.round(loss + dot);
        }
        position++;
        return loss;
    }
}
