package org.optim.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A parsed, well-formed IDX file: its type, its dimensions and its complete (decompressed) bytes.
 * The first dimension counts items; the others give each item's shape. Values are big-endian.
 *
 * @param file the file as named to the reader (for messages)
 * @param type the element type
 * @param dims the dimensions, dims[0] = number of items
 * @param bytes the whole decompressed file: header then payload
 * @param dataOffset where the payload starts: 4 + 4 * dims.length
 * @param sha256 SHA-256 of {@code bytes} (the uncompressed IDX file), what the data-set pins name
 * @param gzipped whether the file on disk was gzip-compressed
 */
public record IdxFile(String file, IdxType type, int[] dims, byte[] bytes, int dataOffset, String sha256,
                      boolean gzipped) {

    /** Number of items (the first dimension). */
    public int items() {
        return dims[0];
    }

    /** Elements per item: the product of the dimensions after the first (1 for a 1-D file). */
    public int itemSize() {
        int s = 1;
        for (int i = 1; i < dims.length; i++) {
            s *= dims[i];
        }
        return s;
    }

    /** The element at flat index {@code i} as an unsigned byte (only for {@link IdxType#UNSIGNED_BYTE}). */
    public int unsignedByte(int i) {
        return bytes[dataOffset + i] & 0xFF;
    }

    /** Dimensions as {@code 60000 x 28 x 28}. */
    public String shape() {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(" x "));
    }

    /**
     * Checks this is an unsigned-byte file of {@code expectedDims} dimensions whose trailing dimensions
     * (all but the item count) equal {@code itemShape}.
     *
     * @throws IdxFormatException naming the header byte that differs
     */
    public void requireShape(String role, int... itemShape) throws IdxFormatException {
        if (type != IdxType.UNSIGNED_BYTE) {
            throw new IdxFormatException(file, 2, "byte",
                    role + " must have type " + IdxType.UNSIGNED_BYTE.describe() + ", found " + type.describe());
        }
        if (dims.length != itemShape.length + 1) {
            throw new IdxFormatException(file, 3, "byte", String.format(Locale.ROOT,
                    "%s must have %d dimensions, found %d", role, itemShape.length + 1, dims.length));
        }
        for (int i = 0; i < itemShape.length; i++) {
            if (dims[i + 1] != itemShape[i]) {
                throw new IdxFormatException(file, 8L + 4L * i, "byte", String.format(Locale.ROOT,
                        "%s dimension %d must be %d, found %d", role, i + 1, itemShape[i], dims[i + 1]));
            }
        }
    }

    /**
     * Checks every label is in {@code [0, classes)} and returns the histogram (count per class).
     *
     * @throws IdxFormatException at the first label out of range
     */
    public int[] labelHistogram(int classes) throws IdxFormatException {
        requireShape("a label file");
        int[] histogram = new int[classes];
        for (int i = 0; i < items(); i++) {
            int label = unsignedByte(i);
            if (label >= classes) {
                throw new IdxFormatException(file, (long) dataOffset + i, "byte", String.format(Locale.ROOT,
                        "label %d of item %d is out of range, expected 0 to %d", label, i, classes - 1));
            }
            histogram[label]++;
        }
        return histogram;
    }

    /**
     * Checks an image file and a label file describe the same number of items.
     *
     * @throws IdxFormatException at the label file's item count
     */
    public static void requireSameCount(IdxFile images, IdxFile labels) throws IdxFormatException {
        if (images.items() != labels.items()) {
            throw new IdxFormatException(labels.file(), 4, "byte", String.format(Locale.ROOT,
                    "%d labels, expected %d to match the %d images of %s",
                    labels.items(), images.items(), images.items(), images.file()));
        }
    }
}
