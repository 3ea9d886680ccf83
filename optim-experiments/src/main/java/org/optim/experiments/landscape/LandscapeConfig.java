package org.optim.experiments.landscape;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.optim.core.config.Check;
import org.optim.core.config.ConfigException;
import org.optim.core.config.ConfigReader;
import org.optim.core.config.InvalidFieldException;

/**
 * The manifest's {@code landscape} section: what is measured on the final weights of every
 * complete run. Defaults follow the papers: span 1 (Li et al. plot filter-normalized directions on
 * [-1, 1]), rho 0.05 (SAM's default for non-adaptive SAM), one ascent step (SAM's first-order
 * approximation).
 *
 * @param subsetSize      examples measured on: the first {@code subsetSize} of the training partition, in file order
 * @param directionsSeed  seed of the two random directions and of the power iteration's start vector
 * @param span            surfaces cover {@code [-span, span]} along each direction
 * @param gridSize        points per axis of the 2-D surface (odd, so the trained weights are a grid point)
 * @param slicePoints     points of the 1-D slice along the first direction (odd)
 * @param rho             radius of SAM's sharpness ball
 * @param ascentSteps     ascent steps of the sharpness estimate (1: SAM's first-order perturbation)
 * @param powerIterations the power iteration's maximum number of Hessian-vector products
 * @param powerTolerance  relative change of the eigenvalue estimate that ends the power iteration
 * @param hvpStep         displacement length of the finite-difference Hessian-vector product
 */
public record LandscapeConfig(int subsetSize, long directionsSeed, double span, int gridSize, int slicePoints,
        double rho, int ascentSteps, int powerIterations, double powerTolerance, double hvpStep) {

    public LandscapeConfig {
        Check.atLeastOne("subsetSize", subsetSize);
        Check.require(directionsSeed >= 0, "directionsSeed", "must be >= 0, got " + directionsSeed);
        Check.positive("span", span);
        odd("gridSize", gridSize);
        odd("slicePoints", slicePoints);
        Check.nonNegative("rho", rho);
        Check.atLeastOne("ascentSteps", ascentSteps);
        Check.atLeastOne("powerIterations", powerIterations);
        Check.nonNegative("powerTolerance", powerTolerance);
        Check.positive("hvpStep", hvpStep);
    }

    private static void odd(String field, int n) {
        Check.require(n >= 3 && n % 2 == 1, field, "must be an odd number >= 3 (so 0 is a grid point), got " + n);
    }

    /** Reads the section; an error names the JSON pointer of the offending field. */
    public static LandscapeConfig read(ConfigReader r) {
        LandscapeConfig c;
        try {
            c = new LandscapeConfig(
                    intField(r, "subsetSize", 2048),
                    r.integer("directionsSeed", 0),
                    r.number("span", 1.0),
                    intField(r, "gridSize", 21),
                    intField(r, "slicePoints", 51),
                    r.number("rho", 0.05),
                    intField(r, "ascentSteps", 1),
                    intField(r, "powerIterations", 100),
                    r.number("powerTolerance", 1e-4),
                    r.number("hvpStep", 1e-2));
        } catch (InvalidFieldException e) {
            throw new ConfigException(r.pointer(e.field()), e.getMessage());
        }
        r.finish();
        return c;
    }

    private static int intField(ConfigReader r, String field, int fallback) {
        long v = r.integer(field, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ConfigException(r.pointer(field), "expected an integer of at most " + Integer.MAX_VALUE + ", got " + v);
        }
        return (int) v;
    }

    /** Every field with its effective value, in declaration order: what the artifacts' cache key is. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("subsetSize", subsetSize);
        o.put("directionsSeed", directionsSeed);
        o.put("span", span);
        o.put("gridSize", gridSize);
        o.put("slicePoints", slicePoints);
        o.put("rho", rho);
        o.put("ascentSteps", ascentSteps);
        o.put("powerIterations", powerIterations);
        o.put("powerTolerance", powerTolerance);
        o.put("hvpStep", hvpStep);
        return o;
    }
}
