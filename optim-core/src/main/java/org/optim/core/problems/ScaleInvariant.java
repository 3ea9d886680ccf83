package org.optim.core.problems;

import java.util.List;
import org.optim.core.DType;
import org.optim.core.GradientOracle;
import org.optim.core.Parameter;
import org.optim.core.ParameterSet;
import org.optim.core.Tensor;

/**
 * A sum of quadratics of normalised parameters: invariant to rescaling each parameter (or each row),
 * so every gradient is orthogonal to its parameter, the situation AdamP/SGDP's projection targets.
 *
 * <p>For a term on parameter P with n = numel(P) and a group being the whole tensor
 * ({@code layer}) or one row of the 2-D P ({@code row}):
 * <pre>
 * U = P / ||P||            per group; norm = sqrt(sum of squares), summed in index order
 * u = flatten(U)
 * term = 0.5 * dot(u, A u) + dot(b, u)
 * G = reshape(A u + b)
 * grad_P = (G - U * dot(U, G)) / ||P||     per group
 * </pre>
 * Computed in the parameters' dtype, rounding after every operation. Reference: Heo et al.,
 * "AdamP: Slowing Down the Slowdown for Momentum Optimizers on Scale-invariant Weights", ICLR 2021,
 * arXiv 2006.08217, section 3 (scale-invariant weights). Matches: the {@code scale-invariant}
 * problem of the reference trajectories ({@code ../shared/reference/README.md}, section 4).
 *
 * @param terms one term per parameter it touches
 */
public record ScaleInvariant(List<Term> terms) implements GradientOracle {
    /** How a parameter is normalised. */
    public enum Normalization {
        /** The whole tensor divided by its Frobenius norm. */
        LAYER("layer"),
        /** Each row of a 2-D tensor divided by that row's Euclidean norm. */
        ROW("row");

        private final String label;

        Normalization(String label) {
            this.label = label;
        }

        /** The JSON spelling. */
        public String label() {
            return label;
        }

        /** Parses {@code layer} / {@code row}. */
        public static Normalization fromLabel(String label) {
            for (Normalization n : values()) {
                if (n.label.equals(label)) {
                    return n;
                }
            }
            throw new IllegalArgumentException("normalization must be layer or row, got " + label);
        }
    }

    /**
     * One term.
     *
     * @param param         the parameter's name
     * @param normalization layer or row
     * @param a             n*n row-major symmetric matrix
     * @param b             length-n linear term
     */
    public record Term(String param, Normalization normalization, double[] a, double[] b) {
        public Term {
            if (a.length != b.length * b.length) {
                throw new IllegalArgumentException("term on " + param + ": A has " + a.length
                        + " entries, expected " + b.length * b.length);
            }
            a = a.clone();
            b = b.clone();
        }
    }

    public ScaleInvariant {
        terms = List.copyOf(terms);
    }

    @Override
    public double evaluate(ParameterSet parameters) {
        DType dt = parameters.dtype();
        double loss = 0;
        for (Term term : terms) {
            loss = dt.round(loss + evaluateTerm(parameters.get(term.param()), term, dt));
        }
        return loss;
    }

    private static double evaluateTerm(Parameter param, Term term, DType dt) {
        Tensor p = param.value();
        int n = p.size();
        if (n != term.b().length) {
            throw new IllegalArgumentException("term on " + term.param() + " has dimension " + term.b().length
                    + " but the parameter has " + n + " entries");
        }
        int groupSize;
        if (term.normalization() == Normalization.ROW) {
            if (p.rank() != 2) {
                throw new IllegalArgumentException("row normalization needs a 2-D parameter, " + term.param()
                        + " has rank " + p.rank());
            }
            groupSize = p.dim(1);
        } else {
            groupSize = n;
        }
        int groups = groupSize == 0 ? 0 : n / groupSize;
        double[] norms = new double[groups];
        double[] u = new double[n];
        for (int r = 0; r < groups; r++) {
            double sq = 0;
            for (int k = r * groupSize; k < (r + 1) * groupSize; k++) {
                sq = dt.round(sq + dt.round(p.get(k) * p.get(k)));
            }
            norms[r] = dt.round(Math.sqrt(sq));
            for (int k = r * groupSize; k < (r + 1) * groupSize; k++) {
                u[k] = dt.round(p.get(k) / norms[r]);
            }
        }
        double[] g = new double[n];
        double uAu = 0;
        double bu = 0;
        for (int i = 0; i < n; i++) {
            double au = 0;
            for (int k = 0; k < n; k++) {
                au = dt.round(au + dt.round(dt.round(term.a()[i * n + k]) * u[k]));
            }
            double bi = dt.round(term.b()[i]);
            g[i] = dt.round(au + bi);
            uAu = dt.round(uAu + dt.round(u[i] * au));
            bu = dt.round(bu + dt.round(bi * u[i]));
        }
        Tensor grad = param.grad();
        for (int r = 0; r < groups; r++) {
            double ug = 0;
            for (int k = r * groupSize; k < (r + 1) * groupSize; k++) {
                ug = dt.round(ug + dt.round(u[k] * g[k]));
            }
            for (int k = r * groupSize; k < (r + 1) * groupSize; k++) {
                grad.set(k, dt.round(dt.round(g[k] - dt.round(u[k] * ug)) / norms[r]));
            }
        }
        return dt.round(dt.round(0.5 * uAu) + bu);
    }
}
