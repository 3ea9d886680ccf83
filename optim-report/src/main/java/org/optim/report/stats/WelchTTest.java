package org.optim.report.stats;

/**
 * Welch's unequal-variances t-test, two-sided (Welch 1947, "The generalization of 'Student's' problem
 * when several different population variances are involved", Biometrika 34).
 *
 * <pre>
 * t  = (mean_x - mean_y) / sqrt(s_x^2 / n_x + s_y^2 / n_y)
 * df = (s_x^2/n_x + s_y^2/n_y)^2 / ((s_x^2/n_x)^2 / (n_x - 1) + (s_y^2/n_y)^2 / (n_y - 1))   (Welch-Satterthwaite)
 * p  = I_{df / (df + t^2)}(df / 2, 1 / 2)    (two-sided tail of Student's t via the regularized incomplete beta)
 * </pre>
 * Undefined (all NaN) when a sample has fewer than two values or both variances are zero.
 */
public final class WelchTTest {
    /** @param t the statistic, @param df Welch-Satterthwaite degrees of freedom, @param p two-sided p */
    public record Result(double t, double df, double p) {
    }

    private WelchTTest() {
    }

    public static Result test(double[] x, double[] y) {
        if (x.length < 2 || y.length < 2) {
            return new Result(Double.NaN, Double.NaN, Double.NaN);
        }
        double vx = Summary.variance(x) / x.length;
        double vy = Summary.variance(y) / y.length;
        if (vx + vy == 0) {
            return new Result(Double.NaN, Double.NaN, Double.NaN);
        }
        double t = (Summary.mean(x) - Summary.mean(y)) / Math.sqrt(vx + vy);
        double df = (vx + vy) * (vx + vy) / (vx * vx / (x.length - 1) + vy * vy / (y.length - 1));
        double p = SpecialFunctions.regularizedBeta(df / (df + t * t), df / 2, 0.5);
        return new Result(t, df, Math.min(1, p));
    }
}
