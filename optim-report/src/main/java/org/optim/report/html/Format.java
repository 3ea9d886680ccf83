package org.optim.report.html;

import java.util.Locale;

/** Number formatting for the page and the CSV files, independent of the JVM's locale. */
public final class Format {
    private Format() {
    }

    /** For the page: 4 decimals, or 3 significant digits in E notation for very large or small values; "–" for NaN. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "\u2013";
        }
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e5 || a < 1e-3) || Double.isInfinite(v)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** For CSV: Java's shortest round-trip form (as the run logs write numbers); "" for NaN. */
    public static String csv(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
