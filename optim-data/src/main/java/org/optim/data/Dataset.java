package org.optim.data;

import java.util.SortedMap;

/**
 * A loaded, checked and preprocessed data set, ready for training.
 *
 * @param name the data set's name, e.g. {@code mnist}
 * @param train the training images and labels
 * @param validation the validation images and labels (empty without a validation split)
 * @param test the test images and labels
 * @param itemShape the shape of one image, e.g. {@code [784]} (images are row-major either way)
 * @param classes number of label values (labels are 0 to classes - 1)
 * @param fileSha256 SHA-256 of each uncompressed IDX file used, by file name, sorted (for provenance)
 * @param split what trained, validated and tested (for provenance), e.g.
 *     {@code train=train[0:60000] test=test[0:10000]}
 * @param trainedOnTestSet whether the training images are the test file's (flag this in the report)
 * @param preprocessing the preprocessing applied (for provenance)
 */
public record Dataset(String name, Part train, Part validation, Part test, int[] itemShape, int classes,
                      SortedMap<String, String> fileSha256, String split, boolean trainedOnTestSet,
                      String preprocessing) {

    /**
     * Images and labels of one part.
     *
     * @param images {@code size() x features} floats, row-major, preprocessed
     * @param labels one label per image, in {@code [0, classes)}
     * @param features floats per image
     */
    public record Part(float[] images, int[] labels, int features) {
        /** Number of images. */
        public int size() {
            return labels.length;
        }
    }
}
