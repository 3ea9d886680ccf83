package org.optim.nn.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Where the 64-byte cache lines of a float array start. The register tile reads B' with 16-lane
 * (64-byte) loads, and a load that straddles two lines costs two: B' panels packed from an element
 * that starts a line made the 128x784x784 products 12-15% faster than panels one quarter of a line
 * off (Intel Xeon model 207, 2 threads, p25 in fresh JVMs: NT 431-437 against 490-516 us, NN 429-447
 * against 506-512, TN 429-439 against 445-456), and most of those products' spread from one JVM to
 * the next was where the heap happened to put their panels.
 *
 * <p>Java does not say where an array is. Its address is read with {@code jdk.internal.misc.Unsafe},
 * which a JVM lends only when launched with {@value #FLAG} (bin/optim, the Maven runs, surefire,
 * JMH's forks): the array's reference is read as an integer and decoded (compressed references are
 * shifted by 3 unless every sampled one is a multiple of 8, the unscaled mode of small heaps; any
 * heap base is a multiple of 64). Without the flag every array is taken to start a line, as it
 * would be by chance one time in eight. Only speed depends on the answer, never a value: it only
 * moves where the same packed values are stored. A collection may move an array after the
 * question; the next product asks again.
 */
final class CacheLine {
    /** Floats per 64-byte line: the slack a buffer needs to start its contents at a line. */
    static final int FLOATS = 16;
    /** The JVM flag under which {@link #firstStart} knows where arrays are. */
    static final String FLAG = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    private static final int BYTES = 64;
    /** {@code Unsafe.getInt(Object, long)} bound to the JVM's Unsafe, or null without {@link #FLAG}. */
    private static final MethodHandle GET_INT;
    /** {@code Unsafe.getLong(Object, long)} bound to the JVM's Unsafe, or null without {@link #FLAG}. */
    private static final MethodHandle GET_LONG;
    /** Where an Object[]'s first reference is, and its size in bytes (4 when compressed). */
    private static final long REFERENCES;
    private static final int REFERENCE_BYTES;
    /** Where a float[]'s first element is, from the array's address. */
    private static final long FLOAT_DATA;
    /** How far compressed references are shifted to give addresses. */
    private static final int SHIFT;

    static {
        MethodHandle getInt = null;
        MethodHandle getLong = null;
        long references = 0;
        int referenceBytes = 0;
        long floatData = 0;
        try {
            Class<?> type = Class.forName("jdk.internal.misc.Unsafe");
            Object unsafe = type.getMethod("getUnsafe").invoke(null);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MethodType reads = MethodType.methodType(int.class, Object.class, long.class);
            getInt = lookup.findVirtual(type, "getInt", reads).bindTo(unsafe);
            getLong = lookup.findVirtual(type, "getLong", reads.changeReturnType(long.class)).bindTo(unsafe);
            MethodHandle base = lookup.findVirtual(type, "arrayBaseOffset", MethodType.methodType(int.class, Class.class));
            MethodHandle scale = lookup.findVirtual(type, "arrayIndexScale", MethodType.methodType(int.class, Class.class));
            references = (int) base.invoke(unsafe, Object[].class);
            referenceBytes = (int) scale.invoke(unsafe, Object[].class);
            floatData = (int) base.invoke(unsafe, float[].class);
        } catch (Throwable e) {
            // Not exported to this module (no FLAG), or not HotSpot's Unsafe: arrays are taken to start a line.
            getInt = null;
        }
        boolean usable = getInt != null && (referenceBytes == 4 || referenceBytes == 8);
        GET_INT = usable ? getInt : null;
        GET_LONG = usable ? getLong : null;
        REFERENCES = references;
        REFERENCE_BYTES = referenceBytes;
        FLOAT_DATA = floatData;
        SHIFT = usable && referenceBytes == 4 ? compressedShift() : 0;
    }

    private CacheLine() {
    }

    /** Whether this JVM lets {@link #firstStart} read addresses (launched with {@link #FLAG}). */
    static boolean known() {
        return GET_INT != null;
    }

    /**
     * The first index of {@code x} (less than {@link #FLOATS}) whose element starts a 64-byte line,
     * as far as this JVM lets us know; 0 where it does not.
     */
    static int firstStart(float[] x) {
        if (!known()) {
            return 0;
        }
        long offset = ((reference(x) << SHIFT) + FLOAT_DATA) & (BYTES - 1);
        return (int) ((BYTES - offset) & (BYTES - 1)) / Float.BYTES;
    }

    /** The reference to {@code o} as stored in an array (compressed or not). */
    private static long reference(Object o) {
        Object[] holder = {o};
        try {
            return REFERENCE_BYTES == 4 ? (int) GET_INT.invokeExact((Object) holder, REFERENCES) & 0xFFFFFFFFL
                    : (long) GET_LONG.invokeExact((Object) holder, REFERENCES);
        } catch (Throwable e) {
            throw new IllegalStateException("reading a reference", e);
        }
    }

    /**
     * How compressed references are shifted: 0 in the unscaled mode (references are addresses, all
     * multiples of the 8-byte object alignment), else 3 (the default alignment; with another
     * {@code -XX:ObjectAlignmentInBytes} the lines found are wrong, which costs only speed).
     */
    private static int compressedShift() {
        for (int i = 0; i < 16; i++) {
            if ((reference(new Object()) & 7) != 0) {
                return 3;
            }
        }
        return 0;
    }
}
