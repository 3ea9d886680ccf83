package org.optim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real files, loaded once: counts, shapes, histograms, hashes, preprocessing and splits. */
class DatasetsTest {
    private static RawData mnist;
    private static RawData fashion;
    private static Dataset standard;

    @BeforeAll
    static void load() {
        mnist = RealFiles.mnist();
        fashion = RealFiles.fashion();
        standard = Datasets.build(mnist, Preprocessing.DEFAULT, Split.STANDARD);
    }

    @Test
    void mnistHasTheWellKnownCountsShapesAndLabelHistogram() {
        assertThat(mnist.trainImages().dims()).containsExactly(60_000, 28, 28);
        assertThat(mnist.trainLabels().dims()).containsExactly(60_000);
        assertThat(mnist.testImages().dims()).containsExactly(10_000, 28, 28);
        assertThat(mnist.testLabels().dims()).containsExactly(10_000);
        assertThat(mnist.trainHistogram()).containsExactly(5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949);
        assertThat(mnist.testHistogram()).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
    }

    @Test
    void fashionMnistIsBalancedSixThousandAndOneThousandPerClass() {
        assertThat(fashion.trainImages().dims()).containsExactly(60_000, 28, 28);
        assertThat(fashion.testImages().dims()).containsExactly(10_000, 28, 28);
        int[] train = new int[10];
        int[] test = new int[10];
        Arrays.fill(train, 6000);
        Arrays.fill(test, 1000);
        assertThat(fashion.trainHistogram()).isEqualTo(train);
        assertThat(fashion.testHistogram()).isEqualTo(test);
    }

    @Test
    void everyFileHashesToItsPinAndThePinsAreTheUncompressedHashes() {
        for (RawData raw : List.of(mnist, fashion)) {
            for (DataStore.Resolved r : raw.resolved()) {
                assertThat(r.idx().sha256()).isEqualTo(r.file().sha256()).isEqualTo(Sha256.hex(r.idx().bytes()));
                assertThat((long) r.idx().bytes().length).isEqualTo(r.file().length());
            }
        }
        assertThat(standard.fileSha256()).isEqualTo(new TreeMap<>(Map.of(
                "t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7",
                "t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
                "train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db",
                "train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5")));
        assertThat(List.copyOf(standard.fileSha256().keySet())).isSorted();
    }

    @Test
    void defaultPreprocessingDividesBy255InFloat32() {
        assertThat(standard.train().size()).isEqualTo(60_000);
        assertThat(standard.train().images()).hasSize(60_000 * 784);
        assertThat(standard.test().size()).isEqualTo(10_000);
        assertThat(standard.validation().size()).isZero();
        assertThat(standard.itemShape()).containsExactly(784);
        IdxFile img = mnist.trainImages();
        for (int i : new int[] {0, 783, 784 * 7 + 300, 60_000 * 784 - 1}) {
            assertThat(standard.train().images()[i]).isEqualTo(img.unsignedByte(i) / 255f);
        }
        assertThat(standard.train().labels()[0]).isEqualTo(5);
        assertThat(standard.test().labels()[0]).isEqualTo(7);
        assertThat(standard.split()).isEqualTo("train=train[0:60000] test=test[0:10000]");
        assertThat(standard.trainedOnTestSet()).isFalse();
        assertThat(standard.preprocessing()).isEqualTo("scale=/255 normalize=none flatten=true");
    }

    @Test
    void rawScalingAndNormalizationFollowTheFormula() {
        Dataset raw = Datasets.build(mnist, new Preprocessing(Preprocessing.Scale.RAW, null, false), Split.STANDARD);
        Preprocessing norm = Preprocessing.fromMap(Map.of("normalize", Map.of("mean", 0.1307, "std", 0.3081)), "/data/preprocessing");
        Dataset normalized = Datasets.build(mnist, norm, Split.STANDARD);
        assertThat(raw.itemShape()).containsExactly(1, 28, 28);
        int i = 784 * 3;
        while (mnist.trainImages().unsignedByte(i) == 0 || mnist.trainImages().unsignedByte(i) == 255) {
            i++;
        }
        int p = mnist.trainImages().unsignedByte(i);
        assertThat(raw.train().images()[i]).isEqualTo((float) p);
        assertThat(normalized.train().images()[i]).isEqualTo((p / 255f - 0.1307f) / 0.3081f);
        assertThat(normalized.train().images()[0]).isEqualTo(-0.1307f / 0.3081f);
        assertThat(normalized.preprocessing()).isEqualTo("scale=/255 normalize=(x-0.1307)/0.3081 flatten=true");
    }

    @Test
    void fixedRangeValidationTakesTheLastTenThousand() {
        Split split = Split.fromMap(Map.of("validation", Map.of("kind", "range", "from", 50_000, "to", 60_000)), "/split");
        Dataset d = Datasets.build(mnist, Preprocessing.DEFAULT, split);
        assertThat(d.train().size()).isEqualTo(50_000);
        assertThat(d.validation().size()).isEqualTo(10_000);
        assertThat(d.validation().labels()[0]).isEqualTo(mnist.trainLabels().unsignedByte(50_000));
        assertThat(Arrays.copyOfRange(d.validation().images(), 0, 784))
                .isEqualTo(Arrays.copyOfRange(standard.train().images(), 50_000 * 784, 50_001 * 784));
        assertThat(d.split()).isEqualTo("train=train[0:50000] val=train[50000:60000] test=test[0:10000]");
        Split middle = new Split(Split.Pool.TRAIN, new Split.Range(10, 20));
        assertThat(middle.describe(60_000, 10_000)).isEqualTo("train=train[0:10]+train[20:60000] val=train[10:20] test=test[0:10000]");
        assertThatThrownBy(() -> Datasets.build(mnist, Preprocessing.DEFAULT, new Split(Split.Pool.TRAIN, new Split.Range(50_000, 60_001))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must lie inside the 60000 train images");
    }

    @Test
    void seededValidationIsReproduciblePartitionsThePoolAndDependsOnTheSeed() {
        Split.Assignment a = new Split(Split.Pool.TRAIN, new Split.Seeded(10_000, 7)).assign(60_000);
        Split.Assignment again = new Split(Split.Pool.TRAIN, new Split.Seeded(10_000, 7)).assign(60_000);
        Split.Assignment other = new Split(Split.Pool.TRAIN, new Split.Seeded(10_000, 8)).assign(60_000);
        assertThat(a.validation()).isEqualTo(again.validation()).hasSize(10_000).isSorted();
        assertThat(a.train()).hasSize(50_000).isSorted();
        assertThat(other.validation()).isNotEqualTo(a.validation());
        Set<Integer> all = new HashSet<>();
        Arrays.stream(a.train()).forEach(all::add);
        Arrays.stream(a.validation()).forEach(all::add);
        assertThat(all).hasSize(60_000);
        assertThat(new Split(Split.Pool.TRAIN, new Split.Seeded(10_000, 7)).describe(60_000, 10_000))
                .isEqualTo("train=train{the other 50000} val=train{seeded 10000 of 60000, seed 7} test=test[0:10000]");
    }

    @Test
    void splitMix64MatchesItsPublishedSequenceForSeedZero() {
        long[] state = {0};
        assertThat(Split.splitMix64(state)).isEqualTo(0xE220A8397B1DCDAFL);
        assertThat(Split.splitMix64(state)).isEqualTo(0x6E789E6AA1B965F4L);
        assertThat(Split.permutation(5, 42)).containsExactlyInAnyOrder(0, 1, 2, 3, 4);
    }

    @Test
    void trainingOnTheTestSetIsExpressibleAndFlagged() {
        Split split = Split.fromMap(Map.of("trainOn", "test"), "/data/split");
        Dataset d = Datasets.build(mnist, Preprocessing.DEFAULT, split);
        assertThat(d.trainedOnTestSet()).isTrue();
        assertThat(d.train().size()).isEqualTo(10_000);
        assertThat(d.train().images()).isEqualTo(d.test().images());
        assertThat(d.train().labels()).isEqualTo(d.test().labels());
        assertThat(d.split()).isEqualTo("train=test[0:10000] test=test[0:10000] (trains on the test set)");
    }

    @Test
    void jsonLikeValuesAreCheckedWithPointers() {
        assertThatThrownBy(() -> Split.fromMap(Map.of("trainOn", "val"), "/data/split"))
                .hasMessage("/data/split/trainOn: expected one of train, test, got \"val\"");
        assertThatThrownBy(() -> Split.fromMap(Map.of("validation", Map.of("kind", "range", "from", 5, "to", 5)), "/s"))
                .hasMessage("/s/validation/to: must be more than from (5), got 5");
        assertThatThrownBy(() -> Split.fromMap(Map.of("validation", Map.of("kind", "seeded", "size", 1.5, "seed", 1)), "/s"))
                .hasMessage("/s/validation/size: expected an integer, got 1.5");
        assertThatThrownBy(() -> Split.fromMap(Map.of("validation", Map.of("kind", "none", "seed", 1)), "/s"))
                .hasMessage("/s/validation/seed: unknown field, expected one of kind");
        assertThatThrownBy(() -> Preprocessing.fromMap(Map.of("scale", "unit", "flaten", true), "/p"))
                .hasMessage("/p/flaten: unknown field, expected one of flatten, normalize, scale");
        assertThatThrownBy(() -> Preprocessing.fromMap(Map.of("normalize", Map.of("mean", 0, "std", 0)), "/p"))
                .hasMessage("/p/normalize/std: must be positive, got 0.0");
        assertThatThrownBy(() -> Preprocessing.fromMap(List.of(), "/p")).hasMessage("/p: expected an object, got a list");
        assertThat(Split.fromMap(Map.of(), "/s")).isEqualTo(Split.STANDARD);
        assertThat(Preprocessing.fromMap(Map.of(), "/p")).isEqualTo(Preprocessing.DEFAULT);
    }

    @Test
    void unknownDataSetNamesTheKnownOnes() {
        assertThatThrownBy(() -> Datasets.load("cifar10", DataOptions.DEFAULT))
                .hasMessage("unknown data set 'cifar10', expected one of mnist, fashion-mnist");
    }
}
