package org.optim.report.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Known answers: textbook examples, checked against scipy 1.17 (scipy.stats.wilcoxon, ttest_ind). */
class StatsTest {

    @Test
    void wilcoxonMatchesHollanderWolfeExample() {
        // Hollander & Wolfe, Nonparametric Statistical Methods, Example 3.1 (Hamilton depression scale);
        // scipy.stats.wilcoxon(x, y, method='exact') gives statistic 5 (= W-) and p 0.0390625.
        double[] x = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
        double[] y = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(x, y);
        assertThat(r.n()).isEqualTo(9);
        assertThat(r.wPlus()).isEqualTo(40.0);
        assertThat(r.p()).isCloseTo(0.0390625, within(1e-12));
        assertThat(r.minimumP()).isEqualTo(2.0 / 512);
    }

    @Test
    void wilcoxonWithTiesUsesTheExactConditionalDistribution() {
        // d = [0.5, 1, -0.5, 1, 1, 0.5]: ranks 2,5,2,5,5,2; W+ = 19. scipy with
        // method=PermutationMethod() (exact enumeration of the 64 sign vectors) gives p = 0.125.
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] y = {0.5, 1, 3.5, 3, 4, 5.5};
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(x, y);
        assertThat(r.wPlus()).isEqualTo(19.0);
        assertThat(r.p()).isCloseTo(0.125, within(1e-12));
    }

    @Test
    void fiveSeedsCannotReachFivePercent() {
        double[] a = {0.98, 0.981, 0.979, 0.982, 0.983};
        double[] b = {0.97, 0.975, 0.972, 0.976, 0.974};
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(a, b);
        assertThat(r.p()).isEqualTo(0.0625);
        assertThat(r.minimumP()).isEqualTo(0.0625);
        assertThat(WilcoxonSignedRank.test(b, a).p()).isEqualTo(0.0625);
    }

    @Test
    void wilcoxonDropsZeroDifferences() {
        WilcoxonSignedRank.Result r = WilcoxonSignedRank.test(new double[] {1, 2, 3}, new double[] {1, 2, 3});
        assertThat(r.n()).isZero();
        assertThat(r.p()).isNaN();
        assertThat(WilcoxonSignedRank.test(new double[] {1, 2, 5}, new double[] {1, 1, 3}).n()).isEqualTo(2);
    }

    @Test
    void welchMatchesWikipediaExamples() {
        // Wikipedia "Welch's t-test", examples 1 and 2; scipy.stats.ttest_ind(equal_var=False).
        double[] a1 = {27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
        double[] b1 = {27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
        WelchTTest.Result r1 = WelchTTest.test(a1, b1);
        assertThat(r1.t()).isCloseTo(-2.455356398286006, within(1e-12));
        assertThat(r1.df()).isCloseTo(24.988529290231416, within(1e-10));
        assertThat(r1.p()).isCloseTo(0.021378001462866992, within(1e-10));
        double[] a2 = {17.2, 20.9, 22.6, 18.1, 21.7, 21.4, 23.5, 24.2, 14.7, 21.8};
        double[] b2 = {21.5, 22.8, 21.0, 23.0, 21.6, 23.6, 22.5, 20.7, 23.4, 21.8, 20.7, 21.7, 21.5, 22.5, 23.6, 21.5, 22.5, 23.5, 21.5, 21.8};
        WelchTTest.Result r2 = WelchTTest.test(a2, b2);
        assertThat(r2.t()).isCloseTo(-1.5654335235985037, within(1e-12));
        assertThat(r2.df()).isCloseTo(9.904741248650831, within(1e-10));
        assertThat(r2.p()).isCloseTo(0.14884169660532817, within(1e-10));
    }

    @Test
    void welchIsUndefinedWithoutSpread() {
        assertThat(WelchTTest.test(new double[] {1, 1}, new double[] {1, 1}).p()).isNaN();
        assertThat(WelchTTest.test(new double[] {1}, new double[] {1, 2}).p()).isNaN();
    }

    @Test
    void holmStepDown() {
        // m = 4: sorted 0.005*4 = 0.02, 0.01*3 = 0.03, 0.03*2 = 0.06, 0.04*1 = 0.04 -> max(0.06, 0.04) = 0.06.
        double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005, Double.NaN});
        assertThat(adjusted[0]).isCloseTo(0.03, within(1e-15));
        assertThat(adjusted[1]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[2]).isCloseTo(0.06, within(1e-15));
        assertThat(adjusted[3]).isCloseTo(0.02, within(1e-15));
        assertThat(adjusted[4]).isNaN();
        assertThat(Holm.adjust(new double[] {0.5, 0.9})).containsExactly(1.0, 1.0);
    }

    @Test
    void summaryOfATextbookSample() {
        Summary s = Summary.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9}, Bootstrap.SEED);
        assertThat(s.n()).isEqualTo(8);
        assertThat(s.mean()).isEqualTo(5.0);
        assertThat(s.std()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-15));
        assertThat(s.min()).isEqualTo(2.0);
        assertThat(s.max()).isEqualTo(9.0);
        assertThat(s.ciLow()).isLessThan(5.0).isGreaterThanOrEqualTo(2.0);
        assertThat(s.ciHigh()).isGreaterThan(5.0).isLessThanOrEqualTo(9.0);
        assertThat(s.inRange(9)).isTrue();
        assertThat(s.inRange(9.01)).isFalse();
        assertThat(Summary.of(new double[] {3}, 1).std()).isNaN();
        assertThat(Summary.of(new double[0], 1).mean()).isNaN();
    }

    @Test
    void bootstrapIsSeeded() {
        double[] xs = {0.97, 0.975, 0.972, 0.981, 0.969};
        double[] a = Bootstrap.meanCi(xs, 42, 2000, 0.95);
        assertThat(Bootstrap.meanCi(xs, 42, 2000, 0.95)).containsExactly(a);
        assertThat(Bootstrap.meanCi(xs, 43, 2000, 0.95)).isNotEqualTo(a);
        assertThat(Bootstrap.meanCi(new double[] {0.5}, 42, 100, 0.95)).containsExactly(0.5, 0.5);
        // A 95% interval is inside the 99% one drawn from the same resamples.
        double[] wide = Bootstrap.meanCi(xs, 42, 2000, 0.99);
        assertThat(wide[0]).isLessThanOrEqualTo(a[0]);
        assertThat(wide[1]).isGreaterThanOrEqualTo(a[1]);
    }

    @Test
    void incompleteBetaKnownValues() {
        // I_x(1, 1) = x; I_x(a, b) = 1 - I_{1-x}(b, a); I_{0.5}(2, 3) = 11/16.
        assertThat(SpecialFunctions.regularizedBeta(0.3, 1, 1)).isCloseTo(0.3, within(1e-14));
        assertThat(SpecialFunctions.regularizedBeta(0.5, 2, 3)).isCloseTo(11.0 / 16, within(1e-14));
        assertThat(SpecialFunctions.logGamma(5)).isCloseTo(Math.log(24), within(1e-13));
    }
}
