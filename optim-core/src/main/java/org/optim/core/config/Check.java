package org.optim.core.config;

/** Range checks for config records; each failure names the field, the value and the allowed range. */
public final class Check {
    private Check() {
    }

    /** {@code value} in [0, +inf). */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidFieldException(field, "must be in [0, inf), got " + value);
        }
        return value;
    }

    /** {@code value} in (0, +inf). */
    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new InvalidFieldException(field, "must be in (0, inf), got " + value);
        }
        return value;
    }

    /** {@code value} in [0, 1). */
    public static double unitInterval(String field, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new InvalidFieldException(field, "must be in [0, 1), got " + value);
        }
        return value;
    }

    /** {@code value} in [0, 1]. */
    public static double closedUnitInterval(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidFieldException(field, "must be in [0, 1], got " + value);
        }
        return value;
    }

    /** {@code value} in [1, +inf). */
    public static long atLeastOne(String field, long value) {
        if (value < 1) {
            throw new InvalidFieldException(field, "must be in [1, inf), got " + value);
        }
        return value;
    }

    /** A condition between fields; {@code field} is the one reported. */
    public static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidFieldException(field, message);
        }
    }
}
