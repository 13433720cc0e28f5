#include "attractor/gemm.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

#include "simd.hpp"

namespace attractor::gemm {
namespace {

inline std::size_t at(int row, int column, int rows) {
  return static_cast<std::size_t>(column) * static_cast<std::size_t>(rows) +
         static_cast<std::size_t>(row);
}

// C = A B or C += A B with B read through strides, B(p, j) = b[p * bp + j * bj]: the products
// need B and B^T. Every C(i, j) starts from 0 (or its old value) and adds A(i, p) B(p, j) for
// p = 0, 1, ... in order, one rounding per multiply and per add, whatever the tiling below; the
// tiles only keep a block of C in registers across p (a tile of `Vecs` vectors of rows by
// `Cols` columns), which is what makes the loops fast.
template <typename Real>
struct Operands {
  const Real* a;
  const Real* b;
  std::ptrdiff_t bp;
  std::ptrdiff_t bj;
  Real* c;
  int m;
  int k;
  bool accumulate;
};

template <typename Real, int Vecs, int Cols>
inline void tile(const Operands<Real>& o, int i0, int j0) {
  using V = simd::Vec<Real>;
  constexpr int L = simd::kLanes<Real>;
  V acc[Cols][Vecs];
  for (int j = 0; j < Cols; ++j) {
    Real* cj = o.c + at(i0, j0 + j, o.m);
    for (int v = 0; v < Vecs; ++v)
      acc[j][v] = o.accumulate ? simd::load(cj + v * L) : simd::splat(Real(0));
  }
  const Real* ap = o.a + i0;
  const Real* bp = o.b + static_cast<std::ptrdiff_t>(j0) * o.bj;
  for (int p = 0; p < o.k; ++p) {
    V av[Vecs];
    for (int v = 0; v < Vecs; ++v) av[v] = simd::load(ap + v * L);
    for (int j = 0; j < Cols; ++j) {
      const V bv = simd::splat(bp[j * o.bj]);
      for (int v = 0; v < Vecs; ++v) acc[j][v] = acc[j][v] + av[v] * bv;
    }
    ap += o.m;
    bp += o.bp;
  }
  for (int j = 0; j < Cols; ++j) {
    Real* cj = o.c + at(i0, j0 + j, o.m);
    for (int v = 0; v < Vecs; ++v) simd::store(cj + v * L, acc[j][v]);
  }
}

// The same sums for single rows (the rows left over by the vector tiles).
template <typename Real>
inline void scalar_row(const Operands<Real>& o, int i, int j) {
  Real* cij = o.c + at(i, j, o.m);
  Real sum = o.accumulate ? *cij : Real(0);
  const Real* bp = o.b + static_cast<std::ptrdiff_t>(j) * o.bj;
  for (int p = 0; p < o.k; ++p)
    sum += o.a[at(i, p, o.m)] * bp[static_cast<std::ptrdiff_t>(p) * o.bp];
  *cij = sum;
}

template <typename Real, int Cols>
inline void column_block(const Operands<Real>& o, int i0, int rows, int j0) {
  constexpr int L = simd::kLanes<Real>;
  constexpr int kWide = 4 * L;
  int i = i0;
  for (; i + kWide <= i0 + rows; i += kWide) tile<Real, 4, Cols>(o, i, j0);
  for (; i + L <= i0 + rows; i += L) tile<Real, 1, Cols>(o, i, j0);
  for (; i < i0 + rows; ++i) {
    for (int j = j0; j < j0 + Cols; ++j) scalar_row(o, i, j);
  }
}

template <typename Real>
void product(const Operands<Real>& o, int n) {
  // Row panels of A outermost, so that a panel stays in cache while every column of C uses it.
  constexpr int kPanel = 64;
  for (int i0 = 0; i0 < o.m; i0 += kPanel) {
    const int rows = o.m - i0 < kPanel ? o.m - i0 : kPanel;
    int j = 0;
    for (; j + 4 <= n; j += 4) column_block<Real, 4>(o, i0, rows, j);
    for (; j < n; ++j) column_block<Real, 1>(o, i0, rows, j);
  }
}

}  // namespace

template <typename Real>
void multiply(const Real* a, const Real* b, Real* c, int m, int k, int n, bool accumulate) {
  product(Operands<Real>{a, b, 1, k, c, m, k, accumulate}, n);
}

template <typename Real>
void multiply_add_transposed_b(const Real* a, const Real* b, Real* c, int m, int k, int n) {
  product(Operands<Real>{a, b, n, 1, c, m, k, true}, n);
}

template <typename Real>
void transpose(const Real* a, Real* b, int m, int n) {
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < m; ++i) b[at(j, i, n)] = a[at(i, j, m)];
  }
}

template void multiply(const double*, const double*, double*, int, int, int, bool);
template void multiply(const float*, const float*, float*, int, int, int, bool);
template void multiply_add_transposed_b(const double*, const double*, double*, int, int, int);
template void multiply_add_transposed_b(const float*, const float*, float*, int, int, int);
template void transpose(const double*, double*, int, int);
template void transpose(const float*, float*, int, int);

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
