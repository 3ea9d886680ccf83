package org.optim.experiments.landscape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * Random Gaussian directions normalized filter by filter to the weights they perturb.
 *
 * <pre>
 *   d ~ N(0, I)                                       one entry per weight, in parameter order
 *   d_{i,j} <- d_{i,j} / (||d_{i,j}|| + 1e-10) * ||theta_{i,j}||      every filter j of layer i
 *   d_i <- 0                                          every parameter of rank <= 1 (biases)
 * </pre>
 * A filter is a slice along dimension 0: for a dense layer's {@code [out, in]} weight matrix one
 * output neuron's row of weights, for a convolution's {@code [out, in, kh, kw]} kernel one output
 * channel. Normalizing per filter removes the scale invariance that makes plots of differently
 * scaled networks incomparable. Parameters of rank 0 or 1 (biases, batch-norm scales) get a zero
 * direction component, as the paper's plots do ("biasbn" ignored); the filter norm of a zero
 * weight filter is 0, so such a filter is never moved either.
 *
 * <p>Reference: H. Li, Z. Xu, G. Taylor, C. Studer, T. Goldstein, "Visualizing the Loss Landscape
 * of Neural Nets", NeurIPS 2018, arXiv:1712.09913, section 4 (filter-wise normalization).
 *
 * <p>Matches: tomgoldstein/loss-landscape {@code net_plotter.py} ({@code normalize_direction} with
 * {@code norm='filter'}, the {@code + 1e-10} included; {@code normalize_directions_for_weights}
 * with {@code ignore='biasbn'}). Deviation: the Gaussian draws come from {@link GaussianSource}
 * (seeded SplitMix64 + Box-Muller in float64), not {@code torch.randn}, and the direction is kept in
 * float64.
 */
public final class Directions {
    private Directions() {
    }

    /** A direction with independent standard normal entries for every parameter, drawn in parameter order. */
    public static ParameterVector gaussian(ParameterSet weights, GaussianSource source) {
        List<double[]> parts = new ArrayList<>(weights.size());
        for (Parameter p : weights) {
            double[] d = new double[p.value().size()];
            source.fill(d);
            parts.add(d);
        }
        return ParameterVector.of(weights, parts);
    }

    /** A filter-normalized direction for the current values of {@code weights}, drawn from {@code source}. */
    public static ParameterVector filterNormalized(ParameterSet weights, GaussianSource source) {
        ParameterVector raw = gaussian(weights, source);
        List<double[]> parts = new ArrayList<>(weights.size());
        for (int index = 0; index < weights.size(); index++) {
            Tensor value = weights.get(index).value();
            double[] d = raw.part(index);
            if (value.rank() <= 1) {
                Arrays.fill(d, 0.0);
            } else {
                double[] w = value.toDoubleArray();
                int filters = value.dim(0);
                int filterSize = filters == 0 ? 0 : w.length / filters;
                for (int f = 0; f < filters; f++) {
                    int from = f * filterSize;
                    double scale = norm(w, from, filterSize) / (norm(d, from, filterSize) + 1e-10);
                    for (int i = from; i < from + filterSize; i++) {
                        d[i] *= scale;
                    }
                }
            }
            parts.add(d);
        }
        return ParameterVector.of(weights, parts);
    }

    private static double norm(double[] x, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum);
    }
}
