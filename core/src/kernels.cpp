#include "attractor/kernels.hpp"

#include <cstddef>

#include "simd.hpp"

namespace attractor::kernels {

void matvec(const double* a, int rows, int cols, const double* x, double* y) {
  // y is updated by blocks of four columns at a time, adding their terms to each y[i] in column
  // order: the same sums as one column at a time, with a quarter of the loads and stores of y.
  constexpr int kBlock = 4;
  const std::ptrdiff_t ld = rows;
  const int vector_rows = rows - rows % 2;
  for (int i = 0; i < rows; ++i) y[i] = 0.0;
  int j = 0;
  for (; j + kBlock <= cols; j += kBlock) {
    const double* c0 = a + j * ld;
    const double* c1 = c0 + ld;
    const double* c2 = c1 + ld;
    const double* c3 = c2 + ld;
    const simd::Vec<double> x0 = simd::splat(x[j]);
    const simd::Vec<double> x1 = simd::splat(x[j + 1]);
    const simd::Vec<double> x2 = simd::splat(x[j + 2]);
    const simd::Vec<double> x3 = simd::splat(x[j + 3]);
    for (int i = 0; i < vector_rows; i += 2) {
      simd::Vec<double> acc = simd::load(y + i);
      acc = acc + simd::load(c0 + i) * x0;
      acc = acc + simd::load(c1 + i) * x1;
      acc = acc + simd::load(c2 + i) * x2;
      acc = acc + simd::load(c3 + i) * x3;
      simd::store(y + i, acc);
    }
    for (int i = vector_rows; i < rows; ++i) {
      y[i] = (((y[i] + c0[i] * x[j]) + c1[i] * x[j + 1]) + c2[i] * x[j + 2]) + c3[i] * x[j + 3];
    }
  }
  for (; j < cols; ++j) {
    const double xj = x[j];
    const double* column = a + j * ld;
    for (int i = 0; i < rows; ++i) y[i] += column[i] * xj;
  }
}

double dot(const double* a, const double* b, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

void subtract_scaled_outer(double* a, int n, const double* u, double scale) {
  const std::ptrdiff_t ld = n;
  const int vector_rows = n - n % 2;
  for (int j = 0; j < n; ++j) {
    const double factor = scale * u[j];
    const simd::Vec<double> f = simd::splat(factor);
    double* column = a + j * ld;
    for (int i = 0; i < vector_rows; i += 2) {
      simd::store(column + i, simd::load(column + i) - simd::load(u + i) * f);
    }
    for (int i = vector_rows; i < n; ++i) column[i] -= u[i] * factor;
  }
}

}  // namespace attractor::kernels
