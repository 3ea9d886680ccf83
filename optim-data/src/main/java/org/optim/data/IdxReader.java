package org.optim.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A strict reader of IDX files, raw or gzip-compressed (detected by the gzip magic bytes 0x1F 0x8B).
 *
 * <pre>
 * offset 0   0x00 0x00             magic
 * offset 2   type code             0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double
 * offset 3   n                     number of dimensions, at least 1
 * offset 4   d_1 ... d_n           32-bit big-endian sizes, each at most 2^31 - 1
 * offset 4+4n payload              exactly d_1 * ... * d_n * size(type) bytes, then the end of the data
 * </pre>
 *
 * Every deviation is an {@link IdxFormatException} naming the file, the byte offset and what was
 * expected; nothing is allocated before the announced size has been checked: against the file length
 * for a raw file, and against the most a gzip file of that length can hold for a compressed one
 * (deflate expands at most 1032:1, RFC 1951 / zlib's documented bound). A gzip file is decoded strictly:
 * header fields (RFC 1952), every member's CRC-32 and length, and no bytes after the last member.
 * The reader never fails with anything but {@link DataException} (of which {@link IdxFormatException}
 * is the format case), whatever the bytes.
 */
public final class IdxReader {
    /** The largest file this reader holds in one Java array. */
    public static final long MAX_BYTES = Integer.MAX_VALUE - 8;
    /** Deflate's maximum expansion ratio (zlib technical details: 1032:1). */
    static final long MAX_DEFLATE_RATIO = 1032;

    private IdxReader() {
    }

    /** Reads and checks an IDX file on disk (raw or gzip). */
    public static IdxFile read(Path path) throws DataException {
        String name = path.toString();
        long size;
        try {
            if (Files.isDirectory(path)) {
                throw new DataException(name + ": is a directory, expected an IDX file");
            }
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": no such file");
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + reason(e), e);
        }
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            if (b0 == 0x1F && b1 == 0x8B) {
                if (size > MAX_BYTES) {
                    throw new IdxFormatException(name, 0, "compressed byte",
                            "a gzip file of " + size + " bytes is larger than this reader's limit of " + MAX_BYTES);
                }
                return decode(name, new GzipSource(name, in.readAllBytes()));
            }
            return decode(name, new RawSource(in, size));
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + reason(e), e);
        }
    }

    /** An I/O failure's reason; file-system exceptions otherwise repeat only the path. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Reads and checks IDX content held in memory (raw or gzip), named {@code name} in messages. */
    public static IdxFile read(String name, byte[] content) throws DataException {
        try {
            if (content.length >= 2 && (content[0] & 0xFF) == 0x1F && (content[1] & 0xFF) == 0x8B) {
                return decode(name, new GzipSource(name, content));
            }
            return decode(name, new RawSource(new ByteArrayInputStream(content), content.length));
        } catch (DataException e) {
            throw e;
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static IdxFile decode(String name, ByteSource source) throws IOException {
        try (ByteSource src = source) {
            return decodeFrom(name, src);
        }
    }

    private static IdxFile decodeFrom(String name, ByteSource src) throws IOException {
        String at = src.gzipped() ? "decompressed byte" : "byte";
        byte[] magic = new byte[4];
        int n = src.read(magic, 0, 4);
        if (n < 4) {
            throw new IdxFormatException(name, n, at,
                    "the data ends after " + n + " bytes, expected a 4-byte IDX header (0x00 0x00 type dimensions)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new IdxFormatException(name, magic[0] != 0 ? 0 : 1, at, String.format(Locale.ROOT,
                    "expected the IDX magic bytes 0x00 0x00, found 0x%02X 0x%02X", magic[0] & 0xFF, magic[1] & 0xFF));
        }
        IdxType type = IdxType.of(magic[2] & 0xFF);
        if (type == null) {
            throw new IdxFormatException(name, 2, at, String.format(Locale.ROOT,
                    "unknown IDX type code 0x%02X, expected one of %s", magic[2] & 0xFF, IdxType.allCodes()));
        }
        int ndims = magic[3] & 0xFF;
        if (ndims == 0) {
            throw new IdxFormatException(name, 3, at, "the dimension count is 0, expected at least 1");
        }
        int headerLength = 4 + 4 * ndims;
        byte[] header = new byte[headerLength];
        System.arraycopy(magic, 0, header, 0, 4);
        n = src.read(header, 4, headerLength - 4);
        if (n < headerLength - 4) {
            throw new IdxFormatException(name, 4L + n, at, String.format(Locale.ROOT,
                    "the data ends inside the header: %d dimensions need %d header bytes", ndims, headerLength));
        }
        int[] dims = new int[ndims];
        long payload = type.size();
        boolean tooLarge = false;
        for (int i = 0; i < ndims; i++) {
            int p = 4 + 4 * i;
            long d = ((header[p] & 0xFFL) << 24) | ((header[p + 1] & 0xFFL) << 16)
                    | ((header[p + 2] & 0xFFL) << 8) | (header[p + 3] & 0xFFL);
            if (d > Integer.MAX_VALUE) {
                throw new IdxFormatException(name, p, at, String.format(Locale.ROOT,
                        "dimension %d is %d, expected at most %d", i + 1, d, Integer.MAX_VALUE));
            }
            dims[i] = (int) d;
            // Both factors are below 2^31 and payload stays at most MAX_BYTES: no overflow.
            payload = tooLarge ? payload : payload * d;
            tooLarge |= payload > MAX_BYTES;
        }
        String announced = announced(dims, type);
        long limit = Math.min(MAX_BYTES, src.maxLength());
        long total = headerLength + payload;
        if (tooLarge || total > limit) {
            throw new IdxFormatException(name, 4, at, "the header announces " + announced
                    + ", more than " + src.limitReason(limit));
        }
        long known = src.knownLength();
        if (known >= 0 && total > known) {
            throw new IdxFormatException(name, known, at, "truncated: the header announces " + announced
                    + ", so the file must be " + total + " bytes long, but it ends here");
        }
        if (known >= 0 && total < known) {
            throw new IdxFormatException(name, total, at, "trailing bytes: the header announces " + announced
                    + ", so the data must end here, but the file has " + known + " bytes");
        }
        byte[] bytes = new byte[(int) total];
        System.arraycopy(header, 0, bytes, 0, headerLength);
        n = src.read(bytes, headerLength, (int) payload);
        if (n < payload) {
            throw new IdxFormatException(name, headerLength + (long) n, at, "truncated: the header announces "
                    + announced + ", so the data must be " + total + " bytes long, but it ends here");
        }
        if (!src.atEnd()) {
            throw new IdxFormatException(name, total, at, "trailing bytes: the header announces " + announced
                    + ", so the data must end here, but it goes on");
        }
        return new IdxFile(name, type, dims, bytes, headerLength, Sha256.hex(bytes), src.gzipped());
    }

    private static String announced(int[] dims, IdxType type) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            s.append(i == 0 ? "" : " x ").append(dims[i]);
        }
        return s.append(' ').append(type.describe()).append(type.size() == 1 ? " values" : " values of "
                + type.size() + " bytes").toString();
    }

    /** Decompressed bytes, read in order. */
    private interface ByteSource extends AutoCloseable {
        @Override
        default void close() {
        }

        /** Reads up to {@code len} bytes; fewer only at the end of the data. */
        int read(byte[] b, int off, int len) throws IOException;

        /** Whether the data has ended (checking what must follow the data, such as gzip trailers). */
        boolean atEnd() throws IOException;

        /** The exact decompressed length if known in advance, else -1. */
        long knownLength();

        /** The most decompressed bytes this source can hold. */
        long maxLength();

        /** Why {@code limit} bytes is the most, for the error message. */
        String limitReason(long limit);

        boolean gzipped();
    }

    private static final class RawSource implements ByteSource {
        private final InputStream in;
        private final long length;

        RawSource(InputStream in, long length) {
            this.in = in;
            this.length = length;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in.readNBytes(b, off, len);
        }

        @Override
        public boolean atEnd() throws IOException {
            return in.read() < 0;
        }

        @Override
        public long knownLength() {
            return length;
        }

        @Override
        public long maxLength() {
            return MAX_BYTES;
        }

        @Override
        public String limitReason(long limit) {
            return "this reader's limit of " + limit + " bytes";
        }

        @Override
        public boolean gzipped() {
            return false;
        }
    }

    /** Strict RFC 1952 gzip decoding of a whole file held in memory; offsets in errors are compressed bytes. */
    private static final class GzipSource implements ByteSource {
        private static final String AT = "compressed byte";
        private final String name;
        private final byte[] c;
        private final Inflater inflater = new Inflater(true);
        private final CRC32 crc = new CRC32();
        private int pos;
        private int dataStart;
        private long memberLength;
        private boolean inMember;

        GzipSource(String name, byte[] compressed) throws IdxFormatException {
            this.name = name;
            this.c = compressed;
            member(0);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IdxFormatException {
            int got = 0;
            while (got < len) {
                if (!inMember) {
                    if (pos == c.length) {
                        return got;
                    }
                    member(pos);
                }
                int k;
                try {
                    k = inflater.inflate(b, off + got, len - got);
                } catch (DataFormatException e) {
                    throw new IdxFormatException(name, dataStart + inflater.getBytesRead(), AT,
                            "corrupt deflate data (" + e.getMessage() + ")");
                }
                crc.update(b, off + got, k);
                memberLength += k;
                got += k;
                if (inflater.finished()) {
                    trailer();
                } else if (k == 0) {
                    String why = inflater.needsDictionary() ? "the deflate data asks for a preset dictionary"
                            : "truncated: the file ends inside the deflate data";
                    throw new IdxFormatException(name, c.length, AT, why);
                }
            }
            return got;
        }

        @Override
        public boolean atEnd() throws IdxFormatException {
            return read(new byte[1], 0, 1) == 0;
        }

        @Override
        public long knownLength() {
            return -1;
        }

        @Override
        public long maxLength() {
            return MAX_DEFLATE_RATIO * c.length;
        }

        @Override
        public String limitReason(long limit) {
            return limit == maxLength() ? "a gzip file of " + c.length + " bytes can hold (deflate expands at most "
                    + MAX_DEFLATE_RATIO + ":1)" : "this reader's limit of " + limit + " bytes";
        }

        @Override
        public boolean gzipped() {
            return true;
        }

        @Override
        public void close() {
            inflater.end();
        }

        /** Parses a member header at {@code p} (RFC 1952 section 2.3) and starts inflating after it. */
        private void member(int p) throws IdxFormatException {
            int start = p;
            if (p > 0 && (c.length - p < 2 || (c[p] & 0xFF) != 0x1F || (c[p + 1] & 0xFF) != 0x8B)) {
                throw new IdxFormatException(name, p, AT, "trailing bytes after the gzip data: expected another "
                        + "gzip member (0x1F 0x8B) or the end of the file, found " + (c.length - p) + " more bytes");
            }
            need(p, 10, "a 10-byte gzip member header");
            if ((c[p] & 0xFF) != 0x1F || (c[p + 1] & 0xFF) != 0x8B) {
                throw new IdxFormatException(name, p, AT, String.format(Locale.ROOT,
                        "expected the gzip magic bytes 0x1F 0x8B, found 0x%02X 0x%02X", c[p] & 0xFF, c[p + 1] & 0xFF));
            }
            if (c[p + 2] != 8) {
                throw new IdxFormatException(name, p + 2, AT,
                        "gzip compression method " + (c[p + 2] & 0xFF) + ", expected 8 (deflate)");
            }
            int flags = c[p + 3] & 0xFF;
            if ((flags & 0xE0) != 0) {
                throw new IdxFormatException(name, p + 3, AT, String.format(Locale.ROOT,
                        "gzip flags 0x%02X set reserved bits, expected them clear", flags));
            }
            p += 10;
            if ((flags & 0x04) != 0) {
                need(p, 2, "the gzip extra-field length");
                int xlen = (c[p] & 0xFF) | (c[p + 1] & 0xFF) << 8;
                need(p + 2, xlen, "a gzip extra field of " + xlen + " bytes");
                p += 2 + xlen;
            }
            for (int bit : new int[] {0x08, 0x10}) {
                if ((flags & bit) != 0) {
                    while (true) {
                        need(p, 1, bit == 0x08 ? "the zero-terminated gzip file name" : "the zero-terminated gzip comment");
                        if (c[p++] == 0) {
                            break;
                        }
                    }
                }
            }
            if ((flags & 0x02) != 0) {
                need(p, 2, "the gzip header CRC-16");
                CRC32 headerCrc = new CRC32();
                headerCrc.update(c, start, p - start);
                int expected = (c[p] & 0xFF) | (c[p + 1] & 0xFF) << 8;
                if ((headerCrc.getValue() & 0xFFFF) != expected) {
                    throw new IdxFormatException(name, p, AT, "the gzip header CRC-16 does not match the header");
                }
                p += 2;
            }
            inflater.reset();
            inflater.setInput(c, p, c.length - p);
            crc.reset();
            dataStart = p;
            memberLength = 0;
            inMember = true;
        }

        /** Checks a member's CRC-32 and ISIZE (RFC 1952 section 2.3.1). */
        private void trailer() throws IdxFormatException {
            int t = Math.toIntExact(dataStart + inflater.getBytesRead());
            need(t, 8, "the 8-byte gzip trailer (CRC-32, length)");
            long storedCrc = le32(t);
            if (storedCrc != crc.getValue()) {
                throw new IdxFormatException(name, t, AT, String.format(Locale.ROOT,
                        "the gzip trailer expects CRC-32 %08x, the data has %08x (corrupt data)", storedCrc, crc.getValue()));
            }
            long storedLength = le32(t + 4);
            if (storedLength != (memberLength & 0xFFFFFFFFL)) {
                throw new IdxFormatException(name, t + 4, AT, "the gzip trailer expects " + storedLength
                        + " bytes (mod 2^32), the data has " + memberLength);
            }
            pos = t + 8;
            inMember = false;
        }

        private long le32(int p) {
            return (c[p] & 0xFFL) | (c[p + 1] & 0xFFL) << 8 | (c[p + 2] & 0xFFL) << 16 | (c[p + 3] & 0xFFL) << 24;
        }

        private void need(int p, int count, String what) throws IdxFormatException {
            if ((long) p + count > c.length) {
                throw new IdxFormatException(name, c.length, AT, "truncated: the file ends before " + what);
            }
        }
    }
}
