package org.optim.nn.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheLineTest {
    /** Surefire launches the tests as bin/optim launches runs: with the export that lends the addresses. */
    @Test
    void theTestJvmLendsAddresses() {
        assertThat(CacheLine.known()).as("launched with " + CacheLine.FLAG).isTrue();
    }

    /**
     * Two float[1] allocated one after the other lie 24 bytes apart in a thread's allocation
     * buffer (16 bytes of header, 4 of data, rounded to 8), so the first line start of the second
     * is 6 floats before that of the first, modulo a line. A wrong decoding of the references (an
     * unshifted compressed reference, a wrong base offset) breaks that relation; the buffer's
     * refills break it rarely.
     */
    @Test
    void neighboursAreAsFarApartAsTheirSizes() {
        int agree = 0;
        int pairs = 200;
        for (int i = 0; i < pairs; i++) {
            float[] first = new float[1];
            float[] second = new float[1];
            int start = CacheLine.firstStart(first);
            int next = CacheLine.firstStart(second);
            assertThat(start).isBetween(0, CacheLine.FLOATS - 1);
            assertThat(next).isBetween(0, CacheLine.FLOATS - 1);
            if (Math.floorMod(start - next - 6, CacheLine.FLOATS) == 0) {
                agree++;
            }
        }
        assertThat(agree).as("pairs whose line starts are 24 bytes apart").isGreaterThan(pairs * 9 / 10);
    }
}
