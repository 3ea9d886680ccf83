package org.optim.data;

/**
 * A malformed IDX file: the message names the file, the byte offset and what was expected there, e.g.
 * {@code t10k-labels-idx1-ubyte: byte 2: unknown IDX type code 0x07, expected one of 0x08, ...}.
 * For a gzip file the offset counts bytes of the decompressed IDX data, unless the message says
 * {@code compressed byte}.
 */
public final class IdxFormatException extends DataException {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final long offset;

    public IdxFormatException(String file, long offset, String where, String expected) {
        super(file + ": " + where + " " + offset + ": " + expected);
        this.file = file;
        this.offset = offset;
    }

    /** The file as named to the reader. */
    public String file() {
        return file;
    }

    /** The byte offset of the problem (in the decompressed data, or the compressed file; see the message). */
    public long offset() {
        return offset;
    }
}
