#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <vector>

#include "analysis_systems.hpp"
#include "attractor/gradient_persistence.hpp"
#include "attractor/line_attractor.hpp"

using attractor::GradientPersistence;
using attractor::InvalidArgument;
using attractor::LineAttractor;
using attractor::ParamValues;
namespace t = attractor::testing;

namespace {

GradientPersistence run_all(const attractor::StepMap& map, const ParamValues& config,
                            const Eigen::VectorXd& x0 = Eigen::VectorXd()) {
  GradientPersistence analysis(map, config, x0);
  while (!analysis.done()) analysis.advance(97);
  return analysis;
}

// A symmetric matrix with the given eigenvalues (a fixed rotation of the diagonal).
Eigen::MatrixXd symmetric_with_eigenvalues(const std::vector<double>& values) {
  const int n = static_cast<int>(values.size());
  Eigen::MatrixXd a(n, n);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) a(r, c) = std::sin(1.3 * r + 0.7 * c * c + 0.2);
  }
  const Eigen::HouseholderQR<Eigen::MatrixXd> qr(a);
  const Eigen::MatrixXd q = qr.householderQ();
  return q * Eigen::VectorXd::Map(values.data(), n).asDiagonal() * q.transpose();
}

}  // namespace

TEST_CASE("gradient persistence: symmetric linear maps give T log|eigenvalue|, past overflow") {
  // 2^3000 and 0.1^3000 are far outside double range: the rescaling must carry them.
  const std::vector<double> all = {2.0, -1.0, 0.9, 0.5, -0.1};
  for (std::size_t n = 1; n <= all.size(); ++n) {
    CAPTURE(n);
    const std::vector<double> values(all.begin(), all.begin() + n);
    const t::LinearSystem map(symmetric_with_eigenvalues(values));
    const GradientPersistence analysis =
        run_all(map, {{"steps", 3000}, {"records", 30}}, Eigen::VectorXd::Zero(n));
    std::vector<double> logs;
    for (const double v : values) logs.push_back(std::log(std::fabs(v)));
    std::sort(logs.rbegin(), logs.rend());
    REQUIRE(analysis.record_steps().size() == 30);
    for (std::size_t r = 0; r < 30; ++r) {
      const double horizon = analysis.record_steps()[r];
      CHECK(horizon == 100.0 * (r + 1));
      CHECK(analysis.record_times()[r] == horizon);
      // Values below ~1e-15 of the largest are not resolved; check only those within range.
      for (std::size_t i = 0; i < n; ++i) {
        if (horizon * (logs[0] - logs[i]) > 30) continue;
        CAPTURE(i);
        CHECK(analysis.log_singular_values()[r * n + i] ==
              doctest::Approx(horizon * logs[i]).scale(1).epsilon(1e-9));
      }
    }
  }
}

TEST_CASE(
    "gradient persistence: a tuned line attractor keeps the signal; a perturbed one does not") {
  for (const int n : {3, 16, 50}) {
    CAPTURE(n);
    LineAttractor model({{"n", n}, {"seed", 8}});
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(model.weights());
    // Second largest eigenvalue of W: the slowest decaying direction off the line.
    const double second = solver.eigenvalues()[n - 2];
    const double second_log = std::log(std::fabs(1 + 0.01 * (second - 1)));
    const GradientPersistence tuned = run_all(model, {{"steps", 2000}, {"records", 4}, {"k", 2}});
    for (std::size_t r = 0; r < 4; ++r) {
      const double horizon = tuned.record_steps()[r];
      // J is symmetric with eigenvalue 1 along m: ||dh_T/dh_0|| = 1 exactly, at every T.
      CHECK(std::fabs(tuned.log_singular_values()[2 * r]) < 1e-10);
      CHECK(tuned.log_singular_values()[2 * r + 1] ==
            doctest::Approx(horizon * second_log).epsilon(1e-9));
    }
    model.perturb(0.05, 1);
    const GradientPersistence perturbed =
        run_all(model, {{"steps", 2000}, {"records", 2}, {"k", 1}});
    // Asymptotically log sigma_1 grows like T log(1 + dt * drift); compare the slope between the
    // two horizons, which cancels the O(1) offset from the non-normal part.
    const double slope =
        (perturbed.log_singular_values()[1] - perturbed.log_singular_values()[0]) / 1000.0 / 0.001;
    CHECK(slope ==
          doctest::Approx(std::log1p(0.001 * model.predicted_drift_rate()) / 0.001).epsilon(0.01));
  }
}

TEST_CASE("gradient persistence: on a torus the leading singular values stay of order one") {
  for (const int blocks : {1, 3}) {
    CAPTURE(blocks);
    std::vector<double> mu(blocks, 1.0), omega;
    for (int b = 0; b < blocks; ++b) omega.push_back(2.0 + b);
    const t::HopfOscillators map(mu, omega, 0.01);
    // Horizons up to 12 s keep sigma_2 / sigma_1 = e^{-25} within double resolution.
    const GradientPersistence analysis =
        run_all(map, {{"steps", 1200}, {"records", 4}, {"transient_steps", 2000}, {"k", 0}},
                Eigen::VectorXd::Constant(2 * blocks, 0.5));
    const int n = 2 * blocks;
    const auto& logs = analysis.log_singular_values();
    for (int r = 0; r < 4; ++r) {
      // The N/2 phase directions neither grow nor decay: their singular values stay within
      // the O(dt^2) shear between radius and phase of 1, at every horizon.
      for (int i = 0; i < blocks; ++i) CHECK(std::fabs(logs[r * n + i]) < 1e-3);
      if (r == 0) continue;
      // The radial ones decay at the radial exponent (slope between horizons).
      const double elapsed = analysis.record_times()[r] - analysis.record_times()[r - 1];
      CHECK((logs[r * n + blocks] - logs[(r - 1) * n + blocks]) / elapsed ==
            doctest::Approx(map.radial_exponent(0)).epsilon(1e-3));
    }
  }
}

TEST_CASE("gradient persistence: chunks give the same bits; bad input is rejected by name") {
  const t::RotationTanhNetwork map({1.5, 2.0}, {1.0, 2.2});
  GradientPersistence whole(map, {{"steps", 300}, {"records", 7}});
  whole.advance(1e9);
  const GradientPersistence chunked = run_all(map, {{"steps", 300}, {"records", 7}});
  CHECK(whole.log_singular_values() == chunked.log_singular_values());
  CHECK(whole.record_steps().back() == 300);
  CHECK(whole.progress() == 1.0);

  CHECK_THROWS_WITH_AS(GradientPersistence(map, {{"k", 5}}),
                       "gradient persistence: k = 5 is not allowed for a 4-dimensional model; k "
                       "must be from 1 to 4, or 0 for all",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(GradientPersistence(map, {{"steps", 0}}),
                       "gradient persistence: steps = 0 is not allowed; steps must be an integer "
                       "from 1 to 1000000 steps",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(GradientPersistence(map, {}, Eigen::VectorXd::Constant(4, NAN)),
                       "gradient persistence: the initial state has entry 0 = nan; every entry "
                       "must be finite",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(GradientPersistence(map, {}, Eigen::VectorXd::Zero(5)),
                       doctest::Contains("the initial state has 5 entries"), InvalidArgument);
}
