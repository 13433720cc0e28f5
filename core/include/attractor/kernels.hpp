// Small dense kernels with a fixed order of floating-point operations.
//
// Eigen chooses its summation order by build (SIMD width, cache-size blocking), so the same
// product can differ in the last bit between the native and the WebAssembly build. The kernels
// here sum in one documented order that vectorizing compilers keep, which makes simulation
// results bit-identical across builds.
#pragma once

namespace attractor::kernels {

// y = A x for a column-major rows x cols matrix A. Every y[i] is accumulated over columns
// j = 0, 1, ... in order, so vectorizing across rows does not change any result.
void matvec(const double* a, int rows, int cols, const double* x, double* y);

// Sum of a[i] * b[i] for i = 0, 1, ... in order.
double dot(const double* a, const double* b, int n);

// A -= (scale u) u^T for a column-major n x n A: A(i, j) -= u[i] * (scale * u[j]), one rounding
// per operation (the rank-one downdate of recursive least squares).
void subtract_scaled_outer(double* a, int n, const double* u, double scale);

}  // namespace attractor::kernels
