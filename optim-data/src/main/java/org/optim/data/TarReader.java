package org.optim.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A small strict reader of POSIX ustar archives (what {@code npm pack} writes): 512-byte headers with
 * verified checksums, octal sizes, regular files kept when {@code wanted} accepts their path.
 * Written here rather than taken from commons-compress because npm tarballs use only this subset and
 * a hundred lines that check every header are easier to trust than a general archiver.
 */
final class TarReader {
    private static final int BLOCK = 512;

    private TarReader() {
    }

    /** Reads the archive {@code in} (named {@code name} in errors); returns wanted regular files by path. */
    static Map<String, byte[]> extract(String name, InputStream in, Predicate<String> wanted, long maxFile)
            throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        byte[] h = new byte[BLOCK];
        long offset = 0;
        while (true) {
            int n = in.readNBytes(h, 0, BLOCK);
            if (n < BLOCK) {
                throw new DataException(name + ": tar byte " + (offset + n) + ": truncated: expected a 512-byte header");
            }
            if (allZero(h)) {
                return out;
            }
            long stored = octal(name, h, 148, 8, offset);
            long sum = 0;
            for (int i = 0; i < BLOCK; i++) {
                sum += i >= 148 && i < 156 ? ' ' : h[i] & 0xFF;
            }
            if (sum != stored) {
                throw new DataException(name + ": tar byte " + (offset + 148) + ": header checksum " + stored
                        + ", expected " + sum);
            }
            String path = string(h, 0, 100);
            if (string(h, 257, 5).equals("ustar")) {
                String prefix = string(h, 345, 155);
                path = prefix.isEmpty() ? path : prefix + "/" + path;
            }
            long size = octal(name, h, 124, 12, offset);
            char type = (char) h[156];
            offset += BLOCK;
            long padded = (size + BLOCK - 1) / BLOCK * BLOCK;
            if ((type == '0' || type == 0) && wanted.test(path)) {
                if (size > maxFile) {
                    throw new DataException(name + ": tar byte " + (offset - BLOCK + 124) + ": " + path + " is "
                            + size + " bytes, more than the expected " + maxFile);
                }
                byte[] data = in.readNBytes((int) size);
                if (data.length < size) {
                    throw new DataException(name + ": tar byte " + (offset + data.length) + ": truncated inside " + path);
                }
                skip(name, in, padded - size, offset + size);
                out.put(path, data);
            } else {
                skip(name, in, padded, offset);
            }
            offset += padded;
        }
    }

    private static void skip(String name, InputStream in, long count, long offset) throws IOException {
        try {
            in.skipNBytes(count);
        } catch (java.io.EOFException e) {
            throw new DataException(name + ": tar byte " + offset + ": truncated inside an entry", e);
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] h, int from, int len) {
        int end = from;
        while (end < from + len && h[end] != 0) {
            end++;
        }
        return new String(h, from, end - from, StandardCharsets.UTF_8);
    }

    private static long octal(String name, byte[] h, int from, int len, long offset) throws DataException {
        long v = 0;
        boolean digits = false;
        for (int i = from; i < from + len; i++) {
            int c = h[i] & 0xFF;
            if (c >= '0' && c <= '7') {
                v = v * 8 + (c - '0');
                digits = true;
            } else if (c == 0 || c == ' ') {
                if (digits) {
                    break;
                }
            } else {
                throw new DataException(name + ": tar byte " + (offset + i) + ": expected an octal digit, found 0x"
                        + Integer.toHexString(c));
            }
        }
        return v;
    }
}
