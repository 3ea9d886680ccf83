package org.optim.experiments.landscape;

import java.util.Arrays;
import java.util.List;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * An immutable float64 vector laid out like a {@link ParameterSet}: one {@code double[]} per
 * parameter, in the set's order. Directions, Hessian-vector products, power-iteration vectors and
 * SAM perturbations are all of this type.
 *
 * <p>Dot products and norms are sums in parameter order, element order, one accumulator, no
 * fused multiply-add: the same bits on every machine and thread count.
 */
public final class ParameterVector {
    private final List<String> names;
    private final double[][] parts;

    private ParameterVector(List<String> names, double[][] parts) {
        this.names = names;
        this.parts = parts;
    }

    /** The parameters' current values. */
    public static ParameterVector valuesOf(ParameterSet parameters) {
        double[][] parts = new double[parameters.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parameters.get(i).value().toDoubleArray();
        }
        return new ParameterVector(parameters.names(), parts);
    }

    /** The parameters' current gradients. */
    public static ParameterVector gradientsOf(ParameterSet parameters) {
        double[][] parts = new double[parameters.size()][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parameters.get(i).grad().toDoubleArray();
        }
        return new ParameterVector(parameters.names(), parts);
    }

    /** A vector built from per-parameter arrays (copied), named like {@code parameters}. */
    public static ParameterVector of(ParameterSet parameters, List<double[]> values) {
        if (values.size() != parameters.size()) {
            throw new IllegalArgumentException("expected " + parameters.size() + " arrays, got " + values.size());
        }
        double[][] parts = new double[values.size()][];
        for (int i = 0; i < parts.length; i++) {
            int size = parameters.get(i).value().size();
            if (values.get(i).length != size) {
                throw new IllegalArgumentException(parameters.get(i).name() + " needs " + size + " values, got "
                        + values.get(i).length);
            }
            parts[i] = values.get(i).clone();
        }
        return new ParameterVector(parameters.names(), parts);
    }

    /** A copy of the values of parameter {@code index}. */
    public double[] part(int index) {
        return parts[index].clone();
    }

    /** {@code sum_i this_i * other_i}, summed in order. */
    public double dot(ParameterVector other) {
        checkLayout(other);
        double sum = 0;
        for (int p = 0; p < parts.length; p++) {
            double[] a = parts[p];
            double[] b = other.parts[p];
            for (int i = 0; i < a.length; i++) {
                sum += a[i] * b[i];
            }
        }
        return sum;
    }

    /** The global L2 norm over all parameters. */
    public double norm() {
        return Math.sqrt(dot(this));
    }

    /** {@code s * this}. */
    public ParameterVector scale(double s) {
        return combine(s, this, 0, this);
    }

    /** {@code this + s * other}. */
    public ParameterVector plus(double s, ParameterVector other) {
        return combine(1, this, s, other);
    }

    /** {@code a * x + b * y}, element by element (two products and one sum, no fma). */
    public static ParameterVector combine(double a, ParameterVector x, double b, ParameterVector y) {
        x.checkLayout(y);
        double[][] out = new double[x.parts.length][];
        for (int p = 0; p < out.length; p++) {
            double[] xs = x.parts[p];
            double[] ys = y.parts[p];
            double[] o = new double[xs.length];
            for (int i = 0; i < o.length; i++) {
                o[i] = a * xs[i] + b * ys[i];
            }
            out[p] = o;
        }
        return new ParameterVector(x.names, out);
    }

    /**
     * Sets every parameter value to {@code base + a * x + b * y}, computed in float64 and rounded
     * once to the parameters' format.
     */
    public static void assign(ParameterSet parameters, ParameterVector base, double a, ParameterVector x,
            double b, ParameterVector y) {
        base.checkLayout(x);
        base.checkLayout(y);
        base.checkNames(parameters);
        for (int p = 0; p < base.parts.length; p++) {
            Tensor value = parameters.get(p).value();
            double[] w = base.parts[p];
            double[] xs = x.parts[p];
            double[] ys = y.parts[p];
            for (int i = 0; i < w.length; i++) {
                value.set(i, w[i] + (a * xs[i] + b * ys[i]));
            }
        }
    }

    /** Sets every parameter value to {@code base + a * x}. */
    public static void assign(ParameterSet parameters, ParameterVector base, double a, ParameterVector x) {
        assign(parameters, base, a, x, 0, x);
    }

    /** Bitwise equality of layout and every element. */
    public boolean bitwiseEquals(ParameterVector other) {
        if (!names.equals(other.names)) {
            return false;
        }
        for (int p = 0; p < parts.length; p++) {
            double[] a = parts[p];
            double[] b = other.parts[p];
            if (a.length != b.length) {
                return false;
            }
            for (int i = 0; i < a.length; i++) {
                if (Double.doubleToRawLongBits(a[i]) != Double.doubleToRawLongBits(b[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    private void checkLayout(ParameterVector other) {
        if (!names.equals(other.names)) {
            throw new IllegalArgumentException("parameter vectors differ in layout: " + names + " vs " + other.names);
        }
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].length != other.parts[p].length) {
                throw new IllegalArgumentException(names.get(p) + " has " + parts[p].length + " vs "
                        + other.parts[p].length + " values");
            }
        }
    }

    private void checkNames(ParameterSet parameters) {
        if (!names.equals(parameters.names())) {
            throw new IllegalArgumentException("vector for " + names + " applied to parameters " + parameters.names());
        }
        for (int p = 0; p < parts.length; p++) {
            Parameter param = parameters.get(p);
            if (param.value().size() != parts[p].length) {
                throw new IllegalArgumentException(param.name() + Arrays.toString(param.value().shape()) + " vs "
                        + parts[p].length + " values");
            }
        }
    }
}
