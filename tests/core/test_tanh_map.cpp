#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attractor/phase.hpp"
#include "attractor/rng.hpp"
#include "attractor/tanh_map.hpp"
#include "jacobian_check.hpp"

using attractor::AttractorKind;
using attractor::InvalidArgument;
using attractor::Mat2;
using attractor::TanhMap;
using attractor::TanhMapClassifier;

TEST_CASE("phase::angle is atan2 to a few ulp, and wrap keeps angles in (-pi, pi]") {
  attractor::Rng rng(5);
  double worst = 0;
  for (int i = 0; i < 200000; ++i) {
    const double y = rng.uniform(-2, 2), x = rng.uniform(-2, 2);
    worst = std::fmax(worst, std::fabs(attractor::phase::angle(y, x) - std::atan2(y, x)));
  }
  CHECK(worst < 2e-15);
  CHECK(attractor::phase::angle(0, -1) == doctest::Approx(M_PI).epsilon(1e-16));
  CHECK(attractor::phase::angle(1, 0) == doctest::Approx(M_PI / 2).epsilon(1e-16));
  CHECK(attractor::phase::angle(0, 0) == 0.0);
  for (const double a : {-7.0, -M_PI, 0.5, M_PI, 3 * M_PI + 0.1, 100.0}) {
    const double w = attractor::phase::wrap(a);
    CHECK(w > -M_PI);
    CHECK(w <= M_PI);
    CHECK(std::fabs(std::remainder(w - a, 2 * M_PI)) < 1e-12);
  }
}

TEST_CASE("known attractors: origin, diagonal fixed point, period 2, period 4, a circle") {
  TanhMapClassifier classifier;
  // alpha < 1: the origin, with multipliers alpha (both).
  auto c = classifier.classify(Mat2::scaled_rotation(0.8, 1.0), 0.5, 0.1);
  CHECK(c.kind == AttractorKind::kFixedPoint);
  CHECK(c.period == 1);
  CHECK(c.multiplier[0] == doctest::Approx(0.8).epsilon(1e-12));
  CHECK(c.multiplier[1] == doctest::Approx(0.8).epsilon(1e-12));
  // theta = 0: (x*, x*) with x* = tanh(alpha x*); the Jacobian there is alpha (1 - x*^2) I.
  const double xs = attractor::tanh_map_diagonal_start(2.0);
  CHECK(std::tanh(2 * xs) == doctest::Approx(xs).epsilon(1e-15));
  c = classifier.classify(Mat2::scaled_rotation(2.0, 0.0), 0.3, 0.2);
  CHECK(c.kind == AttractorKind::kFixedPoint);
  CHECK(c.x == doctest::Approx(xs).epsilon(1e-12));
  CHECK(c.y == doctest::Approx(xs).epsilon(1e-12));
  CHECK(c.multiplier[0] == doctest::Approx(2 * (1 - xs * xs)).epsilon(1e-9));
  // theta = pi: h -> -tanh(alpha h), period 2 through (x*, x*) and its negative.
  c = classifier.classify(Mat2::scaled_rotation(2.0, M_PI), 0.3, 0.2);
  CHECK(c.kind == AttractorKind::kPeriodic);
  CHECK(c.period == 2);
  CHECK(c.rotation_number == doctest::Approx(0.5).epsilon(1e-12));
  // theta = pi/2: a quarter turn each step, period 4.
  c = classifier.classify(Mat2::scaled_rotation(2.0, M_PI / 2), 0.3, 0.2);
  CHECK(c.kind == AttractorKind::kPeriodic);
  CHECK(c.period == 4);
  CHECK(c.rotation_number == doctest::Approx(0.25).epsilon(1e-12));
  // Just past the Neimark-Sacker bifurcation the circle is small and rotates by about theta.
  for (const double theta : {0.7, 1.0, 2.5}) {
    CAPTURE(theta);
    c = classifier.classify(Mat2::scaled_rotation(1.02, theta), 0.1, 0.0);
    CHECK(c.kind == AttractorKind::kInvariantCircle);
    CHECK(c.rotation_number == doctest::Approx(theta / (2 * M_PI)).epsilon(0.01));
    CHECK(std::fabs(c.lyapunov[0]) < 4.0 / 128);  // along the circle: neutral, to ~1 / window
    CHECK(c.lyapunov[1] < -0.01);                 // across: attracting
  }
}

TEST_CASE("the tanh map as a StepMap: exact Jacobian, step equals the simulation's step") {
  TanhMap model({{"alpha", 1.7}, {"theta", 0.9}});
  model.perturb(0.1, 3);
  model.run(50);
  const auto agreement = attractor::testing::step_against_simulation(model, [&] { model.run(1); });
  CHECK(agreement.same_state);
  CHECK(agreement.jacobian_error < 1e-8);
  CHECK(attractor::testing::jacobian_error(model, Eigen::Vector2d(0.3, -0.8)) < 1e-8);
  CHECK(model.dimension() == 2);
  CHECK(model.time_step() == 1.0);
}

TEST_CASE("under weight noise the circle persists and only its rotation number shifts") {
  for (const double theta : {0.6, 1.2, 2.2}) {
    TanhMap tuned({{"alpha", 1.5}, {"theta", theta}});
    tuned.run(2000);
    tuned.run(20000);
    const auto base = tuned.measures();
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
      CAPTURE(theta);
      CAPTURE(seed);
      TanhMap model({{"alpha", 1.5}, {"theta", theta}});
      model.perturb(0.05, seed);
      model.run(2000);
      model.run(20000);
      CHECK(model.classify().kind == AttractorKind::kInvariantCircle);
      const double shift = std::fabs(model.measures()[7].second - base[7].second);
      CHECK(shift > 1e-5);  // the frequency does move...
      CHECK(shift < 0.02);  // ...by about epsilon / (2 pi) at most
      CHECK(std::fabs(model.measures()[6].second - base[6].second) < 0.1);  // amplitude
    }
  }
}

TEST_CASE("perturbations replace each other; errors name the parameter") {
  TanhMap model;
  const Mat2 tuned = model.weights();
  model.perturb(0.3, 4);
  const Mat2 once = model.weights();
  CHECK(once.a != tuned.a);
  model.perturb(0.3, 4);
  CHECK(model.weights().a == once.a);
  CHECK(model.weights().d == once.d);
  model.perturb(0, 4);
  CHECK(model.weights().b == tuned.b);
  CHECK_THROWS_WITH_AS(TanhMap({{"alpha", 11}}),
                       "tanh map: alpha = 11 is not allowed; alpha must be a number from 0.1 to 10",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(model.perturb(2, 1), doctest::Contains("epsilon = 2"), InvalidArgument);
  CHECK_THROWS_WITH_AS(model.run(-3), doctest::Contains("steps = -3"), InvalidArgument);
  CHECK(model.epsilon() == 0.0);
}
