package org.optim.experiments.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.Parameter;
import org.optim.core.Tensor;
import org.optim.core.optim.OptimizerRegistry;
import org.optim.experiments.manifest.GridPoints;
import org.optim.experiments.manifest.Manifest;
import org.optim.experiments.manifest.ScaleInvariantRosenbrock;
import org.optim.experiments.run.MetricsRow;
import org.optim.experiments.run.RunFolders;
import org.optim.experiments.run.Session;

/** The toy experiments show what the papers state, and not only at one setting. */
class ToyExperimentsTest {

    /** Metrics after the last epoch of {@code arm} at a grid point (no files written). */
    private static MetricsRow last(Manifest m, Manifest.Arm arm, Map<String, JsonNode> point, long seed) {
        JsonNode optimizer = GridPoints.apply(arm.optimizer(), point);
        try (Session s = Toys.session(m.task(), OptimizerRegistry.fromJson(optimizer, "/optimizer"), m.metrics(), seed)) {
            MetricsRow row = s.begin();
            for (int e = 1; e <= m.epochs(); e++) {
                Session.EpochOutcome out = s.train(e);
                assertThat(out.divergence()).isNull();
                row = out.row();
            }
            return row;
        }
    }

    private static double r(Manifest m, String arm) {
        return last(m, m.arm(arm), Map.of(), 0).values().get("r");
    }

    @Test
    void theNormGrowsWithMomentumLessWithWeightDecayAndStaysNearOneWithProjection() {
        Manifest m = RunFolders.manifest("adamp-rosenbrock");
        double momentum = r(m, "gd-momentum");
        double decay = r(m, "gd-momentum-wd");
        double projected = r(m, "sgdp");
        assertThat(momentum).isBetween(2.5, 3.5);
        assertThat(decay).isBetween(2.0, momentum);
        assertThat(projected).isBetween(1.0, 1.3);
    }

    /**
     * The sweep's qualitative result: at every (lr, momentum), projection ends with a smaller norm
     * than plain momentum, and weight decay with a smaller norm than no weight decay. (Strong weight
     * decay can shrink the norm below the projected run's: lr 0.002, momentum 0.95, decay 0.1 does.)
     */
    @Test
    void atEveryGridPointProjectionAndWeightDecayKeepTheNormBelowPlainMomentum() {
        Manifest m = RunFolders.manifest("adamp-rosenbrock-sweep");
        Map<String, Double> projected = norms(m, "sgdp");
        Map<String, Double> plain = norms(m, "gd-momentum");
        assertThat(plain).hasSize(9);
        plain.forEach((point, r) -> assertThat(r).as("gd-momentum at " + point).isGreaterThan(projected.get(point)));
        int compared = 0;
        for (Map<String, JsonNode> p : GridPoints.expand(m.arm("gd-momentum-wd").grid())) {
            double r = last(m, m.arm("gd-momentum-wd"), p, 0).values().get("r");
            assertThat(r).as("gd-momentum-wd at " + p).isLessThan(plain.get(p.get("lr") + "/" + p.get("momentum")));
            compared++;
        }
        assertThat(compared).isEqualTo(27);
    }

    /** Final r of {@code arm} by "lr/momentum". */
    private static Map<String, Double> norms(Manifest m, String arm) {
        Map<String, Double> out = new HashMap<>();
        for (Map<String, JsonNode> p : GridPoints.expand(m.arm(arm).grid())) {
            out.put(p.get("lr") + "/" + p.get("momentum"), last(m, m.arm(arm), p, 0).values().get("r"));
        }
        return out;
    }

    @Test
    void onReddisProblemAdamDriftsToPlusOneWhileAmsgradAndExpectigradHeadForMinusOne() {
        Manifest m = RunFolders.manifest("reddi-online");
        assertThat(last(m, m.arm("adam"), Map.of(), 0).values().get("x")).isGreaterThan(0.5);
        assertThat(last(m, m.arm("amsgrad"), Map.of(), 0).values().get("x")).isLessThan(-0.5);
        assertThat(last(m, m.arm("expectigrad"), Map.of(), 0).values().get("x")).isLessThan(-0.5);
    }

    @Test
    void theRosenbrockGradientIsTheDerivativeAndOrthogonalToW() {
        ScaleInvariantRosenbrock p = new ScaleInvariantRosenbrock(1, 100, List.of(0.3, 0.5), 1, 1);
        Parameter w = Parameter.of("w", Tensor.zeros(DType.FLOAT64, 1, 3));
        double[] at = {0.4, -0.7, 1.3};
        for (int i = 0; i < 3; i++) {
            w.value().set(i, at[i]);
        }
        RosenbrockSession s = new RosenbrockSession(p, OptimizerRegistry.fromJson(
                org.optim.experiments.manifest.Json.STRICT.createObjectNode().put("name", "sgd")
                        .set("hyperparameters", org.optim.experiments.manifest.Json.STRICT.createObjectNode().put("lr", 0.1)),
                "/optimizer"), List.of("loss"), w);
        s.evaluate();
        double[] g = w.grad().toDoubleArray();
        double dot = 0;
        for (int i = 0; i < 3; i++) {
            double h = 1e-6;
            w.value().set(i, at[i] + h);
            double up = s.evaluate();
            w.value().set(i, at[i] - h);
            double down = s.evaluate();
            w.value().set(i, at[i]);
            assertThat(g[i]).as("d f / d w" + i).isCloseTo((up - down) / (2 * h), within(1e-5 * (1 + Math.abs(g[i]))));
            dot += g[i] * at[i];
        }
        assertThat(dot).isCloseTo(0, within(1e-12));
    }
}
