package org.optim.nn;

import org.optim.core.Tensor;

/**
 * Softmax cross-entropy on logits, fused and numerically stable. For a row z with label y:
 * <pre>
 * m = max_j z_j;   s = sum_j exp(z_j - m)   (j in increasing order, in double)
 * loss = (m + log s) - z_y                  (logsumexp(z) - z_y, PyTorch's cross_entropy)
 * dloss/dz_j = (exp(z_j - m) / s - [j == y]) / rows     (the mean over the batch)
 * </pre>
 * Everything is computed in double from the stored logits with {@link StrictMath} (the same bits on
 * every JDK); each gradient entry is rounded once to the tensor's format. The mean loss adds the
 * row losses in row order. Each exp(z_j - m) is computed once and kept for the gradient (StrictMath's
 * exp took half of a training batch's 82 us here when the gradient computed it again).
 */
public final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {
    }

    /** Sum of the row losses and the number of rows whose arg-max logit is the label. */
    record Totals(double lossSum, long correct) {
    }

    private static int label(int[] labels, int row, int classes) {
        int y = labels[row];
        if (y < 0 || y >= classes) {
            throw new IllegalArgumentException("label " + y + " of row " + row + " is outside [0, " + classes + ")");
        }
        return y;
    }

    /** Writes {@code d mean loss / d logits} into {@code grad} and returns the mean loss of {@code rows} rows. */
    static double lossAndGradient(Tensor logits, int[] labels, int rows, int classes, Tensor grad) {
        double sum = 0.0;
        double[] exps = new double[classes];
        for (int r = 0; r < rows; r++) {
            int y = label(labels, r, classes);
            int base = r * classes;
            double m = max(logits, base, classes);
            double s = sumExp(logits, base, classes, m, exps);
            sum += m + StrictMath.log(s) - logits.get(base + y);
            for (int j = 0; j < classes; j++) {
                double p = exps[j] / s;
                grad.set(base + j, ((j == y ? p - 1.0 : p)) / rows);
            }
        }
        return sum / rows;
    }

    /** Loss sum and correct count of {@code count} logit rows whose labels start at {@code labels[from]}. */
    static Totals totals(Tensor logits, int[] labels, int from, int count, int classes) {
        double sum = 0.0;
        long correct = 0;
        double[] exps = new double[classes];
        for (int r = 0; r < count; r++) {
            int y = label(labels, from + r, classes);
            int base = r * classes;
            double m = max(logits, base, classes);
            double s = sumExp(logits, base, classes, m, exps);
            sum += m + StrictMath.log(s) - logits.get(base + y);
            if (argMax(logits, base, classes) == y) {
                correct++;
            }
        }
        return new Totals(sum, correct);
    }

    /** The number of the first {@code rows} logit rows whose arg-max (the first on ties) is the label. */
    static long correct(Tensor logits, int[] labels, int rows, int classes) {
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            if (argMax(logits, r * classes, classes) == label(labels, r, classes)) {
                correct++;
            }
        }
        return correct;
    }

    private static int argMax(Tensor t, int base, int n) {
        int arg = 0;
        for (int j = 1; j < n; j++) {
            if (t.get(base + j) > t.get(base + arg)) {
                arg = j;
            }
        }
        return arg;
    }

    private static double max(Tensor t, int base, int n) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            m = Math.max(m, t.get(base + j));
        }
        return m;
    }

    /**
     * sum_j exp(z_j - m) over one row of logits, in column order (m: the row's maximum, for
     * stability); each term into {@code exps[j]}.
     */
    private static double sumExp(Tensor logits, int base, int classes, double m, double[] exps) {
        double s = 0.0;
        for (int j = 0; j < classes; j++) {
            exps[j] = StrictMath.exp(logits.get(base + j) - m);
            s += exps[j];
        }
        return s;
    }
}
