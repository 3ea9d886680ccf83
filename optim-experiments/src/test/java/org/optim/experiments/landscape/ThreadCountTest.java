package org.optim.experiments.landscape;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.optim.core.DType;
import org.optim.core.Tensor;
import org.optim.core.config.ConfigReader;
import org.optim.experiments.run.SplitMix64;
import org.optim.nn.Initializer;
import org.optim.nn.ModelSpec;
import org.optim.nn.Sequential;
import org.optim.nn.kernel.Kernels;

/**
 * Every landscape measurement of an optim-nn MLP on the fast kernel gives the same bits with 1 and
 * 2 threads. The inputs are seeded uniform pixels in [0, 1) and seeded labels: this checks
 * reproducibility, not anything about MNIST.
 */
class ThreadCountTest {
    private static final int ROWS = 192;
    private static final int INPUTS = 96;

    private record Measured(LossSurface.Slice slice, LossSurface.Surface surface, Landscape.Sharpness sharpness) {
    }

    private static Measured measure(int threads) throws Exception {
        LandscapeConfig config = LandscapeConfig.read(new ConfigReader(new ObjectMapper().readTree(
                "{\"gridSize\": 5, \"slicePoints\": 7, \"subsetSize\": 160, \"powerIterations\": 8}"), "/landscape"));
        SplitMix64 data = SplitMix64.forPurpose(3, "thread-count-test");
        double[] pixels = new double[ROWS * INPUTS];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = data.nextDouble();
        }
        int[] labels = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = data.nextInt(10);
        }
        Tensor inputs = Tensor.of(DType.FLOAT32, new int[] {ROWS, INPUTS}, pixels);
        try (Kernels kernels = Kernels.create(threads)) {
            Sequential model = new Sequential(ModelSpec.mlp(INPUTS, 128, 10), DType.FLOAT32, kernels);
            model.initialize(Initializer.PYTORCH, 5);
            LandscapeSubject.Objective objective = MlpObjective.of(model, inputs, labels, config.subsetSize(), 64);
            return new Measured(Landscape.slice(model.parameters(), objective.loss(), config),
                    Landscape.surface(model.parameters(), objective.loss(), config),
                    Landscape.sharpness(model.parameters(), objective.oracle(), config));
        }
    }

    @Test
    void surfacesAndSharpnessAreIdenticalWithOneAndTwoThreads() throws Exception {
        Measured one = measure(1);
        Measured two = measure(2);
        assertThat(bits(two.slice().losses())).isEqualTo(bits(one.slice().losses()));
        for (int j = 0; j < one.surface().losses().length; j++) {
            assertThat(bits(two.surface().losses()[j])).isEqualTo(bits(one.surface().losses()[j]));
        }
        assertThat(two.sharpness()).isEqualTo(one.sharpness());
        assertThat(one.slice().losses()[3]).isEqualTo(one.surface().losses()[2][2]);
        assertThat(one.sharpness().eigen().eigenvalue()).isPositive();
        assertThat(one.sharpness().sam().sharpness()).isPositive();
    }

    private static long[] bits(double[] xs) {
        long[] out = new long[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = Double.doubleToRawLongBits(xs[i]);
        }
        return out;
    }
}
