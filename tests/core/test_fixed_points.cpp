#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "analysis_systems.hpp"
#include "attractor/fixed_points.hpp"
#include "attractor/line_attractor.hpp"

using attractor::FixedPointFinder;
using attractor::InvalidArgument;
using attractor::LineAttractor;
using attractor::ParamValues;
using attractor::Stability;
namespace t = attractor::testing;

namespace {

void run_all(FixedPointFinder& finder) {
  double previous = -1.0;
  while (!finder.done()) {
    finder.advance(50);
    CHECK(finder.progress() >= previous);
    previous = finder.progress();
  }
  CHECK(finder.progress() == 1.0);
}

// The flow dx/dt = x^2 + c (c > 0) has no fixed point, but it crawls past x = 0: a slow point
// with q = c^2 / 2.
class SaddleNodeGhost : public attractor::StepMap {
 public:
  SaddleNodeGhost(double c, double dt) : c_(c), dt_(dt) {}
  int dimension() const override { return 1; }
  double time_step() const override { return dt_; }
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override {
    next = x;
    next[0] += dt_ * (x[0] * x[0] + c_);
  }
  void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const override {
    jacobian.resize(1, 1);
    jacobian(0, 0) = 1 + dt_ * 2 * x[0];
  }

 private:
  double c_, dt_;
};

// The positive root of h = tanh(a h), by bisection.
double tanh_root(double a) {
  double low = 1e-3, high = 1.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (low + high);
    (std::tanh(a * mid) > mid ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

std::string error_of(const attractor::StepMap& map, const ParamValues& config,
                     const Eigen::MatrixXd& starts) {
  try {
    FixedPointFinder finder(map, config, starts);
  } catch (const InvalidArgument& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("fixed points: h <- tanh(2h) per unit has 3^n fixed points, classified, at n = 1..3") {
  const double root = tanh_root(2.0);
  for (int n = 1; n <= 3; ++n) {
    CAPTURE(n);
    const t::RotationTanhNetwork map(Eigen::MatrixXd(2.0 * Eigen::MatrixXd::Identity(n, n)));
    // A grid of starts, one near each fixed point: every coordinate from {-1, 0.05, 1}.
    int count = 1;
    for (int i = 0; i < n; ++i) count *= 3;
    Eigen::MatrixXd starts(n, count);
    for (int j = 0; j < count; ++j) {
      int code = j;
      for (int i = 0; i < n; ++i, code /= 3)
        starts(i, j) = std::vector<double>{-1, 0.05, 1}[code % 3];
    }
    FixedPointFinder finder(map, {}, starts);
    run_all(finder);
    REQUIRE(finder.points().size() == static_cast<std::size_t>(count));
    int stable = 0, saddle = 0, unstable = 0;
    const double stable_multiplier = 2 * (1 - root * root);
    for (const auto& point : finder.points()) {
      CHECK(point.fixed);
      CHECK(point.q < 1e-25);
      int at_root = 0;
      for (int i = 0; i < n; ++i) {
        const double coordinate = std::fabs(point.x[i]);
        CHECK((coordinate < 1e-12 || std::fabs(coordinate - root) < 1e-12));
        at_root += coordinate > 0.5;
      }
      // Each unit at +-root contracts by 2 (1 - root^2); at 0 it expands by 2.
      CHECK(point.counts.growing == n - at_root);
      CHECK(point.counts.decaying == at_root);
      CHECK(point.spectrum.growth_rates[0] ==
            doctest::Approx(std::log(at_root == n ? stable_multiplier : 2.0)));
      stable += point.stability == Stability::kStable;
      saddle += point.stability == Stability::kSaddle;
      unstable += point.stability == Stability::kUnstable;
    }
    CHECK(stable == (1 << n));
    CHECK(unstable == 1);
    CHECK(saddle == count - (1 << n) - 1);
    CHECK(!finder.points()[0].spectrum.continuous_time);
  }
}

TEST_CASE("fixed points: a tuned line attractor has a continuum: marginal points along m") {
  for (const int n : {2, 8, 32}) {
    CAPTURE(n);
    LineAttractor model({{"n", n}, {"seed", 6}});
    FixedPointFinder finder(
        model, {{"starts", 8}, {"trajectory_steps", 200}, {"start_noise", 0.5}, {"seed", 2}});
    run_all(finder);
    const auto& points = finder.points();
    // Every start lands somewhere else on the line: eight distinct fixed points.
    CHECK(points.size() == 8);
    CHECK(finder.rejected() == 0);
    const Eigen::VectorXd& m = model.memory_direction();
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(model.weights());
    std::vector<double> rates;
    for (int i = 0; i < n; ++i) rates.push_back((solver.eigenvalues()[i] - 1) / 0.1);
    std::sort(rates.rbegin(), rates.rend());
    double spread = 0.0;
    for (const auto& point : points) {
      CHECK(point.fixed);
      const double along = m.dot(point.x);
      spread = std::max(spread, std::fabs(along));
      CHECK((point.x - along * m).norm() < 1e-9 * (1 + std::fabs(along)));
      CHECK(point.stability == Stability::kMarginal);
      CHECK(point.counts.neutral == 1);
      CHECK(point.counts.decaying == n - 1);
      CHECK(point.spectrum.continuous_time);
      // Continuous-time rates (mu - 1) / dt are the eigenvalues of (W - I) / tau.
      for (int i = 0; i < n; ++i) {
        CHECK(point.spectrum.growth_rates[i] == doctest::Approx(rates[i]).scale(1).epsilon(1e-9));
        CHECK(std::fabs(point.spectrum.eigenvalues[i].imag()) < 1e-9);
      }
    }
    CHECK(spread > 0.1);
  }
}

TEST_CASE("fixed points: a perturbed line attractor keeps only the origin") {
  for (const int n : {4, 16, 64}) {
    for (const double epsilon : {0.01, 0.1}) {
      CAPTURE(n);
      CAPTURE(epsilon);
      LineAttractor model({{"n", n}, {"seed", 6}});
      model.perturb(epsilon, 3);
      FixedPointFinder finder(
          model, {{"starts", 8}, {"trajectory_steps", 200}, {"start_noise", 0.5}, {"seed", 2}});
      run_all(finder);
      REQUIRE(finder.points().size() == 1);
      const auto& point = finder.points()[0];
      CHECK(point.hits == 8);
      CHECK(point.fixed);
      CHECK(point.x.norm() < 1e-9);
      CHECK(point.counts.neutral == 0);
      // The slowest direction is the memory direction, now decaying or growing at the drift rate.
      CHECK(point.spectrum.growth_rates[0] ==
            doctest::Approx(model.predicted_drift_rate()).epsilon(1e-8));
      CHECK(point.stability ==
            (model.predicted_drift_rate() > 0 ? Stability::kSaddle : Stability::kStable));
    }
  }
}

TEST_CASE("fixed points: the ghost of a saddle-node is a slow point, not a fixed point") {
  for (const double c : {1e-2, 1e-3}) {
    CAPTURE(c);
    const SaddleNodeGhost map(c, 0.01);
    Eigen::MatrixXd starts(1, 3);
    starts << -0.5, 0.1, 0.4;
    FixedPointFinder finder(map, {{"slow_tolerance", 1e-3}}, starts);
    run_all(finder);
    REQUIRE(finder.points().size() == 1);
    const auto& point = finder.points()[0];
    CHECK(!point.fixed);
    CHECK(std::fabs(point.x[0]) < 1e-6);
    CHECK(point.q == doctest::Approx(c * c / 2).epsilon(1e-9));
    CHECK(point.hits == 3);
    CHECK(finder.q_at(point.x) == point.q);
  }
  // With a slow_tolerance below c^2 / 2 the ghost is discarded.
  const SaddleNodeGhost map(1e-2, 0.01);
  FixedPointFinder strict(map, {{"slow_tolerance", 1e-6}},
                          Eigen::MatrixXd(Eigen::MatrixXd::Constant(1, 2, 0.3)));
  run_all(strict);
  CHECK(strict.points().empty());
  CHECK(strict.rejected() == 2);
}

TEST_CASE("fixed points: advancing in chunks gives the same points as in one call") {
  const t::RotationTanhNetwork map({1.5, 2.0}, {1.0, 2.2});
  const ParamValues config = {
      {"starts", 6}, {"trajectory_steps", 60}, {"start_noise", 0.3}, {"slow_tolerance", 10}};
  FixedPointFinder whole(map, config);
  whole.advance(1e9);
  FixedPointFinder chunked(map, config);
  while (!chunked.done()) chunked.advance(3);
  REQUIRE(whole.points().size() == chunked.points().size());
  for (std::size_t i = 0; i < whole.points().size(); ++i) {
    CHECK(whole.points()[i].x == chunked.points()[i].x);
    CHECK(whole.points()[i].q == chunked.points()[i].q);
  }
  // The origin is the only fixed point; it is unstable (|alpha| > 1): the circles surround it.
  bool origin = false;
  for (const auto& point : whole.points()) {
    if (point.fixed) {
      origin = true;
      CHECK(point.x.norm() < 1e-9);
      CHECK(point.stability == Stability::kUnstable);
    }
  }
  CHECK(origin);
}

TEST_CASE("fixed points: bad configurations and starts are rejected by name") {
  LineAttractor model({{"n", 4}});
  CHECK(error_of(model, {}, Eigen::MatrixXd::Zero(3, 2)) ==
        "fixed points: the start 0 has 3 entries; it must have one per unit of the model, 4");
  Eigen::MatrixXd bad = Eigen::MatrixXd::Zero(4, 2);
  bad(2, 1) = INFINITY;
  CHECK(error_of(model, {}, bad) ==
        "fixed points: the start 1 has entry 2 = inf; every entry must be finite");
  CHECK(error_of(model, {{"fixed_tolerance", 1}, {"slow_tolerance", 0.1}},
                 Eigen::MatrixXd::Zero(4, 1)) ==
        "fixed points: fixed_tolerance = 1 is above slow_tolerance = 0.1; fixed_tolerance must "
        "be at most slow_tolerance");
  CHECK(error_of(model, {}, Eigen::MatrixXd::Zero(4, 0)) ==
        "fixed points: at least one start is needed");
  CHECK_THROWS_WITH_AS(FixedPointFinder(model, {{"starts", 0}}),
                       "fixed points: starts = 0 is not allowed; starts must be an integer from "
                       "1 to 10000 states",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(FixedPointFinder(model, {{"max_iterations", NAN}}),
                       doctest::Contains("max_iterations = nan is not allowed"), InvalidArgument);
  FixedPointFinder finder(model, {});
  CHECK_THROWS_WITH_AS(finder.advance(-1), doctest::Contains("budget = -1 is not allowed"),
                       InvalidArgument);
}
