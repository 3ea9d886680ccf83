package org.optim.experiments.landscape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

class DirectionsTest {
    /** A dense layer [4, 5] + bias [4] and a conv-like kernel [3, 2, 2] whose second filter is zero. */
    private static ParameterSet layers() {
        GaussianSource init = GaussianSource.forPurpose(99, "test");
        double[] dense = new double[20];
        init.fill(dense);
        for (int i = 0; i < dense.length; i++) {
            dense[i] *= 0.1 * (1 + i / 5);
        }
        double[] bias = {0.5, -0.25, 1.0, 2.0};
        double[] conv = {1, 2, 3, 4, 0, 0, 0, 0, -0.5, 0.25, 0.125, 8};
        return new ParameterSet(List.of(
                Parameter.of("fc1.weight", Tensor.of(DType.FLOAT32, new int[] {4, 5}, dense)),
                Parameter.of("fc1.bias", Tensor.of(DType.FLOAT32, new int[] {4}, bias)),
                Parameter.of("conv.weight", Tensor.of(DType.FLOAT32, new int[] {3, 2, 2}, conv))));
    }

    private static double[] rowNorms(double[] x, int rows) {
        int cols = x.length / rows;
        double[] norms = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += x[r * cols + c] * x[r * cols + c];
            }
            norms[r] = Math.sqrt(s);
        }
        return norms;
    }

    /** Equal up to the official code's 1e-10 guard in the denominator (relative 1e-10 / ||d_filter||). */
    @Test
    void everyDirectionFilterHasTheNormOfItsWeightFilter() {
        ParameterSet params = layers();
        ParameterVector d = Directions.filterNormalized(params, GaussianSource.forPurpose(7, "test"));
        for (int index : new int[] {0, 2}) {
            Tensor w = params.get(index).value();
            double[] want = rowNorms(w.toDoubleArray(), w.dim(0));
            double[] got = rowNorms(d.part(index), w.dim(0));
            for (int f = 0; f < want.length; f++) {
                assertThat(got[f]).as("%s filter %d", params.get(index).name(), f)
                        .isCloseTo(want[f], within(1e-9 * want[f]));
            }
        }
        assertThat(rowNorms(d.part(2), 3)[1]).isZero();
        assertThat(d.part(1)).containsOnly(0.0);
    }

    @Test
    void directionsAreNotJustTheWeightsRescaled() {
        ParameterSet params = layers();
        ParameterVector d = Directions.filterNormalized(params, GaussianSource.forPurpose(7, "test"));
        ParameterVector w = ParameterVector.valuesOf(params);
        double cos = d.dot(w) / (d.norm() * w.norm());
        assertThat(Math.abs(cos)).isLessThan(0.9);
    }

    @Test
    void theSameSeedGivesTheSameBitsAndAnotherSeedAnotherDirection() {
        ParameterSet params = layers();
        ParameterVector a = Directions.filterNormalized(params, GaussianSource.forPurpose(7, "test"));
        ParameterVector b = Directions.filterNormalized(params, GaussianSource.forPurpose(7, "test"));
        ParameterVector c = Directions.filterNormalized(params, GaussianSource.forPurpose(8, "test"));
        assertThat(a.bitwiseEquals(b)).isTrue();
        assertThat(a.bitwiseEquals(c)).isFalse();
    }

    @Test
    void purposesDrawDifferentStreams() {
        GaussianSource one = GaussianSource.forPurpose(1, "direction-1");
        GaussianSource two = GaussianSource.forPurpose(1, "direction-2");
        assertThat(one.nextGaussian()).isNotEqualTo(two.nextGaussian());
    }

    @Test
    void gaussianStreamHasUnitVarianceAndZeroMean() {
        GaussianSource source = GaussianSource.forPurpose(2024, "test");
        int n = 200_000;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            double z = source.nextGaussian();
            sum += z;
            sumSq += z * z;
        }
        assertThat(sum / n).isCloseTo(0, within(0.01));
        assertThat(sumSq / n).isCloseTo(1, within(0.015));
    }
}
