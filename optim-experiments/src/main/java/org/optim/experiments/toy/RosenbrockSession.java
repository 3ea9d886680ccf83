package org.optim.experiments.toy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.List;
import java.util.Map;
import org.optim.core.DType;
import org.optim.core.Optimizer;
import org.optim.core.OptimizerState;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.StepReport;
import org.optim.core.Tensor;
import org.optim.experiments.manifest.ScaleInvariantRosenbrock;

/**
 * AdamP's 3-D scale-invariant Rosenbrock (see {@link ScaleInvariantRosenbrock}) in float64. The
 * parameter {@code w} is stored as a 1x3 matrix: AdamP and SGDP only consider projecting
 * parameters of rank 2 or more (official {@code adamp.py}: {@code if len(p.shape) > 1}), as the
 * paper's toy intends {@code w} to be a scale-invariant weight.
 *
 * <pre>
 * r = ||w||, rho = sqrt(w0^2 + w1^2), psi = acos(w2 / r), phi = atan2(w1, w0)
 * dh/dpsi = -2 (a - psi) - 4 b psi (phi - psi^2),  dh/dphi = 2 b (phi - psi^2)
 * dpsi/dw = (w0 w2 / (r^2 rho), w1 w2 / (r^2 rho), -rho / r^2),  dphi/dw = (-w1 / rho^2, w0 / rho^2, 0)
 * grad f = dh/dpsi * dpsi/dw + dh/dphi * dphi/dw          (orthogonal to w)
 * </pre>
 */
final class RosenbrockSession extends ToySession {
    private final ScaleInvariantRosenbrock problem;
    private final Tensor w;
    private final Tensor g;

    RosenbrockSession(ScaleInvariantRosenbrock problem, Optimizer optimizer, List<String> metrics) {
        this(problem, optimizer, metrics, Parameter.of("w", Tensor.zeros(DType.FLOAT64, 1, 3)));
    }

    /** A session on the given parameter (tests evaluate the objective at chosen points). */
    RosenbrockSession(ScaleInvariantRosenbrock problem, Optimizer optimizer, List<String> metrics, Parameter w) {
        super(ParameterSet.of(w), optimizer, problem.stepsPerEpoch(), problem.trajectoryEvery(), metrics);
        this.problem = problem;
        this.w = w.value();
        this.g = w.grad();
    }

    @Override
    public org.optim.experiments.run.MetricsRow begin() {
        double psi = problem.start().get(0);
        double phi = problem.start().get(1);
        w.set(0, Math.sin(psi) * Math.cos(phi));
        w.set(1, Math.sin(psi) * Math.sin(phi));
        w.set(2, Math.cos(psi));
        return super.begin();
    }

    /** f at the current w; writes the gradient into {@code g}. */
    double evaluate() {
        double x = w.get(0);
        double y = w.get(1);
        double z = w.get(2);
        double rr = x * x + y * y + z * z;
        double r = Math.sqrt(rr);
        double rho = Math.hypot(x, y);
        double psi = Math.acos(z / r);
        double phi = Math.atan2(y, x);
        double valley = phi - psi * psi;
        double dPsi = -2 * (problem.a() - psi) - 4 * problem.b() * psi * valley;
        double dPhi = 2 * problem.b() * valley;
        g.set(0, dPsi * x * z / (rr * rho) - dPhi * y / (rho * rho));
        g.set(1, dPsi * y * z / (rr * rho) + dPhi * x / (rho * rho));
        g.set(2, -dPsi * rho / rr);
        double d = problem.a() - psi;
        return d * d + problem.b() * valley * valley;
    }

    @Override
    StepReport step(long t, Optimizer optimizer, OptimizerState state) {
        return optimizer.step(params, state, p -> evaluate());
    }

    @Override
    void measure(Map<String, Double> row) {
        row.put("loss", evaluate());
        row.put("r", norm(w));
        row.put("psi", Math.acos(w.get(2) / norm(w)));
        row.put("phi", Math.atan2(w.get(1), w.get(0)));
        row.put("grad_norm", norm(g));
    }

    @Override
    boolean isOwnMetric(String column) {
        return problem.availableMetrics().contains(column);
    }

    @Override
    public List<String> trajectoryColumns() {
        return List.of("step", "loss", "r", "psi", "phi", "w0", "w1", "w2");
    }

    @Override
    double[] trajectoryRow(long step) {
        double loss = evaluate();
        double r = norm(w);
        return new double[] {step, loss, r, Math.acos(w.get(2) / r), Math.atan2(w.get(1), w.get(0)),
            w.get(0), w.get(1), w.get(2)};
    }

    private static double norm(Tensor t) {
        double s = 0;
        for (int k = 0; k < t.size(); k++) {
            s += t.get(k) * t.get(k);
        }
        return Math.sqrt(s);
    }

    @Override
    void saveProblem(DataOutputStream out) {
        // The problem has no state beyond w (saved by the caller).
    }

    @Override
    void restoreProblem(DataInputStream in) {
        // The problem has no state beyond w (restored by the caller).
    }
}
