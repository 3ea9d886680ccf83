package org.optim.experiments.manifest;

import java.util.List;

/**
 * AdamP's toy (Heo et al., arXiv 2006.08217, Fig. 3): the 2-D Rosenbrock function read in
 * spherical coordinates, optimized over {@code w} in R^3.
 *
 * <pre>
 * r = ||w||,  psi = acos(w2 / r),  phi = atan2(w1, w0)
 * f(w) = (a - psi)^2 + b (phi - psi^2)^2
 * </pre>
 * {@code f} depends on {@code w / ||w||} only, so its gradient is orthogonal to {@code w}.
 *
 * @param a              Rosenbrock's {@code a} (minimum at psi = a, phi = a^2)
 * @param b              Rosenbrock's {@code b}
 * @param start          initial (psi, phi) in radians; the initial w has norm 1
 * @param stepsPerEpoch  optimizer steps per logged epoch
 * @param trajectoryEvery a trajectory row every this many steps
 */
public record ScaleInvariantRosenbrock(double a, double b, List<Double> start, int stepsPerEpoch, int trajectoryEvery)
        implements Task {
    @Override
    public String type() {
        return "scale-invariant-rosenbrock";
    }

    @Override
    public List<String> availableMetrics() {
        return List.of("loss", "r", "psi", "phi", "grad_norm", DIAGNOSTICS);
    }
}
