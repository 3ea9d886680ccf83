package org.optim.experiments.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

class LossSurfaceTest {
    private final Quadratic quadratic = new Quadratic();

    @Test
    void gridIsSymmetricWithAnExactZeroInTheMiddle() {
        double[] x = LossSurface.grid(0.3, 7);
        assertThat(x).hasSize(7);
        assertThat(x[0]).isEqualTo(-0.3);
        assertThat(x[6]).isEqualTo(0.3);
        assertThat(Double.doubleToRawLongBits(x[3])).isZero();
        for (int k = 0; k < 7; k++) {
            assertThat(x[k]).isEqualTo(-x[6 - k]);
        }
        assertThatThrownBy(() -> LossSurface.grid(0, 5)).hasMessageContaining("span");
    }

    /**
     * On the quadratic, L(w + a d1 + b d2) = L(w) + a g.d1 + b g.d2 + (a^2 d1Hd1 + 2ab d1Hd2 + b^2 d2Hd2) / 2:
     * the surface must put alpha along columns and beta along rows, and leave the weights as they were.
     */
    @Test
    void surfaceMatchesTheQuadraticsClosedFormAndRestoresTheWeights() {
        double[] w0 = quadratic.center();
        w0[2] += 0.7;
        ParameterSet params = Quadratic.parameters(DType.FLOAT64, w0);
        List<Tensor> before = params.snapshotValues();
        ParameterVector d1 = Directions.gaussian(params, GaussianSource.forPurpose(4, "direction-1"));
        ParameterVector d2 = Directions.gaussian(params, GaussianSource.forPurpose(4, "direction-2"));
        double[] x1 = Quadratic.flatten(d1);
        double[] x2 = Quadratic.flatten(d2);
        double l0 = quadratic.evaluate(params);
        double[] g = Quadratic.flatten(ParameterVector.gradientsOf(params));
        double g1 = dot(g, x1);
        double g2 = dot(g, x2);
        double h11 = dot(x1, quadratic.times(x1));
        double h12 = dot(x1, quadratic.times(x2));
        double h22 = dot(x2, quadratic.times(x2));

        double[] alphas = LossSurface.grid(1, 5);
        double[] betas = LossSurface.grid(0.5, 3);
        LossSurface.Surface s = LossSurface.surface(params, LossFunction.of(quadratic), d1, d2, alphas, betas);
        assertThat(s.losses()).hasDimensions(3, 5);
        for (int j = 0; j < betas.length; j++) {
            for (int k = 0; k < alphas.length; k++) {
                double a = alphas[k];
                double b = betas[j];
                double want = l0 + a * g1 + b * g2 + 0.5 * (a * a * h11 + 2 * a * b * h12 + b * b * h22);
                assertThat(s.losses()[j][k]).isCloseTo(want, within(1e-12 * (1 + Math.abs(want))));
            }
        }
        for (int i = 0; i < params.size(); i++) {
            assertThat(params.get(i).value().bitwiseEquals(before.get(i))).isTrue();
        }

        LossSurface.Slice slice = LossSurface.slice(params, LossFunction.of(quadratic), d1, alphas);
        for (int k = 0; k < alphas.length; k++) {
            assertThat(slice.losses()[k]).isEqualTo(s.losses()[1][k]);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
