package org.optim.nn.kernel;

/**
 * Which operands of a matrix product are read transposed. All matrices are dense and row-major;
 * the product is always {@code C[m,n] = sum over p < k of A'(i,p) * B'(p,j)}.
 */
public enum Layout {
    /** {@code C = A B}: A is [m,k], B is [k,n] (backward pass: {@code dH = dZ W}). */
    NN,
    /** {@code C = A B^T}: A is [m,k], B is [n,k] (forward pass: {@code Z = X W^T}). */
    NT,
    /** {@code C = A^T B}: A is [k,m], B is [k,n] (weight gradient: {@code dW = dZ^T X}). */
    TN;

    /** Index of {@code A'(i, p)} in A's backing array. */
    int aIndex(int m, int k, int i, int p) {
        return this == TN ? p * m + i : i * k + p;
    }

    /** Index of {@code B'(p, j)} in B's backing array. */
    int bIndex(int n, int k, int p, int j) {
        return this == NT ? j * k + p : p * n + j;
    }
}
