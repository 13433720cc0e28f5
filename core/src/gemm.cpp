#include "attractor/gemm.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

namespace attractor::gemm {
namespace {

inline std::size_t at(int row, int column, int rows) {
  return static_cast<std::size_t>(column) * static_cast<std::size_t>(rows) +
         static_cast<std::size_t>(row);
}

template <typename Real>
void multiply_impl(const Real* a, const Real* b, Real* c, int m, int k, int n, bool accumulate) {
  for (int j = 0; j < n; ++j) {
    Real* cj = c + at(0, j, m);
    if (!accumulate) {
      for (int i = 0; i < m; ++i) cj[i] = Real(0);
    }
    for (int p = 0; p < k; ++p) {
      const Real bpj = b[at(p, j, k)];
      const Real* ap = a + at(0, p, m);
      for (int i = 0; i < m; ++i) cj[i] += ap[i] * bpj;
    }
  }
}

template <typename Real>
void multiply_add_transposed_b_impl(const Real* a, const Real* b, Real* c, int m, int k, int n) {
  for (int j = 0; j < n; ++j) {
    Real* cj = c + at(0, j, m);
    for (int p = 0; p < k; ++p) {
      const Real bjp = b[at(j, p, n)];
      const Real* ap = a + at(0, p, m);
      for (int i = 0; i < m; ++i) cj[i] += ap[i] * bjp;
    }
  }
}

template <typename Real>
void transpose_impl(const Real* a, Real* b, int m, int n) {
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < m; ++i) b[at(j, i, n)] = a[at(i, j, m)];
  }
}

}  // namespace

void multiply(const double* a, const double* b, double* c, int m, int k, int n, bool accumulate) {
  multiply_impl(a, b, c, m, k, n, accumulate);
}
void multiply(const float* a, const float* b, float* c, int m, int k, int n, bool accumulate) {
  multiply_impl(a, b, c, m, k, n, accumulate);
}

void multiply_add_transposed_b(const double* a, const double* b, double* c, int m, int k, int n) {
  multiply_add_transposed_b_impl(a, b, c, m, k, n);
}
void multiply_add_transposed_b(const float* a, const float* b, float* c, int m, int k, int n) {
  multiply_add_transposed_b_impl(a, b, c, m, k, n);
}

void transpose(const double* a, double* b, int m, int n) {
  transpose_impl(a, b, m, n);
}
void transpose(const float* a, float* b, int m, int n) {
  transpose_impl(a, b, m, n);
}

void orthogonal_factor(double* a, double* q, int n) {
  // Householder vectors are kept in the lower part of `a`, their scaling in `beta`.
  std::vector<double> beta(static_cast<std::size_t>(n), 0.0);
  std::vector<double> diagonal(static_cast<std::size_t>(n), 0.0);
  for (int k = 0; k < n; ++k) {
    double norm_sq = 0.0;
    for (int i = k; i < n; ++i) norm_sq += a[at(i, k, n)] * a[at(i, k, n)];
    const double norm = std::sqrt(norm_sq);
    const double head = a[at(k, k, n)];
    if (norm == 0.0) {
      diagonal[static_cast<std::size_t>(k)] = 0.0;
      continue;
    }
    const double alpha = head > 0 ? -norm : norm;  // avoids cancellation in head - alpha
    diagonal[static_cast<std::size_t>(k)] = alpha;
    a[at(k, k, n)] = head - alpha;  // v = x - alpha e_k, stored in place
    const double v_norm_sq = norm_sq - head * head + (head - alpha) * (head - alpha);
    beta[static_cast<std::size_t>(k)] = 2.0 / v_norm_sq;
    for (int j = k + 1; j < n; ++j) {  // apply H = I - beta v v^T to the remaining columns
      double s = 0.0;
      for (int i = k; i < n; ++i) s += a[at(i, k, n)] * a[at(i, j, n)];
      s *= beta[static_cast<std::size_t>(k)];
      for (int i = k; i < n; ++i) a[at(i, j, n)] -= s * a[at(i, k, n)];
    }
  }
  // Q = H_0 H_1 ... H_{n-1}, accumulated backwards onto the identity.
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < n; ++i) q[at(i, j, n)] = i == j ? 1.0 : 0.0;
  }
  for (int k = n - 1; k >= 0; --k) {
    const double bk = beta[static_cast<std::size_t>(k)];
    if (bk == 0.0) continue;
    for (int j = k; j < n; ++j) {
      double s = 0.0;
      for (int i = k; i < n; ++i) s += a[at(i, k, n)] * q[at(i, j, n)];
      s *= bk;
      for (int i = k; i < n; ++i) q[at(i, j, n)] -= s * a[at(i, k, n)];
    }
  }
  // Column j of Q times sign(R_jj), so that R's diagonal is non-negative.
  for (int j = 0; j < n; ++j) {
    if (diagonal[static_cast<std::size_t>(j)] < 0) {
      for (int i = 0; i < n; ++i) q[at(i, j, n)] = -q[at(i, j, n)];
    }
  }
}

}  // namespace attractor::gemm
