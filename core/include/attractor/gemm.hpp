// Matrix-matrix products with a fixed order of floating-point operations (see kernels.hpp for
// why). All matrices are column-major with the given leading dimension equal to the row count.
// Each output entry is accumulated over the inner index in increasing order, and the loops
// vectorize across rows, which keeps results bit-identical between builds.
#pragma once

namespace attractor::gemm {

// Each product is one template over the scalar type, defined for double and float only, with
// the same order of operations for both; the float one runs entirely in float (products and
// sums rounded to float, never widened), so it too is bit-identical between builds.

// C = A B (accumulate = false) or C += A B, with A m x k, B k x n, C m x n.
template <typename Real>
void multiply(const Real* a, const Real* b, Real* c, int m, int k, int n, bool accumulate);

// C += A B^T, with A m x k, B n x k, C m x n (outer-product accumulation, as in weight gradients).
template <typename Real>
void multiply_add_transposed_b(const Real* a, const Real* b, Real* c, int m, int k, int n);

// B = A^T for an m x n A (B is n x m).
template <typename Real>
void transpose(const Real* a, Real* b, int m, int n);

// Householder QR of the square n x n matrix `a` (column-major, overwritten): returns Q in `q`
// with the signs fixed so that R has a non-negative diagonal, which makes Q of a Gaussian matrix
// Haar-distributed (Mezzadri 2007). Unblocked and in a fixed order, so every build agrees.
void orthogonal_factor(double* a, double* q, int n);

}  // namespace attractor::gemm
