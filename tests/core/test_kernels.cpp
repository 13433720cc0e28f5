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
