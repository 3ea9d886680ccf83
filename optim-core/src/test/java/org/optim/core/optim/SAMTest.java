package org.optim.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.FirstOrderOptimizer;
import org.optim.core.GradientOracle;
import org.optim.core.OptimizerState;
import org.optim.core.ParameterSet;
import org.optim.core.StepReport;
import org.optim.core.Tensor;
import org.optim.core.problems.Toys;
import org.optim.core.schedule.Schedule;

/** SAM/ASAM properties from Foret et al. (arXiv 2010.01412) and Kwon et al. (arXiv 2102.11600). */
class SAMTest {
    private static final FirstOrderOptimizer SGDM = new SGD(new Schedule.Constant(0.05), 0.9, 0, 0, false);
    private static final FirstOrderOptimizer ADAM =
            new Adam(new Schedule.Constant(0.05), 0.9, 0.999, 1e-8, 0, false, Adam.WeightDecay.L2);

    @Test
    void rhoZeroEqualsTheBaseOptimizerBitForBit() {
        for (FirstOrderOptimizer base : List.of(SGDM, ADAM)) {
            for (DType dt : DType.values()) {
                Toys.Toy withSam = Toys.quadratic(dt);
                Toys.Toy plain = Toys.quadratic(dt);
                SAM sam = new SAM(base, 0, false);
                OptimizerState s1 = sam.init(withSam.parameters());
                OptimizerState s2 = base.init(plain.parameters());
                for (int t = 0; t < 20; t++) {
                    sam.step(withSam.parameters(), s1, withSam.oracle());
                    base.step(plain.parameters(), s2, plain.oracle());
                }
                OptimizerContractTest.assertBitwiseEqual(withSam.parameters(), plain.parameters());
                assertThat(s1.bitwiseEquals(s2)).isTrue();
            }
        }
    }

    @Test
    void theBaseStepsFromTheOriginalWeightsWithTheGradientAtThePerturbedPoint() {
        Toys.Toy toy = Toys.quadratic(DType.FLOAT64);
        ParameterSet set = toy.parameters();
        Tensor w = set.get(0).value().copy();
        List<double[]> perturbedGrads = new ArrayList<>();
        GradientOracle recording = p -> {
            double loss = toy.oracle().evaluate(p);
            perturbedGrads.add(p.get(0).grad().toDoubleArray());
            return loss;
        };
        SAM sam = new SAM(new SGD(new Schedule.Constant(1), 0, 0, 0, false), 0.05, false);
        sam.step(set, sam.init(set), recording);
        double[] g2 = perturbedGrads.get(1);
        for (int k = 0; k < w.size(); k++) {
            assertThat(set.get(0).value().get(k)).isEqualTo(w.get(k) - g2[k]);
        }
        assertThat(g2).isNotEqualTo(perturbedGrads.get(0));
    }

    @Test
    void theOldWeightsAreRestoredExactlyNotBySubtractingThePerturbation() {
        // lr 0: the base step changes nothing, so the weights must come back bit for bit.
        for (DType dt : DType.values()) {
            Toys.Toy toy = Toys.scaleInvariant(dt);
            List<Tensor> before = toy.parameters().snapshotValues();
            SAM sam = new SAM(new SGD(new Schedule.Constant(0), 0, 0, 0, false), 0.3, false);
            sam.step(toy.parameters(), sam.init(toy.parameters()), toy.oracle());
            for (int i = 0; i < before.size(); i++) {
                assertThat(toy.parameters().get(i).value().bitwiseEquals(before.get(i))).isTrue();
            }
        }
    }

    @Test
    void thePerturbationHasNormRhoAndTheGradNormIsTheGlobalNorm() {
        Toys.Toy toy = Toys.scaleInvariant(DType.FLOAT64);
        SAM sam = new SAM(SGDM, 0.05, false);
        StepReport r = sam.step(toy.parameters(), sam.init(toy.parameters()), toy.oracle());
        Toys.Toy fresh = Toys.scaleInvariant(DType.FLOAT64);
        fresh.oracle().evaluate(fresh.parameters());
        double sq = 0;
        for (var p : fresh.parameters()) {
            for (int k = 0; k < p.grad().size(); k++) {
                sq += p.grad().get(k) * p.grad().get(k);
            }
        }
        assertThat(r.diagnostics().get(SAM.GRAD_NORM)).isCloseTo(Math.sqrt(sq), within(1e-12));
        assertThat(r.diagnostics().get(SAM.PERTURBATION_NORM)).isCloseTo(0.05, within(1e-12));
    }

    /** The perturbed point SAM evaluates its second gradient at, for the scale-invariant toy scaled by c. */
    private static List<Tensor> perturbedPoint(boolean adaptive, double c) {
        Toys.Toy toy = Toys.scaleInvariant(DType.FLOAT64);
        for (var p : toy.parameters()) {
            for (int k = 0; k < p.value().size(); k++) {
                p.value().set(k, p.value().get(k) * c);
            }
        }
        List<List<Tensor>> seen = new ArrayList<>();
        GradientOracle recording = p -> {
            seen.add(p.snapshotValues());
            return toy.oracle().evaluate(p);
        };
        SAM sam = new SAM(SGDM, 0.5, adaptive);
        sam.step(toy.parameters(), sam.init(toy.parameters()), recording);
        return seen.get(1);
    }

    @Test
    void asamPerturbationScalesWithTheWeightsWhileSamsDoesNot() {
        // f is invariant to rescaling each weight, so g(4w) = g(w) / 4 exactly (power of two).
        // ASAM: e(4w) = 4 e(w), the perturbed point scales with w (bit for bit, powers of two only).
        // SAM:  e(4w) = e(w) (up to the 1e-12 offset), so relative to w it shrinks 4 times.
        List<Tensor> asam1 = perturbedPoint(true, 1);
        List<Tensor> asam4 = perturbedPoint(true, 4);
        List<Tensor> sam1 = perturbedPoint(false, 1);
        List<Tensor> sam4 = perturbedPoint(false, 4);
        Toys.Toy toy = Toys.scaleInvariant(DType.FLOAT64);
        for (int i = 0; i < asam1.size(); i++) {
            Tensor w = toy.parameters().get(i).value();
            for (int k = 0; k < w.size(); k++) {
                assertThat(asam4.get(i).get(k)).isEqualTo(4 * asam1.get(i).get(k));
                double e1 = sam1.get(i).get(k) - w.get(k);
                double e4 = sam4.get(i).get(k) - 4 * w.get(k);
                assertThat(e4).isCloseTo(e1, within(1e-9));
            }
        }
    }
}
