#include <doctest/doctest.h>

#include <Eigen/Core>
#include <Eigen/QR>

#include "attractor/gemm.hpp"
#include "attractor/rng.hpp"

namespace {

Eigen::MatrixXd gaussian(int rows, int cols, std::uint64_t seed) {
  attractor::Rng rng(seed);
  Eigen::MatrixXd m(rows, cols);
  for (int j = 0; j < cols; ++j) {
    for (int i = 0; i < rows; ++i) m(i, j) = rng.normal();
  }
  return m;
}

}  // namespace

TEST_CASE("products agree with Eigen's across shapes") {
  for (const int m : {1, 3, 17, 64}) {
    for (const int k : {1, 5, 32}) {
      for (const int n : {1, 4, 19}) {
        CAPTURE(m);
        CAPTURE(k);
        CAPTURE(n);
        const Eigen::MatrixXd a = gaussian(m, k, 1);
        const Eigen::MatrixXd b = gaussian(k, n, 2);
        Eigen::MatrixXd c(m, n);
        attractor::gemm::multiply(a.data(), b.data(), c.data(), m, k, n, false);
        CHECK((c - a * b).norm() <= 1e-13 * (a.norm() * b.norm() + 1));
        Eigen::MatrixXd accumulated = Eigen::MatrixXd::Ones(m, n);
        attractor::gemm::multiply(a.data(), b.data(), accumulated.data(), m, k, n, true);
        CHECK((accumulated - (a * b + Eigen::MatrixXd::Ones(m, n))).norm() <=
              1e-12 * (a.norm() * b.norm() + 1));
        const Eigen::MatrixXd bt = gaussian(n, k, 3);
        Eigen::MatrixXd outer = Eigen::MatrixXd::Ones(m, n);
        attractor::gemm::multiply_add_transposed_b(a.data(), bt.data(), outer.data(), m, k, n);
        CHECK((outer - (a * bt.transpose() + Eigen::MatrixXd::Ones(m, n))).norm() <=
              1e-12 * (a.norm() * bt.norm() + 1));
        Eigen::MatrixXd transposed(k, m);
        attractor::gemm::transpose(a.data(), transposed.data(), m, k);
        CHECK(transposed == a.transpose());
      }
    }
  }
}

TEST_CASE(
    "orthogonal_factor gives an orthogonal Q with A = Q R, R upper with a positive diagonal") {
  for (const int n : {1, 2, 5, 33, 100}) {
    CAPTURE(n);
    const Eigen::MatrixXd a = gaussian(n, n, static_cast<std::uint64_t>(n));
    Eigen::MatrixXd work = a;
    Eigen::MatrixXd q(n, n);
    attractor::gemm::orthogonal_factor(work.data(), q.data(), n);
    CHECK((q.transpose() * q - Eigen::MatrixXd::Identity(n, n)).norm() < 1e-12 * n);
    const Eigen::MatrixXd r = q.transpose() * a;
    for (int j = 0; j < n; ++j) {
      CHECK(r(j, j) > 0);
      for (int i = j + 1; i < n; ++i) CHECK(std::abs(r(i, j)) < 1e-10 * n);
    }
    // The same Q as Eigen's Householder QR once both are sign-fixed (the factorization is unique).
    const Eigen::HouseholderQR<Eigen::MatrixXd> reference(a);
    Eigen::MatrixXd q_ref = reference.householderQ();
    const Eigen::MatrixXd r_ref = reference.matrixQR().triangularView<Eigen::Upper>();
    for (int j = 0; j < n; ++j) {
      if (r_ref(j, j) < 0) q_ref.col(j) *= -1;
    }
    CHECK((q - q_ref).norm() < 1e-10 * n);
  }
}

TEST_CASE("every product entry is summed over the inner index in order, whatever the tiling") {
  // The tiled SIMD kernels must give exactly the bits of the plain loop they replace: that is what
  // keeps the native and WebAssembly builds identical. Shapes cover full tiles and every remainder.
  for (const int m : {1, 3, 4, 7, 16, 17, 63, 64, 65, 130}) {
    for (const int k : {1, 2, 16, 37}) {
      for (const int n : {1, 3, 4, 5, 16}) {
        CAPTURE(m);
        CAPTURE(k);
        CAPTURE(n);
        const Eigen::MatrixXf a = gaussian(m, k, 1).cast<float>();
        const Eigen::MatrixXf b = gaussian(k, n, 2).cast<float>();
        const Eigen::MatrixXf bt = gaussian(n, k, 3).cast<float>();
        const Eigen::MatrixXf c0 = gaussian(m, n, 4).cast<float>();
        Eigen::MatrixXf product(m, n), accumulated = c0, outer = c0;
        Eigen::MatrixXf expected_product(m, n), expected_accumulated(m, n), expected_outer(m, n);
        for (int j = 0; j < n; ++j) {
          for (int i = 0; i < m; ++i) {
            float sum = 0.0f, acc = c0(i, j), out = c0(i, j);
            for (int p = 0; p < k; ++p) {
              sum += a(i, p) * b(p, j);
              acc += a(i, p) * b(p, j);
              out += a(i, p) * bt(j, p);
            }
            expected_product(i, j) = sum;
            expected_accumulated(i, j) = acc;
            expected_outer(i, j) = out;
          }
        }
        attractor::gemm::multiply(a.data(), b.data(), product.data(), m, k, n, false);
        attractor::gemm::multiply(a.data(), b.data(), accumulated.data(), m, k, n, true);
        attractor::gemm::multiply_add_transposed_b(a.data(), bt.data(), outer.data(), m, k, n);
        CHECK(product == expected_product);
        CHECK(accumulated == expected_accumulated);
        CHECK(outer == expected_outer);
      }
    }
  }
}
