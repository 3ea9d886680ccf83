package org.optim.experiments.toy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.optim.core.DType;
import org.optim.core.Optimizer;
import org.optim.core.OptimizerState;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.StepReport;
import org.optim.core.Tensor;
import org.optim.experiments.manifest.ReddiOnline;
import org.optim.experiments.run.SplitMix64;

/**
 * Reddi et al.'s online problem (see {@link ReddiOnline}) in float64 with one parameter {@code x}
 * of shape [1]. Step t: the oracle returns {@code f_t(x) = c_t x} and gradient {@code c_t}; after
 * the optimizer's update, x is projected onto [-1, 1] (the problem's feasible set). The best fixed
 * point x* is -1 when the mean gradient {@code p large + (1 - p) small} is positive,
 * else +1; {@code regret} is the average regret {@code (1/T) sum_t c_t (x_t - x*)} over the run.
 * The stochastic variant draws from the run's {@code data} generator ({@link SplitMix64}).
 */
final class ReddiSession extends ToySession {
    private final ReddiOnline problem;
    private final Tensor x;
    private final Tensor g;
    private final double xStar;
    private final SplitMix64 rng;
    private double regretSum;
    private double lossSum;
    private long lossCount;

    ReddiSession(ReddiOnline problem, Optimizer optimizer, List<String> metrics, long seed) {
        this(problem, optimizer, metrics, seed, Parameter.of("x", Tensor.zeros(DType.FLOAT64, 1)));
    }

    private ReddiSession(ReddiOnline problem, Optimizer optimizer, List<String> metrics, long seed, Parameter x) {
        super(ParameterSet.of(x), optimizer, problem.stepsPerEpoch(), problem.trajectoryEvery(), metrics);
        this.problem = problem;
        this.x = x.value();
        this.g = x.grad();
        double meanGradient = problem.probability() * problem.large() + (1 - problem.probability()) * problem.small();
        this.xStar = meanGradient > 0 ? -1 : 1;
        this.rng = SplitMix64.forPurpose(seed, "data");
    }

    @Override
    public org.optim.experiments.run.MetricsRow begin() {
        x.set(0, problem.start());
        return super.begin();
    }

    private double coefficient(long t) {
        boolean rare = "cyclic".equals(problem.variant()) ? t % problem.period() == 1
                : rng.nextDouble() < problem.probability();
        return rare ? problem.large() : problem.small();
    }

    @Override
    StepReport step(long t, Optimizer optimizer, OptimizerState state) {
        double c = coefficient(t);
        double before = x.get(0);
        StepReport report = optimizer.step(params, state, p -> {
            g.set(0, c);
            return c * x.get(0);
        });
        x.set(0, Math.max(-1, Math.min(1, x.get(0))));
        regretSum += c * (before - xStar);
        lossSum += c * before;
        lossCount++;
        return report;
    }

    @Override
    void measure(Map<String, Double> row) {
        if (lossCount > 0) {
            row.put("loss", lossSum / lossCount);
        }
        row.put("x", x.get(0));
        if (stepsTaken() > 0) {
            row.put("regret", regretSum / stepsTaken());
        }
        lossSum = 0;
        lossCount = 0;
    }

    @Override
    boolean isOwnMetric(String column) {
        return problem.availableMetrics().contains(column);
    }

    @Override
    public List<String> trajectoryColumns() {
        return List.of("step", "x", "regret");
    }

    @Override
    double[] trajectoryRow(long step) {
        return new double[] {step, x.get(0), step == 0 ? Double.NaN : regretSum / step};
    }

    @Override
    void saveProblem(DataOutputStream out) throws IOException {
        out.writeLong(rng.state());
        out.writeDouble(regretSum);
    }

    @Override
    void restoreProblem(DataInputStream in) throws IOException {
        rng.setState(in.readLong());
        regretSum = in.readDouble();
    }
}
