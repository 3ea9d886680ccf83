package org.optim.data;

import java.util.List;

/**
 * The four checked IDX files of a data set, before preprocessing: shapes checked against the
 * {@link DatasetSpec}, labels in range, image and label counts equal.
 *
 * @param spec the data set
 * @param trainImages training images
 * @param trainLabels training labels
 * @param testImages test images
 * @param testLabels test labels
 * @param trainHistogram images per class in the training file
 * @param testHistogram images per class in the test file
 * @param resolved where each file came from, in {@link DatasetSpec#files()} order
 */
public record RawData(DatasetSpec spec, IdxFile trainImages, IdxFile trainLabels, IdxFile testImages,
                      IdxFile testLabels, int[] trainHistogram, int[] testHistogram,
                      List<DataStore.Resolved> resolved) {

    /** Checks the four resolved files of {@code spec} against each other and the spec. */
    static RawData of(DatasetSpec spec, List<DataStore.Resolved> files) throws IdxFormatException {
        IdxFile trainImages = files.get(0).idx();
        IdxFile trainLabels = files.get(1).idx();
        IdxFile testImages = files.get(2).idx();
        IdxFile testLabels = files.get(3).idx();
        trainImages.requireShape("an image file", spec.rows(), spec.cols());
        testImages.requireShape("an image file", spec.rows(), spec.cols());
        int[] trainHistogram = trainLabels.labelHistogram(spec.classes());
        int[] testHistogram = testLabels.labelHistogram(spec.classes());
        IdxFile.requireSameCount(trainImages, trainLabels);
        IdxFile.requireSameCount(testImages, testLabels);
        return new RawData(spec, trainImages, trainLabels, testImages, testLabels, trainHistogram, testHistogram,
                List.copyOf(files));
    }
}
