package org.optim.data;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Passes bytes through and reports the running count (for progress displays). */
final class CountingInput extends FilterInputStream {
    private final LongConsumer onCount;
    private long count;

    CountingInput(InputStream in, LongConsumer onCount) {
        super(in);
        this.onCount = onCount;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            onCount.accept(++count);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            onCount.accept(count);
        }
        return n;
    }
}
