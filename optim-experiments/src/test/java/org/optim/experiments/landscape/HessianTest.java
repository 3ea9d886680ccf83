package org.optim.experiments.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

class HessianTest {
    private final Quadratic quadratic = new Quadratic();

    private ParameterSet awayFromMinimum(DType dtype) {
        double[] w = quadratic.center();
        for (int i = 0; i < w.length; i++) {
            w[i] += 0.5 - 0.1 * i;
        }
        return Quadratic.parameters(dtype, w);
    }

    @Test
    void finiteDifferenceProductMatchesTheKnownHessianInFloat64() {
        ParameterSet params = awayFromMinimum(DType.FLOAT64);
        HessianVectorProduct hvp = new HessianVectorProduct(params, quadratic, 1e-4);
        ParameterVector v = Directions.filterNormalized(params, GaussianSource.forPurpose(3, "test"))
                .plus(1, ParameterVector.of(params, List.of(new double[6], new double[] {0.3, -0.2, 0.9})));
        double[] exact = quadratic.times(Quadratic.flatten(v));
        double[] approx = Quadratic.flatten(hvp.apply(v));
        double errSq = 0;
        double normSq = 0;
        for (int i = 0; i < exact.length; i++) {
            errSq += (approx[i] - exact[i]) * (approx[i] - exact[i]);
            normSq += exact[i] * exact[i];
        }
        assertThat(Math.sqrt(errSq / normSq)).isLessThan(1e-9);
    }

    @Test
    void powerIterationFindsTheTopEigenvalueOfAQuadratic() {
        ParameterSet params = awayFromMinimum(DType.FLOAT64);
        List<Tensor> before = params.snapshotValues();
        HessianVectorProduct hvp = new HessianVectorProduct(params, quadratic, 1e-4);
        ParameterVector start = Directions.gaussian(params, GaussianSource.forPurpose(11, "power-iteration"));
        PowerIteration.Estimate est = PowerIteration.topEigenvalue(hvp::apply, start, 200, 1e-12);
        assertThat(est.converged()).isTrue();
        assertThat(est.eigenvalue()).isCloseTo(Quadratic.largestEigenvalue(), within(7e-6));
        for (int i = 0; i < params.size(); i++) {
            assertThat(params.get(i).value().bitwiseEquals(before.get(i))).isTrue();
        }
    }

    /**
     * Eigenvalues 3 and -2.999 (and smaller ones): the plain power iteration ends in a 2-cycle whose
     * Rayleigh quotient oscillates far below 3 and never converges; the Ritz step finds 3.
     */
    @Test
    void theRitzStepFindsTheTopEigenvalueWhenANegativeOneIsAsLarge() {
        Quadratic saddle = new Quadratic(new double[] {0.5, 3.0, -2.999, 0.1, -1.0, 1.5, 0.25, 2.0, 1.0});
        ParameterSet params = Quadratic.parameters(DType.FLOAT64, saddle.center());
        HessianVectorProduct hvp = new HessianVectorProduct(params, saddle, 1e-4);
        PowerIteration.Estimate est = PowerIteration.topEigenvalue(hvp::apply,
                Directions.gaussian(params, GaussianSource.forPurpose(2, "test")), 400, 1e-12);
        assertThat(est.converged()).isFalse();
        assertThat(Math.abs(est.rayleigh())).isLessThan(2.5);
        assertThat(est.eigenvalue()).isCloseTo(3.0, within(3e-6));
    }

    @Test
    void powerIterationReportsNonConvergenceInsteadOfHidingIt() {
        ParameterSet params = awayFromMinimum(DType.FLOAT64);
        ParameterVector start = Directions.gaussian(params, GaussianSource.forPurpose(5, "test"));
        HessianVectorProduct hvp = new HessianVectorProduct(params, quadratic, 1e-4);
        PowerIteration.Estimate est = PowerIteration.topEigenvalue(hvp::apply, start, 3, 0);
        assertThat(est.converged()).isFalse();
        assertThat(est.iterations()).isEqualTo(3);
        assertThat(est.rayleigh()).isLessThan(est.eigenvalue());
        assertThat(est.eigenvalue()).isLessThan(Quadratic.largestEigenvalue());
    }

    @Test
    void powerIterationIsDeterministicForASeed() {
        ParameterSet params = awayFromMinimum(DType.FLOAT32);
        HessianVectorProduct hvp = new HessianVectorProduct(params, quadratic, 1e-2);
        PowerIteration.Estimate a = PowerIteration.topEigenvalue(hvp::apply,
                Directions.gaussian(params, GaussianSource.forPurpose(8, "test")), 30, 1e-6);
        PowerIteration.Estimate b = PowerIteration.topEigenvalue(hvp::apply,
                Directions.gaussian(params, GaussianSource.forPurpose(8, "test")), 30, 1e-6);
        assertThat(Double.doubleToRawLongBits(a.eigenvalue())).isEqualTo(Double.doubleToRawLongBits(b.eigenvalue()));
        assertThat(a.eigenvalue()).isCloseTo(Quadratic.largestEigenvalue(), within(1e-3 * 7));
    }
}
