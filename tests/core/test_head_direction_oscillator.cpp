#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attractor/head_direction_oscillator.hpp"
#include "jacobian_check.hpp"

using attractor::HeadDirectionOscillator;

namespace {
double measure(const HeadDirectionOscillator& model, const char* name) {
  for (const auto& [key, value] : model.measures()) {
    if (key == name) return value;
  }
  return NAN;
}
}  // namespace

TEST_CASE("without input the phase difference holds the heading") {
  for (const double h0 : {-2.5, 0.0, 1.0, 3.0}) {
    HeadDirectionOscillator model({{"heading0", h0}});
    CHECK(std::fabs(model.heading_error()) < 1e-12);
    model.run(100000, 0.0);
    CHECK(std::fabs(model.heading_error()) < 1e-9);
    CHECK(model.decoded_heading() == doctest::Approx(h0).epsilon(1e-9));
  }
}

TEST_CASE(
    "constant velocity: the decoded heading turns by the Euler circles' rotation difference") {
  // Each Euler oscillator settles on a circle turning by asin(dt w) per step (w its frequency),
  // so the heading turns by asin(dt (omega + v)) - asin(dt omega) per step: v dt up to
  // a relative dt^2 omega^2 / 2.
  const double dt = 0.001, omega = 6.283185307179586;
  for (const double v : {-3.0, 0.5, 2.0}) {
    CAPTURE(v);
    HeadDirectionOscillator model;
    model.run(20000, v);
    const double before = model.decoded_heading();
    model.run(1000, v);
    const double turned = std::remainder(model.decoded_heading() - before, 2 * M_PI);
    const double expected = 1000 * (std::asin(dt * (omega + v)) - std::asin(dt * omega));
    CHECK(turned == doctest::Approx(expected).epsilon(1e-8));
    CHECK(std::fabs(model.heading_error()) < 2e-4 * std::fabs(v) * 21);
  }
}

TEST_CASE("a smooth velocity signal is integrated to 1e-3 rad over 30 s") {
  std::vector<double> velocity(30000);
  for (std::size_t t = 0; t < velocity.size(); ++t) {
    velocity[t] = 2 * std::sin(2 * M_PI * t * 0.001 / 3) + 0.7 * std::cos(2 * M_PI * t * 0.001 / 7);
  }
  HeadDirectionOscillator model({{"heading0", 0.4}});
  model.run_input(velocity);
  CHECK(measure(model, "rms_heading_error") < 1e-3);
  CHECK(std::fabs(model.heading_error()) < 1e-3);
  CHECK(model.trace().size() == 60000);
  std::vector<double> bad = {0.1, NAN};
  const auto state = model.state();
  CHECK_THROWS_WITH_AS(model.run_input(bad), doctest::Contains("velocity = nan"),
                       attractor::InvalidArgument);
  CHECK(model.state() == state);
}

TEST_CASE("weight noise: the oscillators persist, the heading drifts, more with larger epsilon") {
  double drift_small = 0, drift_large = 0;
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    for (const double epsilon : {0.01, 0.1}) {
      HeadDirectionOscillator model;
      model.perturb(epsilon, seed);
      model.run(5000, 0.0);
      model.run(20000, 0.0);
      CHECK(std::fabs(measure(model, "radius_1") - 1) < 2 * epsilon);
      CHECK(std::fabs(measure(model, "radius_2") - 1) < 2 * epsilon);
      (epsilon < 0.05 ? drift_small : drift_large) +=
          std::fabs(measure(model, "heading_drift_rad_per_s"));
    }
  }
  CHECK(drift_small > 0);
  CHECK(drift_large > 3 * drift_small);
}

TEST_CASE("head-direction oscillator as a StepMap; perturbations replace; errors") {
  HeadDirectionOscillator model;
  model.perturb(0.2, 3);
  model.run(50, 1.0);
  const auto agreement =
      attractor::testing::step_against_simulation(model, [&] { model.run(1, 0.0); });
  CHECK(agreement.same_state);
  CHECK(agreement.jacobian_error < 1e-8);
  const Eigen::MatrixXd perturbed = model.weights();
  model.perturb(0.2, 3);
  CHECK(model.weights() == perturbed);
  model.perturb(0, 3);
  CHECK(model.weights() == HeadDirectionOscillator().weights());
  CHECK_THROWS_WITH_AS(model.run(10, 60), doctest::Contains("velocity = 60 is not allowed"),
                       attractor::InvalidArgument);
  CHECK_THROWS_WITH_AS(HeadDirectionOscillator({{"heading0", 4}}),
                       doctest::Contains("heading0 = 4 is not allowed"),
                       attractor::InvalidArgument);
}

TEST_CASE(
    "the stored heading is a neutral direction: noise that couples the oscillators can lock it") {
  // Equal frequencies make the torus of the two oscillators resonant: every heading lies on its
  // own cycle, a continuum like a ring attractor's. Weight noise that couples the oscillators
  // turns the relative phase into an Adler equation; with this seed, coupling beats detuning and
  // different headings are pulled to the same value (information lost, not just rotated).
  std::vector<double> finals;
  for (const double h0 : {-2.0, 0.0, 2.0}) {
    HeadDirectionOscillator model({{"heading0", h0}});
    model.perturb(0.1, 1);
    model.run(105000, 0.0);
    finals.push_back(model.decoded_heading());
  }
  CHECK(std::fabs(finals[0] - finals[1]) < 0.05);
  CHECK(std::fabs(finals[1] - finals[2]) < 0.05);
  // Unperturbed, the same three headings stay 2 rad apart.
  HeadDirectionOscillator a({{"heading0", -2.0}}), b({{"heading0", 2.0}});
  a.run(105000, 0.0);
  b.run(105000, 0.0);
  CHECK(std::fabs(b.decoded_heading() - a.decoded_heading() - 4.0) < 1e-6);
}

TEST_CASE("state noise: seeded, restarted by reset, and the heading error diffuses") {
  auto rms_error_after = [](double seconds, double noise, std::uint64_t seed) {
    double sum = 0.0;
    for (std::uint64_t trial = 0; trial < 32; ++trial) {
      attractor::HeadDirectionOscillator model(
          {{"noise", noise}, {"seed", static_cast<double>(seed * 100 + trial)}});
      model.run(static_cast<int>(seconds / 0.001), 0.0);
      sum += model.heading_error() * model.heading_error();
    }
    return std::sqrt(sum / 32);
  };
  CHECK(rms_error_after(2, 0.0, 1) == 0.0);
  const double early = rms_error_after(0.5, 0.1, 1);
  const double late = rms_error_after(8, 0.1, 1);
  CAPTURE(early);
  CAPTURE(late);
  CHECK(early > 0.0);
  CHECK(late > 2 * early);  // diffusion: about sqrt(16) = 4 times larger
  attractor::HeadDirectionOscillator a({{"noise", 0.1}, {"seed", 4}});
  attractor::HeadDirectionOscillator b({{"noise", 0.1}, {"seed", 4}});
  a.run(500, 0.0);
  b.run(500, 0.0);
  CHECK(a.state() == b.state());
  const Eigen::VectorXd first = a.state();
  a.reset();
  a.run(500, 0.0);
  CHECK(a.state() == first);
}

TEST_CASE("delta_omega = 0 is the equal-frequency model, bit for bit") {
  // The state after this perturbed, noisy run, printed by the model before it had delta_omega.
  const double recorded[4] = {0.486615093516128, -0.8338496833983277, 0.9863506661801368,
                              0.1707839767300698};
  for (const bool explicit_zero : {false, true}) {
    CAPTURE(explicit_zero);
    attractor::ParamValues params{{"heading0", 0.7}, {"noise", 0.05}, {"seed", 2}};
    if (explicit_zero) params["delta_omega"] = 0;
    HeadDirectionOscillator model(params);
    model.perturb(0.1, 3);
    model.run(3000, 1.5);
    model.run_input({0.5, -1, 2});
    for (int i = 0; i < 4; ++i) CHECK(model.state()[i] == recorded[i]);
  }
}

TEST_CASE("unperturbed, the phase difference drifts at delta_omega and slips whole turns") {
  for (const double delta_omega : {-0.8, 0.25, 3.0}) {
    for (const double velocity : {0.0, 1.5}) {
      CAPTURE(delta_omega);
      CAPTURE(velocity);
      HeadDirectionOscillator model({{"delta_omega", delta_omega}});
      CHECK(std::isnan(measure(model, "mean_drift_rad_per_s")));
      CHECK(measure(model, "phase_slips") == 0);
      // The recent drift needs its 100 samples, 0.1 s apart: the first at 0 s, the last at 9.9 s.
      model.run(9899, velocity);
      CHECK(std::isnan(measure(model, "recent_drift_rad_per_s")));
      model.run(1, velocity);
      CHECK(std::isfinite(measure(model, "recent_drift_rad_per_s")));
      model.run(30100, velocity);  // 40 s in all
      // Drift against the true heading: the velocity is still integrated.
      CHECK(measure(model, "mean_drift_rad_per_s") == doctest::Approx(delta_omega).epsilon(1e-3));
      CHECK(measure(model, "recent_drift_rad_per_s") == doctest::Approx(delta_omega).epsilon(1e-3));
      CHECK(measure(model, "phase_slips") == std::trunc(delta_omega * 40 / (2 * M_PI)));
      model.reset();
      CHECK(measure(model, "phase_slips") == 0);
    }
  }
}

TEST_CASE("the time step limit counts the detuned oscillator's frequency") {
  // dt = 0.001 allows frequencies up to 100 rad/s.
  CHECK_NOTHROW(HeadDirectionOscillator({{"omega", 95}, {"delta_omega", -10}}));
  CHECK_THROWS_WITH_AS(
      HeadDirectionOscillator({{"omega", 95}, {"delta_omega", 10}}),
      doctest::Contains("delta_omega = 10; dt must be at most 0.1 / max(mu, omega, |omega + "
                        "delta_omega|) = 0.0009523809524 s"),
      attractor::InvalidArgument);
  CHECK_THROWS_WITH_AS(HeadDirectionOscillator({{"delta_omega", 11}}),
                       doctest::Contains("delta_omega = 11 is not allowed"),
                       attractor::InvalidArgument);
}

TEST_CASE("the Adler equation read off the weights predicts the 1:1 Arnold tongue") {
  // Averaged over a cycle, the perturbed weights detune the oscillators by delta (half the
  // antisymmetric part of each diagonal block) and couple them through the rotating parts c12
  // and c21 of the off-diagonal blocks: dpsi/dt = delta_omega + delta + Im((c12 + conj(c21))
  // e^{-i psi}), an Adler equation with half-width K = |c12 + conj(c21)|. Inside
  // |delta_omega + delta| < K the phase difference locks; outside it drifts, at
  // sqrt((delta_omega + delta)^2 - K^2) on average, slower than the detuning alone.
  const double epsilon = 0.2;
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    CAPTURE(seed);
    HeadDirectionOscillator reference;
    reference.perturb(epsilon, seed);
    const Eigen::MatrixXd w = reference.weights() - HeadDirectionOscillator().weights();
    const double delta = (w(1, 0) - w(0, 1)) / 2 - (w(3, 2) - w(2, 3)) / 2;
    const double c12_re = (w(0, 2) + w(1, 3)) / 2, c12_im = (w(1, 2) - w(0, 3)) / 2;
    const double c21_re = (w(2, 0) + w(3, 1)) / 2, c21_im = (w(3, 0) - w(2, 1)) / 2;
    const double half_width = std::hypot(c12_re + c21_re, c12_im - c21_im);
    CAPTURE(delta);
    CAPTURE(half_width);
    for (const double side : {-1.0, 1.0}) {
      for (const double depth : {0.5, 2.0}) {
        CAPTURE(side * depth);
        const double detuning = side * depth * half_width;
        HeadDirectionOscillator model({{"delta_omega", detuning - delta}});
        model.perturb(epsilon, seed);
        // 30 / K seconds at rest: many locking times, or many slips.
        model.run(static_cast<int>(30 / half_width / 0.001), 0.0);
        const double drift = measure(model, "mean_drift_rad_per_s");
        if (depth < 1) {
          CHECK(measure(model, "phase_slips") == 0);
          CHECK(!std::signbit(measure(model, "phase_slips")));  // JSON and JS show 0, not -0
          CHECK(std::fabs(measure(model, "recent_drift_rad_per_s")) < 1e-3);
        } else {
          const double adler = side * half_width * std::sqrt(depth * depth - 1);
          CHECK(drift == doctest::Approx(adler).epsilon(0.15));
          CHECK(std::fabs(drift) < std::fabs(detuning));
          CHECK(measure(model, "phase_slips") != 0);
        }
      }
    }
  }
}
