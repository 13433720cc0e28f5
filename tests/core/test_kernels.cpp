#include <doctest/doctest.h>

#include <Eigen/Core>
#include <cmath>

#include "attractor/kernels.hpp"
#include "attractor/rng.hpp"

using attractor::Rng;
namespace kernels = attractor::kernels;

TEST_CASE("matvec equals Eigen's product for many shapes") {
  Rng rng(11);
  for (const int rows : {1, 2, 3, 7, 16, 33, 128}) {
    for (const int cols : {1, 2, 5, 16, 31, 100}) {
      Eigen::MatrixXd a(rows, cols);
      Eigen::VectorXd x(cols);
      for (int j = 0; j < cols; ++j) {
        x[j] = rng.normal();
        for (int i = 0; i < rows; ++i) a(i, j) = rng.normal();
      }
      Eigen::VectorXd y(rows);
      kernels::matvec(a.data(), rows, cols, x.data(), y.data());
      const Eigen::VectorXd expected = a * x;
      // Both sum the same terms in different orders: they agree to rounding.
      CHECK((y - expected).norm() <= 1e-13 * (a.norm() * x.norm() + 1));
    }
  }
}

TEST_CASE("matvec sums each row in column order") {
  // Terms chosen so that a different order gives a different rounded result.
  Eigen::MatrixXd a(1, 3);
  a << 1.0, 1e-16, -1.0;
  const Eigen::Vector3d x(1.0, 1.0, 1.0);
  double y = 0.0;
  kernels::matvec(a.data(), 1, 3, x.data(), &y);
  CHECK(y == (1.0 + 1e-16) - 1.0);
  CHECK(kernels::dot(a.data(), x.data(), 3) == (1.0 + 1e-16) - 1.0);
}

TEST_CASE("dot equals the exact sum of products on small integers") {
  const double a[] = {1, 2, 3, 4, 5};
  const double b[] = {-1, 0.5, 2, 0, 10};
  CHECK(kernels::dot(a, b, 5) == -1 + 1 + 6 + 0 + 50);
  CHECK(kernels::dot(a, b, 0) == 0.0);
}

TEST_CASE("matvec and the rank-one downdate give the bits of the plain loops") {
  Rng rng(12);
  for (const int n : {1, 2, 3, 5, 8, 9, 64, 101}) {
    CAPTURE(n);
    Eigen::MatrixXd a(n, n);
    Eigen::VectorXd x(n);
    for (int j = 0; j < n; ++j) {
      x[j] = rng.normal();
      for (int i = 0; i < n; ++i) a(i, j) = rng.normal();
    }
    Eigen::VectorXd y(n), expected = Eigen::VectorXd::Zero(n);
    kernels::matvec(a.data(), n, n, x.data(), y.data());
    for (int j = 0; j < n; ++j) {
      for (int i = 0; i < n; ++i) expected[i] += a(i, j) * x[j];
    }
    CHECK(y == expected);

    Eigen::MatrixXd downdated = a, expected_downdated = a;
    kernels::subtract_scaled_outer(downdated.data(), n, x.data(), 0.37);
    for (int j = 0; j < n; ++j) {
      const double factor = 0.37 * x[j];
      for (int i = 0; i < n; ++i) expected_downdated(i, j) -= x[i] * factor;
    }
    CHECK(downdated == expected_downdated);
  }
}
