package org.optim.core.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

class ProblemsTest {

    /** Central differences in float64 agree with the analytic gradient. */
    private static void assertGradientMatchesFiniteDifferences(ParameterSet set, GradientOracle oracle) {
        oracle.evaluate(set);
        double h = 1e-6;
        for (Parameter p : set) {
            double[] analytic = p.grad().toDoubleArray();
            for (int k = 0; k < p.value().size(); k++) {
                double x = p.value().get(k);
                p.value().set(k, x + h);
                double up = oracle.evaluate(set);
                p.value().set(k, x - h);
                double down = oracle.evaluate(set);
                p.value().set(k, x);
                assertThat(analytic[k]).as("%s[%d]", p.name(), k).isCloseTo((up - down) / (2 * h), within(1e-6));
            }
        }
    }

    @Test
    void quadraticGradientIsAxPlusBAndMatchesFiniteDifferences() {
        Toys.Toy toy = Toys.quadratic(DType.FLOAT64);
        assertGradientMatchesFiniteDifferences(toy.parameters(), toy.oracle());
    }

    @Test
    void rosenbrockHasItsMinimumAtAAndASquared() {
        Rosenbrock r = new Rosenbrock(1.5, 100);
        ParameterSet at = ParameterSet.of(Parameter.of("p", Tensor.of(DType.FLOAT64, new int[] {2}, new double[] {1.5, 2.25})));
        assertThat(r.evaluate(at)).isZero();
        assertThat(Math.abs(at.get(0).grad().get(0)) + Math.abs(at.get(0).grad().get(1))).isZero();
        ParameterSet off = ParameterSet.of(Parameter.of("p", Tensor.of(DType.FLOAT64, new int[] {2}, new double[] {-0.75, 0.5})));
        assertGradientMatchesFiniteDifferences(off, r);
    }

    @Test
    void scaleInvariantGradientMatchesFiniteDifferencesAndIsOrthogonalPerGroup() {
        Toys.Toy toy = Toys.scaleInvariant(DType.FLOAT64);
        assertGradientMatchesFiniteDifferences(toy.parameters(), toy.oracle());
        toy.oracle().evaluate(toy.parameters());
        Parameter w = toy.parameters().get("W");
        assertThat(dot(w.value(), w.grad(), 0, 12)).isCloseTo(0, within(1e-12));
        Parameter v = toy.parameters().get("V");
        for (int row = 0; row < 3; row++) {
            assertThat(dot(v.value(), v.grad(), row * 4, row * 4 + 4)).as("row %d", row).isCloseTo(0, within(1e-12));
        }
    }

    @Test
    void scaleInvariantLossIgnoresRescalingOfEachRow() {
        Toys.Toy toy = Toys.scaleInvariant(DType.FLOAT64);
        double before = toy.oracle().evaluate(toy.parameters());
        Tensor v = toy.parameters().get("V").value();
        for (int k = 4; k < 8; k++) {
            v.set(k, v.get(k) * 3);
        }
        Tensor w = toy.parameters().get("W").value();
        for (int k = 0; k < w.size(); k++) {
            w.set(k, w.get(k) * 0.5);
        }
        assertThat(toy.oracle().evaluate(toy.parameters())).isCloseTo(before, within(1e-12));
    }

    @Test
    void float32ProblemsComputeInFloat32() {
        Toys.Toy toy = Toys.scaleInvariant(DType.FLOAT32);
        double loss = toy.oracle().evaluate(toy.parameters());
        assertThat((double) (float) loss).isEqualTo(loss);
        Toys.Toy q64 = Toys.quadratic(DType.FLOAT64);
        Toys.Toy q32 = Toys.quadratic(DType.FLOAT32);
        double l64 = q64.oracle().evaluate(q64.parameters());
        double l32 = q32.oracle().evaluate(q32.parameters());
        assertThat(l32).isCloseTo(l64, within(1e-5 * Math.abs(l64)));
    }

    @Test
    void gradientStreamPlaysBackInOrderWithTheLinearSurrogateLoss() {
        GradientStream stream = new GradientStream(List.of(
                List.of(new double[] {1, -2}), List.of(new double[] {0.5, 0})));
        ParameterSet set = ParameterSet.of(Parameter.of("w", Tensor.of(DType.FLOAT64, new int[] {2}, new double[] {3, 4})));
        assertThat(stream.evaluate(set)).isEqualTo(3 - 8);
        assertThat(set.get(0).grad().toDoubleArray()).containsExactly(1, -2);
        assertThat(stream.evaluate(set)).isEqualTo(1.5);
        assertThat(stream.position()).isEqualTo(2);
        stream.seek(1);
        stream.evaluate(set);
        assertThat(set.get(0).grad().toDoubleArray()).containsExactly(0.5, 0);
    }

    private static double dot(Tensor a, Tensor b, int from, int to) {
        double s = 0;
        for (int k = from; k < to; k++) {
            s += a.get(k) * b.get(k);
        }
        return s;
    }
}
