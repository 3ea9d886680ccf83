package org.optim.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The real data sets for tests, through the normal source chain (cache, npm, Debian; never a mirror),
 * loaded once per JVM.
 */
final class RealFiles {
    private static RawData mnist;
    private static RawData fashion;

    private RealFiles() {
    }

    static synchronized RawData mnist() {
        if (mnist == null) {
            mnist = load(Catalog.MNIST);
        }
        return mnist;
    }

    static synchronized RawData fashion() {
        if (fashion == null) {
            fashion = load(Catalog.FASHION_MNIST);
        }
        return fashion;
    }

    private static RawData load(DatasetSpec spec) {
        try {
            return Datasets.raw(spec, DataSources.defaults(spec).withMirrors(List.of()), false);
        } catch (DataException e) {
            throw new IllegalStateException("tests need the real " + spec.name() + " files: " + e.getMessage(), e);
        }
    }

    /** A small valid IDX image file: the header of MNIST's test images with the count cut to {@code n}, and its first n images. */
    static byte[] testImages(int n) {
        IdxFile f = mnist().testImages();
        byte[] b = new byte[16 + n * 784];
        System.arraycopy(f.bytes(), 0, b, 0, b.length);
        putInt(b, 4, n);
        return b;
    }

    /** A small valid IDX label file: MNIST's first {@code n} test labels. */
    static byte[] testLabels(int n) {
        IdxFile f = mnist().testLabels();
        byte[] b = new byte[8 + n];
        System.arraycopy(f.bytes(), 0, b, 0, b.length);
        putInt(b, 4, n);
        return b;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
