package org.optim.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.Diagnostics;
import org.optim.core.FirstOrderOptimizer;
import org.optim.core.OptimizerState;
import org.optim.core.Tensor;
import org.optim.core.problems.Toys;
import org.optim.core.schedule.Schedule;

/** AdamP/SGDP properties from Heo et al. (arXiv 2006.08217) on the scale-invariant toy. */
class ProjectionPropertiesTest {
    private static final Schedule LR = new Schedule.Constant(0.05);

    private static double norm(Tensor t) {
        double s = 0;
        for (int k = 0; k < t.size(); k++) {
            s += t.get(k) * t.get(k);
        }
        return Math.sqrt(s);
    }

    /** ||W|| after {@code steps} steps divided by ||W|| before. */
    private static double normGrowth(FirstOrderOptimizer opt, int steps) {
        Toys.Toy toy = Toys.scaleInvariant(DType.FLOAT64);
        Tensor w = toy.parameters().get("W").value();
        double before = norm(w);
        OptimizerState state = opt.init(toy.parameters());
        for (int t = 0; t < steps; t++) {
            opt.step(toy.parameters(), state, toy.oracle());
        }
        return norm(w) / before;
    }

    @Test
    void adamPKeepsTheNormOfAScaleInvariantWeightWhileAdamGrowsIt() {
        double adam = normGrowth(new Adam(LR, 0.9, 0.999, 1e-8, 0, false, Adam.WeightDecay.L2), 200);
        double adamP = normGrowth(new AdamP(LR, 0.9, 0.999, 1e-8, 0, 0.1, 0.1, false), 200);
        // Measured: Adam 1.295, AdamP 1.035 (the projected step still grows the norm to second order).
        assertThat(adam).isGreaterThan(1.25);
        assertThat(adamP).isBetween(1.0, 1.05);
    }

    @Test
    void sgdPKeepsTheNormOfAScaleInvariantWeightWhileSgdGrowsIt() {
        double sgd = normGrowth(new SGD(LR, 0.9, 0, 0, false), 200);
        double sgdP = normGrowth(new SGDP(LR, 0.9, 0, 0, false, 1e-8, 0.1, 0.1), 200);
        // Measured: SGD 2.10, SGDP 1.084.
        assertThat(sgd).isGreaterThan(2.0);
        assertThat(sgdP).isBetween(1.0, 1.1);
    }

    @Test
    void theLayerViewFiresForALayerNormalisedWeightTheChannelViewForARowNormalisedOneAndNeverFor1D() {
        Toys.Toy toy = Toys.scaleInvariant(DType.FLOAT64);
        AdamP opt = new AdamP(LR, 0.9, 0.999, 1e-8, 0, 0.1, 0.1, false);
        Diagnostics d = opt.step(toy.parameters(), opt.init(toy.parameters()), toy.oracle()).diagnostics();
        assertThat(d.get("projection/W")).isEqualTo(1.0);
        assertThat(d.get("projection_view/W")).isEqualTo(Projection.View.LAYER.code());
        assertThat(d.get("projection/V")).isEqualTo(1.0);
        assertThat(d.get("projection_view/V")).isEqualTo(Projection.View.CHANNEL.code());
        assertThat(d.contains("projection/v")).isFalse();
    }

    @Test
    void aProjectedUpdateIsOrthogonalToTheWeight() {
        Toys.Toy toy = Toys.scaleInvariant(DType.FLOAT64);
        Tensor w = toy.parameters().get("W").value();
        Tensor before = w.copy();
        SGDP opt = new SGDP(new Schedule.Constant(0.1), 0, 0, 0, false, 1e-8, 0.1, 0.1);
        opt.step(toy.parameters(), opt.init(toy.parameters()), toy.oracle());
        double radial = 0;
        double step = 0;
        for (int k = 0; k < w.size(); k++) {
            radial += (w.get(k) - before.get(k)) * before.get(k);
            step += Math.abs(w.get(k) - before.get(k));
        }
        assertThat(step).isGreaterThan(1e-3);
        assertThat(radial).isCloseTo(0, within(1e-12));
    }

    @Test
    void aGradientAlignedWithTheWeightIsNotProjectedAndDecaysAtTheFullRate() {
        Tensor p = Tensor.of(DType.FLOAT64, new int[] {2, 2}, new double[] {1, 2, 3, 4});
        Tensor g = p.copy();
        Tensor perturb = p.copy();
        assertThat(Projection.apply(p, g, perturb, 0.1, 1e-8, org.optim.core.Kernel.REFERENCE)).isEqualTo(Projection.View.NONE);
        assertThat(perturb.bitwiseEquals(p)).isTrue();
    }

    @Test
    void projectedStepsUseWdRatioAndSgdpDividesTheDecayByOneMinusMomentum() {
        double lr = 0.1;
        double wd = 0.01;
        // One step from a zero buffer with zero gradient: only the weight decay moves the weight, and the
        // zero gradient (cosine 0 < delta) is "projected", so wd_ratio 0.1 applies to 2-D weights.
        Toys.Toy toy = Toys.scaleInvariant(DType.FLOAT64);
        toy.parameters().forEach(p -> p.grad().fill(0));
        double w0 = toy.parameters().get("W").value().get(0);
        double v0 = toy.parameters().get("v").value().get(0);
        SGDP opt = new SGDP(new Schedule.Constant(lr), 0.5, 0, wd, false, 1e-8, 0.1, 0.1);
        opt.update(toy.parameters(), opt.init(toy.parameters()));
        assertThat(toy.parameters().get("W").value().get(0)).isEqualTo(w0 * (1 - lr * wd * 0.1 / 0.5));
        assertThat(toy.parameters().get("v").value().get(0)).isEqualTo(v0 * (1 - lr * wd / 0.5));
    }
}
