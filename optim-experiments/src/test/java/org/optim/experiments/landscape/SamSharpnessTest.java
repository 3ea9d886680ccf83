package org.optim.experiments.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

class SamSharpnessTest {
    private final Quadratic quadratic = new Quadratic();

    private ParameterSet offCenter() {
        double[] w = quadratic.center();
        w[0] += 0.02;
        w[7] -= 0.03;
        return Quadratic.parameters(DType.FLOAT64, w);
    }

    /** With one step, e = rho g / ||g||, so S = rho ||g|| + rho^2 (g^T H g) / (2 ||g||^2) on the quadratic. */
    @Test
    void oneStepIsSamsFirstOrderPerturbation() {
        ParameterSet params = offCenter();
        List<Tensor> before = params.snapshotValues();
        double rho = 0.05;
        quadratic.evaluate(params);
        double[] g = Quadratic.flatten(ParameterVector.gradientsOf(params));
        double gg = 0;
        double ghg = 0;
        double[] hg = quadratic.times(g);
        for (int i = 0; i < g.length; i++) {
            gg += g[i] * g[i];
            ghg += g[i] * hg[i];
        }
        double want = rho * Math.sqrt(gg) + rho * rho * ghg / (2 * gg);
        SamSharpness.Result r = SamSharpness.measure(params, quadratic, rho, 1);
        assertThat(r.sharpness()).isCloseTo(want, within(1e-12));
        assertThat(r.gradientNorm()).isCloseTo(Math.sqrt(gg), within(1e-15));
        for (int i = 0; i < params.size(); i++) {
            assertThat(params.get(i).value().bitwiseEquals(before.get(i))).isTrue();
        }
    }

    /** More ascent steps can only find a larger increase, and never more than rho ||g|| + rho^2 lambda_max / 2. */
    @Test
    void moreAscentStepsTightenTheLowerBound() {
        ParameterSet params = offCenter();
        double rho = 0.2;
        SamSharpness.Result one = SamSharpness.measure(params, quadratic, rho, 1);
        SamSharpness.Result many = SamSharpness.measure(params, quadratic, rho, 20);
        double bound = rho * one.gradientNorm() + 0.5 * rho * rho * Quadratic.largestEigenvalue();
        assertThat(many.sharpness()).isGreaterThan(one.sharpness());
        assertThat(many.sharpness()).isLessThanOrEqualTo(bound);
    }

    @Test
    void atTheMinimumTheFirstOrderPerturbationIsZero() {
        ParameterSet params = Quadratic.parameters(DType.FLOAT64, quadratic.center());
        SamSharpness.Result r = SamSharpness.measure(params, quadratic, 0.05, 1);
        assertThat(r.sharpness()).isZero();
    }
}
