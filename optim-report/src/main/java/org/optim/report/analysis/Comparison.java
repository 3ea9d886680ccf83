package org.optim.report.analysis;

import java.util.Locale;
import org.optim.report.stats.WelchTTest;
import org.optim.report.stats.WilcoxonSignedRank;

/**
 * Two series compared on one metric at one epoch. The primary test is the exact Wilcoxon signed-rank
 * test on the seeds both series have (paired over seeds); Welch's t-test on all their values is shown
 * beside it. The verdict uses the Holm-adjusted signed-rank p-value at the 5% level.
 *
 * @param metric   the metrics.csv column
 * @param epoch    the epoch
 * @param a        first series' label
 * @param b        second series' label
 * @param pairs    seeds with a value in both
 * @param meanDiff mean over the paired seeds of a - b (NaN without pairs)
 * @param wilcoxon the signed-rank result
 * @param welch    Welch's result (unpaired, every included value)
 * @param holmP    the Holm-adjusted signed-rank p-value (over every comparison of the experiment)
 */
public record Comparison(String metric, long epoch, String a, String b, int pairs, double meanDiff,
        WilcoxonSignedRank.Result wilcoxon, WelchTTest.Result welch, double holmP) {
    /** The level the verdict uses. */
    public static final double ALPHA = 0.05;

    /** One sentence: which is higher, or that the runs cannot tell them apart, and why. */
    public String verdict() {
        if (pairs == 0) {
            return "no seed has a value in both";
        }
        int n = wilcoxon.n();
        if (n == 0) {
            return "identical on every paired seed (n = " + pairs + ")";
        }
        if (wilcoxon.minimumP() > ALPHA) {
            return String.format(Locale.ROOT,
                    "indistinguishable at n = %d (with %d non-zero pairs the exact test cannot reach p < %.2f: its smallest p is %.4f)",
                    pairs, n, ALPHA, wilcoxon.minimumP());
        }
        if (holmP < ALPHA) {
            return String.format(Locale.ROOT, "%s higher (Holm-adjusted p = %.4f, n = %d)", meanDiff > 0 ? a : b, holmP, pairs);
        }
        return String.format(Locale.ROOT, "indistinguishable at n = %d (Holm-adjusted p = %.4f)", pairs, holmP);
    }
}
