package org.optim.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The strict IDX reader on small files cut from real MNIST and on every kind of damage to them. */
class IdxReaderTest {
    private static byte[] images;
    private static byte[] labels;

    @BeforeAll
    static void load() {
        images = RealFiles.testImages(64);
        labels = RealFiles.testLabels(64);
    }

    private static IdxFormatException error(byte[] content) {
        IdxFormatException e = catchThrowableOfType(IdxFormatException.class, () -> IdxReader.read("f.idx", content));
        assertThat(e).as("expected an IdxFormatException").isNotNull();
        assertThat(e.getMessage()).startsWith("f.idx: ").doesNotContain("\n");
        return e;
    }

    @Test
    void readsAValidFileRawAndGzippedToTheSameBytes() throws DataException {
        IdxFile raw = IdxReader.read("f", images);
        IdxFile gz = IdxReader.read("f", RealFiles.gzip(images));
        assertThat(raw.dims()).containsExactly(64, 28, 28);
        assertThat(raw.type()).isEqualTo(IdxType.UNSIGNED_BYTE);
        assertThat(raw.itemSize()).isEqualTo(784);
        assertThat(raw.gzipped()).isFalse();
        assertThat(gz.gzipped()).isTrue();
        assertThat(gz.bytes()).isEqualTo(images);
        assertThat(gz.sha256()).isEqualTo(raw.sha256()).isEqualTo(Sha256.hex(images));
    }

    @Test
    void truncationAtEveryHeaderOffsetAndManyPayloadOffsetsNamesTheCut() {
        SplittableRandom rnd = new SplittableRandom(1);
        for (int k = 0; k < 300; k++) {
            int cut = k < 40 ? k : 16 + rnd.nextInt(images.length - 16);
            IdxFormatException e = error(Arrays.copyOf(images, cut));
            assertThat(e.offset()).as("cut at %d: %s", cut, e.getMessage()).isEqualTo(cut);
        }
    }

    @Test
    void truncatedGzipIsAnErrorAtEveryOffset() {
        byte[] gz = RealFiles.gzip(images);
        for (int cut = 0; cut < gz.length; cut += cut < 64 ? 1 : 97) {
            error(Arrays.copyOf(gz, cut));
        }
    }

    @Test
    void headerFieldsAreCheckedWithTheirOffsets() {
        byte[] magic = images.clone();
        magic[1] = 1;
        assertThat(error(magic).offset()).isEqualTo(1);
        byte[] type = images.clone();
        type[2] = 0x0A;
        assertThat(error(type).getMessage()).contains("byte 2: unknown IDX type code 0x0A");
        byte[] noDims = images.clone();
        noDims[3] = 0;
        assertThat(error(noDims).offset()).isEqualTo(3);
        byte[] wide = images.clone();
        RealFiles.putInt(wide, 8, -1);
        assertThat(error(wide).getMessage()).contains("byte 8: dimension 2 is 4294967295");
    }

    @Test
    void wrongDimensionCountIsCaughtByLengthOrShape() throws DataException {
        byte[] two = images.clone();
        two[3] = 2;
        IdxFormatException e = error(two);
        assertThat(e.getMessage()).contains("trailing bytes");
        assertThat(e.offset()).isEqualTo(12 + 64 * 28);
        // A file whose length agrees but whose shape is not an image file's: 64 x 784 as 2-D.
        byte[] flat = new byte[12 + 64 * 784];
        System.arraycopy(images, 0, flat, 0, 4);
        flat[3] = 2;
        RealFiles.putInt(flat, 4, 64);
        RealFiles.putInt(flat, 8, 784);
        System.arraycopy(images, 16, flat, 12, 64 * 784);
        IdxFile parsed = IdxReader.read("flat", flat);
        assertThatThrownBy(() -> parsed.requireShape("an image file", 28, 28))
                .isInstanceOf(IdxFormatException.class).hasMessage("flat: byte 3: an image file must have 3 dimensions, found 2");
    }

    @Test
    void aHeaderAnnouncingABillionImagesIsRejectedBeforeAllocating() {
        byte[] raw = images.clone();
        RealFiles.putInt(raw, 4, 1_000_000_000);
        assertThat(error(raw).getMessage()).contains("byte 4: the header announces 1000000000 x 28 x 28")
                .contains("limit");
        byte[] big = images.clone();
        RealFiles.putInt(big, 4, 2_000_000);
        IdxFormatException e = error(big);
        assertThat(e.getMessage()).contains("truncated").contains("1568000016 bytes long");
        assertThat(e.offset()).isEqualTo(images.length);
        byte[] gz = RealFiles.gzip(raw);
        assertThat(error(gz).getMessage()).contains("decompressed byte 4").contains("can hold");
    }

    @Test
    void trailingBytesAreAnError() {
        byte[] raw = Arrays.copyOf(labels, labels.length + 1);
        assertThat(error(raw).offset()).isEqualTo(labels.length);
        byte[] gzLonger = RealFiles.gzip(raw);
        assertThat(error(gzLonger).getMessage()).contains("decompressed byte " + labels.length + ": trailing bytes");
        byte[] gz = RealFiles.gzip(labels);
        byte[] garbage = Arrays.copyOf(gz, gz.length + 3);
        assertThat(error(garbage).getMessage()).contains("compressed byte " + gz.length + ": trailing bytes after the gzip data");
    }

    @Test
    void twoGzipMembersAreOneFile() throws DataException {
        byte[] a = RealFiles.gzip(Arrays.copyOf(labels, 30));
        byte[] b = RealFiles.gzip(Arrays.copyOfRange(labels, 30, labels.length));
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertThat(IdxReader.read("f", both).bytes()).isEqualTo(labels);
    }

    @Test
    void corruptGzipCrcAndLengthAreCaught() {
        byte[] gz = RealFiles.gzip(images);
        byte[] crc = gz.clone();
        crc[gz.length - 8] ^= 1;
        assertThat(error(crc).getMessage()).contains("compressed byte " + (gz.length - 8)).contains("CRC-32");
        byte[] size = gz.clone();
        size[gz.length - 4] ^= 1;
        assertThat(error(size).getMessage()).contains("compressed byte " + (gz.length - 4));
        byte[] method = gz.clone();
        method[2] = 7;
        assertThat(error(method).getMessage()).contains("compression method 7");
    }

    @Test
    void labelsOutOfRangeAndCountMismatchNameTheFileAndOffset() throws DataException {
        byte[] bad = labels.clone();
        bad[8 + 17] = 10;
        IdxFile f = IdxReader.read("labels", bad);
        assertThatThrownBy(() -> f.labelHistogram(10)).isInstanceOf(IdxFormatException.class)
                .hasMessage("labels: byte 25: label 10 of item 17 is out of range, expected 0 to 9");
        IdxFile img = IdxReader.read("images", images);
        IdxFile fewer = IdxReader.read("labels", RealFiles.testLabels(63));
        assertThatThrownBy(() -> IdxFile.requireSameCount(img, fewer)).isInstanceOf(IdxFormatException.class)
                .hasMessage("labels: byte 4: 63 labels, expected 64 to match the 64 images of images");
    }

    @Test
    void missingFileAndDirectoryAreOneLineErrors(@TempDir Path dir) {
        assertThatThrownBy(() -> IdxReader.read(dir.resolve("nope"))).isInstanceOf(DataException.class)
                .hasMessage(dir.resolve("nope") + ": no such file");
        assertThatThrownBy(() -> IdxReader.read(dir)).isInstanceOf(DataException.class).hasMessageContaining("is a directory");
    }

    @Test
    void readsFromDiskLikeFromMemory(@TempDir Path dir) throws IOException {
        Path raw = Files.write(dir.resolve("a"), images);
        Path gz = Files.write(dir.resolve("a.gz"), RealFiles.gzip(images));
        assertThat(IdxReader.read(raw).sha256()).isEqualTo(IdxReader.read(gz).sha256()).isEqualTo(Sha256.hex(images));
        Path cut = Files.write(dir.resolve("cut"), Arrays.copyOf(images, 1000));
        assertThatThrownBy(() -> IdxReader.read(cut)).isInstanceOf(IdxFormatException.class)
                .hasMessageStartingWith(cut + ": byte 1000: truncated");
    }

    /** Thousands of random corruptions: the reader either accepts a well-formed file or throws its own error. */
    @Test
    void randomCorruptionsOnlyEverRaiseTheReadersOwnError() {
        SplittableRandom rnd = new SplittableRandom(20261125);
        byte[][] originals = {images, labels, RealFiles.gzip(images), RealFiles.gzip(labels)};
        int rejected = 0;
        for (int k = 0; k < 3000; k++) {
            byte[] src = originals[k % originals.length];
            byte[] b = corrupt(src, rnd);
            try {
                IdxFile f = IdxReader.read("r", b);
                assertThat(f.bytes().length).isEqualTo(f.dataOffset() + (long) f.items() * f.itemSize() * f.type().size());
            } catch (IdxFormatException e) {
                rejected++;
                assertThat(e.getMessage()).startsWith("r: ").doesNotContain("\n");
            } catch (Throwable t) {
                fail("corruption %d raised %s, not an IdxFormatException", k, t);
            }
        }
        assertThat(rejected).isGreaterThan(1500);
    }

    private static byte[] corrupt(byte[] src, SplittableRandom rnd) {
        byte[] b;
        switch (rnd.nextInt(5)) {
            case 0 -> b = Arrays.copyOf(src, rnd.nextInt(src.length));
            case 1 -> {
                b = src.clone();
                for (int i = rnd.nextInt(1, 4); i > 0; i--) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
            }
            case 2 -> {
                b = src.clone();
                for (int i = rnd.nextInt(1, 4); i > 0; i--) {
                    b[rnd.nextInt(Math.min(b.length, 24))] = (byte) rnd.nextInt(256);
                }
            }
            case 3 -> {
                b = Arrays.copyOf(src, src.length + rnd.nextInt(1, 100));
                for (int i = src.length; i < b.length; i++) {
                    b[i] = (byte) rnd.nextInt(256);
                }
            }
            default -> {
                int at = rnd.nextInt(src.length);
                int len = rnd.nextInt(1, 50);
                b = new byte[src.length + len];
                System.arraycopy(src, 0, b, 0, at);
                System.arraycopy(src, at, b, at + len, src.length - at);
            }
        }
        return b;
    }
}
