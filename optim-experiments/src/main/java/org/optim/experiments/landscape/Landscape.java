package org.optim.experiments.landscape;

import org.optim.core.GradientOracle;
import org.optim.core.ParameterSet;

/**
 * The measurements of one set of trained weights, as a {@link LandscapeConfig} asks for them: the
 * 1-D slice along direction 1, the 2-D surface over directions 1 and 2, and the sharpness figures
 * (top Hessian eigenvalue, SAM sharpness). Each is a separate call so that a run's artifacts can
 * be computed and cached one by one; all of them derive their directions from the same seed, so a
 * slice and the surface's middle row use the same direction.
 *
 * <p>Random streams, one per purpose ({@link GaussianSource#forPurpose}) from {@code directionsSeed}:
 * {@code direction-1}, {@code direction-2} and {@code power-iteration} (the start vector).
 */
public final class Landscape {
    private Landscape() {
    }

    /** The top Hessian eigenvalue and SAM's sharpness at the same weights. */
    public record Sharpness(PowerIteration.Estimate eigen, SamSharpness.Result sam) {
    }

    /** Filter-normalized direction 1 or 2 for the current weights. */
    public static ParameterVector direction(ParameterSet weights, LandscapeConfig config, int which) {
        if (which != 1 && which != 2) {
            throw new IllegalArgumentException("direction must be 1 or 2, got " + which);
        }
        return Directions.filterNormalized(weights,
                GaussianSource.forPurpose(config.directionsSeed(), "direction-" + which));
    }

    /** The loss along direction 1 at {@code slicePoints} points of {@code [-span, span]}. */
    public static LossSurface.Slice slice(ParameterSet weights, LossFunction loss, LandscapeConfig config) {
        return LossSurface.slice(weights, loss, direction(weights, config, 1),
                LossSurface.grid(config.span(), config.slicePoints()));
    }

    /** The loss over the {@code gridSize x gridSize} grid on {@code [-span, span]^2}. */
    public static LossSurface.Surface surface(ParameterSet weights, LossFunction loss, LandscapeConfig config) {
        double[] axis = LossSurface.grid(config.span(), config.gridSize());
        return LossSurface.surface(weights, loss, direction(weights, config, 1), direction(weights, config, 2),
                axis, axis);
    }

    /** The top Hessian eigenvalue (power iteration) and SAM's sharpness within radius {@code rho}. */
    public static Sharpness sharpness(ParameterSet weights, GradientOracle oracle, LandscapeConfig config) {
        HessianVectorProduct hvp = new HessianVectorProduct(weights, oracle, config.hvpStep());
        ParameterVector start = Directions.gaussian(weights,
                GaussianSource.forPurpose(config.directionsSeed(), "power-iteration"));
        PowerIteration.Estimate eigen = PowerIteration.topEigenvalue(hvp::apply, start, config.powerIterations(),
                config.powerTolerance());
        SamSharpness.Result sam = SamSharpness.measure(weights, oracle, config.rho(), config.ascentSteps());
        return new Sharpness(eigen, sam);
    }
}
