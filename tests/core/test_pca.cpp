#include <doctest/doctest.h>

#include <Eigen/QR>
#include <cmath>

#include "analysis_systems.hpp"
#include "attractor/pca.hpp"

using attractor::InvalidArgument;
using attractor::Pca;
namespace t = attractor::testing;

TEST_CASE("pca: data on a plane give that plane, its variances and exact coordinates") {
  for (const int n : {2, 3, 10, 50}) {
    CAPTURE(n);
    Eigen::MatrixXd basis(n, 2);
    for (int r = 0; r < n; ++r) {
      basis(r, 0) = std::sin(0.9 * r + 0.3);
      basis(r, 1) = std::cos(2.1 * r * r + 0.5);
    }
    const Eigen::HouseholderQR<Eigen::MatrixXd> qr(basis);
    const Eigen::MatrixXd u = qr.householderQ() * Eigen::MatrixXd::Identity(n, 2);
    const Eigen::VectorXd offset = Eigen::VectorXd::LinSpaced(n, -1, 2);
    // Coordinates with zero mean, variance 9 along u0 and 1 along u1, uncorrelated.
    const int m = 400;
    Eigen::MatrixXd coordinates(2, m);
    for (int j = 0; j < m; ++j) {
      const double phase = 2 * M_PI * j / m;
      coordinates(0, j) = 3 * std::sqrt(2.0) * std::cos(phase);
      coordinates(1, j) = std::sqrt(2.0) * std::sin(phase);
    }
    const Eigen::MatrixXd data = (u * coordinates).colwise() + offset;
    const Pca pca(data, 2);
    CHECK((pca.mean() - offset).norm() < 1e-12);
    CHECK(pca.variances()[0] == doctest::Approx(9.0 * m / (m - 1)).epsilon(1e-10));
    CHECK(pca.variances()[1] == doctest::Approx(1.0 * m / (m - 1)).epsilon(1e-10));
    CHECK(pca.explained_ratio().sum() == doctest::Approx(1.0).epsilon(1e-12));
    CHECK(
        (pca.components().transpose() * pca.components() - Eigen::MatrixXd::Identity(2, 2)).norm() <
        1e-12);
    // Each component is +-u_i; the projection recovers the coordinates up to those signs.
    const Eigen::MatrixXd projected = pca.project(data);
    for (int i = 0; i < 2; ++i) {
      const double sign = pca.components().col(i).dot(u.col(i)) > 0 ? 1.0 : -1.0;
      CHECK((projected.row(i) - sign * coordinates.row(i)).norm() < 1e-10 * m);
    }
    // Other points, e.g. fixed points, go through the same map: the mean lands on 0.
    CHECK(pca.project(offset).norm() < 1e-12);
    if (n > 2) {
      const Pca all(data, 0);
      CHECK(all.count() == n);
      CHECK(all.variances().tail(n - 2).norm() < 1e-10);
    }
  }
}

TEST_CASE("pca: a Hopf limit cycle fills its plane, r^2 / 2 per axis") {
  const t::HopfOscillators map({1.0}, {2.0}, 0.001);
  Eigen::MatrixXd samples;
  // About 10 periods (2 pi / omega = 3.14 s each) after the transient.
  const Pca pca = Pca::from_trajectory(
      map, {{"k", 2}, {"transient_steps", 20000}, {"steps", 31416}, {"every", 4}},
      Eigen::VectorXd::Constant(2, 0.1), &samples);
  CHECK(samples.cols() == 7854);
  const double r2 = 1.0 + (1 - std::sqrt(1 - 4e-6)) / 0.001;
  CHECK(pca.variances()[0] == doctest::Approx(r2 / 2).epsilon(0.01));
  CHECK(pca.variances()[1] == doctest::Approx(r2 / 2).epsilon(0.01));
  CHECK(pca.mean().norm() < 0.02);
}

TEST_CASE("pca: bad input is rejected by name") {
  CHECK_THROWS_WITH_AS(Pca(Eigen::MatrixXd::Zero(3, 1), 1),
                       "pca: 1 samples of dimension 3 given; at least 2 samples of dimension 1 "
                       "or more are needed",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Pca(Eigen::MatrixXd::Zero(3, 5), 4),
                       "pca: k = 4 is not allowed for 3-dimensional data; k must be from 1 to 3, "
                       "or 0 for all",
                       InvalidArgument);
  Eigen::MatrixXd bad = Eigen::MatrixXd::Zero(3, 5);
  bad(1, 1) = NAN;
  CHECK_THROWS_WITH_AS(Pca(bad, 1), "pca: the data contain a non-finite value", InvalidArgument);
  const Pca pca(Eigen::MatrixXd::Random(3, 5), 2);
  CHECK_THROWS_WITH_AS(pca.project(Eigen::MatrixXd::Zero(4, 1)),
                       "pca: points of dimension 4 cannot be projected; the fit was on "
                       "3-dimensional states",
                       InvalidArgument);
  const t::HopfOscillators map({1.0}, {2.0}, 0.01);
  CHECK_THROWS_WITH_AS(
      Pca::from_trajectory(map, {{"k", 2}, {"steps", 3}, {"every", 2}}, {}, nullptr),
      "pca: steps = 3 with every = 2 keeps fewer than 2 states; steps must be "
      "at least 2 * every",
      InvalidArgument);
}
