package org.optim.experiments.landscape;

import java.util.ArrayList;
import java.util.List;
import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * L(w) = 1/2 (w - c)^T H (w - c) over a weight matrix [2, 3] and a bias [3] (9 coordinates), with
 * H = R diag(lambda) R^T and R = I - 2 r r^T / ||r||^2 a Householder reflection, so the Hessian is
 * dense and its eigenvalues are exactly {@link #EIGENVALUES}.
 */
final class Quadratic implements GradientOracle {
    static final double[] EIGENVALUES = {0.5, 7.0, 2.5, 0.1, 3.0, 1.5, 0.25, 2.0, 1.0};
    static final int N = EIGENVALUES.length;

    final double[][] hessian = new double[N][N];
    private final double[] center = new double[N];
    private final double[] eigenvalues;

    Quadratic() {
        this(EIGENVALUES);
    }

    /** The same construction with other eigenvalues (N of them). */
    Quadratic(double[] eigenvalues) {
        this.eigenvalues = eigenvalues.clone();
        double[] r = new double[N];
        double rr = 0;
        for (int i = 0; i < N; i++) {
            r[i] = 1.0 + 0.37 * i - 0.05 * i * i;
            rr += r[i] * r[i];
            center[i] = 0.3 * (i % 4) - 0.4;
        }
        double[][] reflect = new double[N][N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                reflect[i][j] = (i == j ? 1 : 0) - 2 * r[i] * r[j] / rr;
            }
        }
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                double sum = 0;
                for (int k = 0; k < N; k++) {
                    sum += reflect[i][k] * eigenvalues[k] * reflect[j][k];
                }
                hessian[i][j] = sum;
            }
        }
    }

    static double largestEigenvalue() {
        double max = 0;
        for (double l : EIGENVALUES) {
            max = Math.max(max, l);
        }
        return max;
    }

    /** Parameters "fc.weight" [2, 3] and "fc.bias" [3] holding {@code w} in order. */
    static ParameterSet parameters(DType dtype, double[] w) {
        List<Parameter> ps = new ArrayList<>();
        double[] weight = new double[6];
        double[] bias = new double[3];
        System.arraycopy(w, 0, weight, 0, 6);
        System.arraycopy(w, 6, bias, 0, 3);
        ps.add(Parameter.of("fc.weight", Tensor.of(dtype, new int[] {2, 3}, weight)));
        ps.add(Parameter.of("fc.bias", Tensor.of(dtype, new int[] {3}, bias)));
        return new ParameterSet(ps);
    }

    double[] center() {
        return center.clone();
    }

    static double[] flatten(ParameterVector v) {
        double[] out = new double[N];
        System.arraycopy(v.part(0), 0, out, 0, 6);
        System.arraycopy(v.part(1), 0, out, 6, 3);
        return out;
    }

    double[] times(double[] v) {
        double[] out = new double[N];
        for (int i = 0; i < N; i++) {
            double sum = 0;
            for (int j = 0; j < N; j++) {
                sum += hessian[i][j] * v[j];
            }
            out[i] = sum;
        }
        return out;
    }

    double value(double[] w) {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = w[i] - center[i];
        }
        double[] hx = times(x);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += x[i] * hx[i];
        }
        return 0.5 * sum;
    }

    @Override
    public double evaluate(ParameterSet parameters) {
        double[] w = flatten(ParameterVector.valuesOf(parameters));
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = w[i] - center[i];
        }
        double[] g = times(x);
        Tensor gw = parameters.get(0).grad();
        Tensor gb = parameters.get(1).grad();
        for (int i = 0; i < 6; i++) {
            gw.set(i, g[i]);
        }
        for (int i = 0; i < 3; i++) {
            gb.set(i, g[6 + i]);
        }
        return value(w);
    }
}
