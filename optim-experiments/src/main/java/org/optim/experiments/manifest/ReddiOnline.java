package org.optim.experiments.manifest;

import java.util.List;

/**
 * The online convex problem of Reddi, Kale &amp; Kumar, "On the Convergence of Adam and Beyond"
 * (ICLR 2018), section 5: x in [-1, 1], projected back after every step,
 * <pre>
 * cyclic:     f_t(x) = large * x  if t mod period == 1, else small * x
 * stochastic: f_t(x) = large * x  with probability p, else small * x
 * regret_T  = (1 / T) sum_{t=1..T} (f_t(x_t) - f_t(x*)),  x* = -1
 * </pre>
 *
 * @param variant         {@code cyclic} or {@code stochastic}
 * @param large           the rare gradient (1010 in the paper)
 * @param small           the frequent gradient (-10 in the paper)
 * @param period          101 in the paper (cyclic variant)
 * @param probability     p of the stochastic variant (0.01 in the paper); 1 / period for the cyclic one
 * @param start           x_1
 * @param stepsPerEpoch   steps per logged epoch
 * @param trajectoryEvery a trajectory row every this many steps
 */
public record ReddiOnline(String variant, double large, double small, int period, double probability, double start, int stepsPerEpoch,
        int trajectoryEvery) implements Task {
    @Override
    public String type() {
        return "reddi-online";
    }

    @Override
    public List<String> availableMetrics() {
        return List.of("loss", "x", "regret", DIAGNOSTICS);
    }
}
