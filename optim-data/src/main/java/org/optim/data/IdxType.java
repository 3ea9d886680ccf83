package org.optim.data;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The element type announced by byte 2 of an IDX header (LeCun's IDX format, as used by MNIST). */
public enum IdxType {
    UNSIGNED_BYTE(0x08, 1, "unsigned byte"),
    SIGNED_BYTE(0x09, 1, "signed byte"),
    SHORT(0x0B, 2, "short"),
    INT(0x0C, 4, "int"),
    FLOAT(0x0D, 4, "float"),
    DOUBLE(0x0E, 8, "double");

    private final int code;
    private final int size;
    private final String label;

    IdxType(int code, int size, String label) {
        this.code = code;
        this.size = size;
        this.label = label;
    }

    /** The type code, e.g. 0x08. */
    public int code() {
        return code;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** Human name and code, e.g. {@code unsigned byte (0x08)}. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%s (0x%02X)", label, code);
    }

    /** The type with this code, or null. */
    static IdxType of(int code) {
        for (IdxType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }

    /** All codes, for error messages: {@code 0x08, 0x09, 0x0B, 0x0C, 0x0D or 0x0E}. */
    static String allCodes() {
        return Arrays.stream(values()).map(t -> String.format(java.util.Locale.ROOT, "0x%02X", t.code))
                .collect(Collectors.joining(", "));
    }
}
