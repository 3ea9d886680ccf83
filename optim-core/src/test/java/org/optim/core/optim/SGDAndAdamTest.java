package org.optim.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.FirstOrderOptimizer;
import org.optim.core.OptimizerState;
import org.optim.core.ParameterSet;
import org.optim.core.Parameter;
import org.optim.core.Tensor;
import org.optim.core.problems.Toys;
import org.optim.core.schedule.Schedule;

class SGDAndAdamTest {

    /** Solves A x = rhs by Gaussian elimination with partial pivoting (test oracle). */
    private static double[] solve(double[] a, double[] rhs) {
        int n = rhs.length;
        double[][] m = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a, i * n, m[i], 0, n);
            m[i][n] = rhs[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = m[c];
            m[c] = m[pivot];
            m[pivot] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != c) {
                    double f = m[r][c] / m[c][c];
                    for (int k = c; k <= n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = m[i][n] / m[i][i];
        }
        return x;
    }

    private static void assertConvergesToTheMinimiser(FirstOrderOptimizer opt, int steps, double tolerance) {
        double[] b = Toys.quadraticB();
        double[] negB = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            negB[i] = -b[i];
        }
        double[] xStar = solve(Toys.quadraticA(), negB);
        Toys.Toy toy = Toys.quadratic(DType.FLOAT64);
        OptimizerState state = opt.init(toy.parameters());
        for (int t = 0; t < steps; t++) {
            opt.step(toy.parameters(), state, toy.oracle());
        }
        assertThat(toy.parameters().get(0).value().toDoubleArray()).containsExactly(xStar, within(tolerance));
    }

    @Test
    void sgdAndNesterovConvergeToMinusAInverseB() {
        assertConvergesToTheMinimiser(new SGD(new Schedule.Constant(0.1), 0, 0, 0, false), 500, 1e-10);
        assertConvergesToTheMinimiser(new SGD(new Schedule.Constant(0.05), 0.9, 0, 0, true), 500, 1e-10);
    }

    @Test
    void adamWithADecayingRateConvergesToMinusAInverseB() {
        Schedule lr = new Schedule.Cosine(0.05, 3000, 0);
        assertConvergesToTheMinimiser(new Adam(lr, 0.9, 0.999, 1e-8, 0, false, Adam.WeightDecay.L2), 3000, 1e-4);
    }

    /** The first Adam step on a single weight with gradient g, under an eps convention. */
    private static double firstStep(Adam.EpsConvention convention, double g, double eps) {
        ParameterSet set = ParameterSet.of(Parameter.of("w", Tensor.of(DType.FLOAT64, new int[] {1}, new double[] {0})));
        set.get(0).grad().set(0, g);
        Adam adam = new Adam(new Schedule.Constant(1), 0.9, 0.999, eps, 0, false, Adam.WeightDecay.L2, convention);
        adam.update(set, adam.init(set));
        return -set.get(0).value().get(0);
    }

    @Test
    void kerasEpsConventionIsTheEpsHatFormWithEffectiveEpsDividedBySqrtOfOneMinusBeta2AtStepOne() {
        // Step 1: m = 0.1 g, v = 0.001 g^2.
        // pytorch: lr/0.1 * m / (sqrt(v)/sqrt(0.001) + eps) = g / (|g| + eps)
        // keras:   lr sqrt(0.001)/0.1 * m / (sqrt(v) + eps) = g / (|g| + eps / sqrt(0.001))
        double g = 0.01;
        double eps = 1e-3;
        assertThat(firstStep(Adam.EpsConvention.PYTORCH, g, eps)).isCloseTo(g / (g + eps), within(1e-12));
        assertThat(firstStep(Adam.EpsConvention.KERAS, g, eps)).isCloseTo(g / (g + eps / Math.sqrt(0.001)), within(1e-12));
        // With eps = 0 the conventions agree up to rounding.
        assertThat(firstStep(Adam.EpsConvention.KERAS, g, 0)).isCloseTo(firstStep(Adam.EpsConvention.PYTORCH, g, 0), within(1e-15));
    }
}
