package org.optim.data;

/**
 * One file of a data set, pinned: its canonical (uncompressed IDX) name and the SHA-256 of its
 * uncompressed bytes. A copy that is gzip-compressed is accepted when its decompressed bytes match.
 *
 * @param name the IDX file name, e.g. {@code train-images-idx3-ubyte}
 * @param sha256 SHA-256 of the uncompressed file
 * @param length length of the uncompressed file in bytes
 */
public record DataFile(String name, String sha256, long length) {
}
