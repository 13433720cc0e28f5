#include "attractor/kernels.hpp"

#include <cstddef>

namespace attractor::kernels {

void matvec(const double* a, int rows, int cols, const double* x, double* y) {
  for (int i = 0; i < rows; ++i) y[i] = 0.0;
  for (int j = 0; j < cols; ++j) {
    const double xj = x[j];
    const double* column = a + static_cast<std::ptrdiff_t>(j) * rows;
    for (int i = 0; i < rows; ++i) y[i] += column[i] * xj;
  }
}

double dot(const double* a, const double* b, int n) {
  double sum = 0.0;
  for (int i = 0; i < n; ++i) sum += a[i] * b[i];
  return sum;
}

}  // namespace attractor::kernels
