#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "attractor/ring_attractor.hpp"
#include "attractor/ring_fixed_points.hpp"
#include "attractor/ring_math.hpp"
#include "jacobian_check.hpp"

using attractor::InvalidArgument;
using attractor::RingAttractor;
using attractor::RingFixedPointSearch;

namespace {

std::string error_of(const attractor::ParamValues& params) {
  try {
    RingAttractor model(params);
  } catch (const InvalidArgument& error) {
    return error.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

double circular_distance(double a_deg, double b_deg) {
  const double d = std::fmod(std::fabs(a_deg - b_deg), 360.0);
  return std::min(d, 360.0 - d);
}

// Eigenvalues of the continuous-time Jacobian (per second), from the Euler step's Jacobian,
// sorted by decreasing real part.
std::vector<double> flow_eigenvalues(const RingAttractor& model, const Eigen::VectorXd& x) {
  Eigen::MatrixXd jacobian;
  model.step_jacobian(x, jacobian);
  jacobian.diagonal().array() -= 1.0;
  jacobian /= model.time_step();
  const Eigen::EigenSolver<Eigen::MatrixXd> solver(jacobian, false);
  std::vector<double> values;
  for (Eigen::Index i = 0; i < solver.eigenvalues().size(); ++i) {
    values.push_back(solver.eigenvalues()[i].real());
  }
  std::sort(values.begin(), values.end(), std::greater<>());
  return values;
}

Eigen::VectorXd bump_at(const RingAttractor& model, double angle_deg) {
  Eigen::VectorXd x(model.size());
  model.place_bump(angle_deg, x.data());
  return x;
}

}  // namespace

TEST_CASE("ring angles wrap into [0, 360) even for tiny negative angles") {
  CHECK(attractor::ring_math::wrap_360(-1e-20) < 360.0);
  CHECK(attractor::ring_math::wrap_360(-90.0) == 270.0);
}

TEST_CASE("the tuned bump is the same at every size and a fixed point at every angle") {
  RingAttractor reference({{"n", 1024}});
  for (const int n : {32, 64, 129, 256}) {
    CAPTURE(n);
    RingAttractor model({{"n", n}});
    // The profile solves equations that converge to the continuum's as N grows.
    CHECK(model.tuned_amplitude() == doctest::Approx(reference.tuned_amplitude()).epsilon(1e-4));
    CHECK(model.tuned_offset() == doctest::Approx(reference.tuned_offset()).epsilon(1e-4));
    for (const double angle : {0.0, 17.3, 123.0, 301.7}) {
      CAPTURE(angle);
      model.cue(angle);
      CHECK(circular_distance(model.bump_angle(), angle) < 1e-9);
      CHECK(model.bump_amplitude() == doctest::Approx(model.tuned_amplitude()).epsilon(1e-12));
      Eigen::VectorXd next;
      model.step(model.state(), next);
      CHECK((next - model.state()).lpNorm<Eigen::Infinity>() < 1e-6 * model.time_step());
      model.run(200);
      CHECK(circular_distance(model.bump_angle(), angle) < 1e-6);
    }
    CHECK(model.bump_width() == doctest::Approx(reference.bump_width()).epsilon(0.01));
  }
}

TEST_CASE("discreteness pins the bump, and the pinning falls off exponentially with N") {
  // Drift of a bump started a quarter of the neuron spacing off a neuron, with epsilon = 0.
  auto pinning = [](int n) {
    RingAttractor model({{"n", n}});
    model.cue(0.25 * 360.0 / n);
    model.run(1000);
    return std::fabs(model.drift_rate());
  };
  const double d8 = pinning(8), d16 = pinning(16), d24 = pinning(24), d32 = pinning(32);
  CAPTURE(d8);
  CAPTURE(d16);
  CAPTURE(d24);
  CAPTURE(d32);
  CHECK(d8 > 1.0);  // degrees per second: visible
  CHECK(d16 < d8 / 10);
  CHECK(d24 < d16 / 10);
  CHECK(d32 < d24 / 100);
  CHECK(pinning(64) < 1e-9);
  // The pinned positions are the neurons and the midpoints between them (reflection symmetry),
  // alternately stable and unstable.
  RingAttractor small({{"n", 8}});
  const auto points =
      attractor::ring_profile_fixed_points(attractor::ring_drift_profile(small, 720));
  REQUIRE(points.size() == 16);
  for (std::size_t k = 0; k < points.size(); ++k) {
    CHECK(circular_distance(points[k].angle_deg, 22.5 * static_cast<double>(k)) < 0.05);
    CHECK(points[k].stable != points[(k + 1) % points.size()].stable);
  }
}

TEST_CASE("a velocity input moves the bump at that velocity; the error is Euler's, O(dt)") {
  for (const int n : {32, 128}) {
    for (const double velocity : {-180.0, 45.0, 360.0}) {
      CAPTURE(n);
      CAPTURE(velocity);
      RingAttractor model({{"n", n}});
      model.cue(30);
      model.set_velocity(velocity);
      model.run(1000);
      CHECK(model.integrated_velocity() == doctest::Approx(velocity).epsilon(1e-12));
      CHECK(std::fabs(model.tracking_error()) < 1e-3 * std::fabs(velocity));
      CHECK(std::fabs(model.drift_rate()) < 1e-3 * std::fabs(velocity));
      CHECK(std::fabs(model.trace().back() - (30 + velocity)) < 1e-3 * std::fabs(velocity));
    }
  }
  // Halving dt halves the speed error: first-order convergence to exact integration.
  auto speed_error = [](double dt) {
    RingAttractor model({{"n", 64}, {"dt", dt}});
    model.set_velocity(720);
    model.run(static_cast<int>(std::lround(0.5 / dt)));
    return model.drift_rate();
  };
  const double coarse = speed_error(0.001), fine = speed_error(0.0005);
  CHECK(coarse < 0);
  CHECK(coarse / fine == doctest::Approx(2.0).epsilon(0.05));
}

TEST_CASE("a velocity sequence drives the bump like the same velocities set one at a time") {
  std::vector<double> velocities;
  for (int s = 0; s < 600; ++s) velocities.push_back(200.0 * std::sin(s * 0.02));
  RingAttractor a({{"n", 48}});
  RingAttractor b({{"n", 48}});
  a.run_velocities(velocities);
  std::vector<double> trace;
  for (const double v : velocities) {
    b.set_velocity(v);
    b.run(1);
    trace.push_back(b.trace()[0]);
  }
  CHECK(a.trace() == trace);
  CHECK(a.state() == b.state());
  double integral = 0.0;
  for (const double v : velocities) integral += v * 0.001;
  CHECK(a.integrated_velocity() == doctest::Approx(integral).epsilon(1e-12));
  CHECK(std::fabs(a.tracking_error()) < 1e-3);
  CHECK(a.velocity() == velocities.back());
}

TEST_CASE("perturbation: drift grows linearly with epsilon and matches the first-order profile") {
  for (const int n : {32, 128}) {
    for (const std::uint64_t seed : {1u, 2u}) {
      CAPTURE(n);
      CAPTURE(seed);
      RingAttractor model({{"n", n}});
      model.perturb(0.01, seed);
      const std::vector<double> profile = attractor::ring_drift_profile(model, 4);
      model.perturb(0.02, seed);
      const std::vector<double> doubled = attractor::ring_drift_profile(model, 4);
      for (int k = 0; k < 4; ++k) {
        CAPTURE(k);
        // The profile is evaluated on the tuned bump, hence exactly linear in epsilon...
        CHECK(doubled[static_cast<std::size_t>(k)] ==
              doctest::Approx(2 * profile[static_cast<std::size_t>(k)]).epsilon(1e-9));
        // ...and the simulated bump, whose shape adapts, drifts at that speed to first order.
        model.perturb(0.01, seed);
        model.cue(90.0 * k);
        model.run(250);
        CHECK(model.drift_rate() ==
              doctest::Approx(profile[static_cast<std::size_t>(k)]).epsilon(0.05).scale(0.1));
      }
    }
  }
}

TEST_CASE("epsilon = 0 is a continuum with one zero eigenvalue; epsilon > 0 a few fixed points") {
  const int n = 32;
  RingAttractor model({{"n", n}});
  for (const double angle : {0.0, 40.0, 95.5, 200.0}) {
    CAPTURE(angle);
    const std::vector<double> values = flow_eigenvalues(model, bump_at(model, angle));
    CHECK(std::fabs(values[0]) < 1e-4);                  // the neutral direction
    CHECK(values[1] < -0.9 * model.shape_decay_rate());  // the bump's shape
    CHECK(values[1] == doctest::Approx(-model.shape_decay_rate()).epsilon(1e-6));
  }
  RingFixedPointSearch continuum(model, 24);
  continuum.advance(500);
  CHECK(continuum.clusters(1.0).size() == 24);
  CHECK(continuum.max_speed() < 1e-5);

  model.perturb(0.3, 1);
  const auto predicted =
      attractor::ring_profile_fixed_points(attractor::ring_drift_profile(model, 360));
  std::vector<double> stable;
  for (const auto& point : predicted) {
    if (point.stable) stable.push_back(point.angle_deg);
  }
  CHECK(predicted.size() % 2 == 0);  // stable and unstable alternate around a circle
  CHECK(stable.size() >= 1);
  CHECK(stable.size() * 2 == predicted.size());

  RingFixedPointSearch search(model, 24);
  for (int chunk = 0; chunk < 30 && !(search.max_speed() < 0.05); ++chunk) search.advance(500);
  CHECK(search.max_speed() < 0.05);
  const auto clusters = search.clusters(2.0);
  CHECK(clusters.size() <= stable.size());
  CHECK(clusters.size() < 24);
  int members = 0;
  for (const auto& cluster : clusters) {
    CAPTURE(cluster.angle_deg);
    members += cluster.members;
    double nearest = 360.0;
    for (const double angle : stable)
      nearest = std::min(nearest, circular_distance(angle, cluster.angle_deg));
    CHECK(nearest < 5.0);  // first-order prediction vs the perturbed network
    // A true fixed point: its slowest eigenvalue has turned negative, of order epsilon.
    const std::vector<double> values = flow_eigenvalues(model, bump_at(model, cluster.angle_deg));
    CHECK(values[0] < 0.0);
  }
  CHECK(members == 24);
}

TEST_CASE("perturbations replace each other; reset keeps the current one") {
  RingAttractor model({{"n", 16}});
  const Eigen::MatrixXd tuned = model.weights();
  model.perturb(0.2, 4);
  const Eigen::MatrixXd perturbed = model.weights();
  // Noise of standard deviation epsilon / sqrt(N) on every weight.
  const double rms = (perturbed - tuned).norm() / 16.0;  // over N^2 = 256 entries
  CHECK(rms == doctest::Approx(0.2 / 4).epsilon(0.15));
  model.perturb(0.2, 4);
  CHECK(model.weights() == perturbed);
  model.set_velocity(100);
  model.run(100);
  model.reset();
  CHECK(model.weights() == perturbed);
  CHECK(model.time() == 0.0);
  CHECK(model.velocity() == 0.0);
  CHECK(circular_distance(model.bump_angle(), 0.0) < 1e-9);
  model.perturb(0.0, 4);
  CHECK(model.weights() == tuned);
}

TEST_CASE("noise: the same seed gives the same trajectory, another seed another; reset replays") {
  auto trajectory = [](double seed) {
    RingAttractor model({{"n", 24}, {"noise", 0.3}, {"seed", seed}});
    model.perturb(0.05, 5);
    model.set_velocity(90);
    model.run(2000);
    return model.trace();
  };
  CHECK(trajectory(1) == trajectory(1));
  CHECK(trajectory(1) != trajectory(2));
  RingAttractor model({{"n", 24}, {"noise", 0.3}});
  model.run(500);
  const std::vector<double> first = model.trace();
  model.reset();
  model.run(500);
  CHECK(model.trace() == first);
  // Noise makes the bump diffuse: it leaves its start, though no input moves it.
  CHECK(std::fabs(first.back()) > 1e-3);
}

TEST_CASE("measures are named, and not available before the bump has settled") {
  RingAttractor model({{"n", 16}});
  const attractor::Measures measures = model.measures();
  std::vector<std::string> names;
  for (const auto& [name, value] : measures) names.push_back(name);
  CHECK(names == std::vector<std::string>{"time_s", "bump_angle_deg", "bump_width_deg",
                                          "bump_amplitude", "velocity_deg_per_s",
                                          "integrated_velocity_deg", "tracking_error_deg",
                                          "drift_deg_per_s", "drift_reference_time_s", "epsilon"});
  CHECK(std::isnan(model.drift_rate()));
  model.run(50);
  CHECK(std::isnan(model.drift_rate()));  // still settling (5 / shape decay rate = 72 ms)
  model.run(200);
  CHECK(std::isfinite(model.drift_rate()));
}

TEST_CASE("invalid configurations and calls are rejected with the parameter's name") {
  CHECK(error_of({{"n", 3}}) ==
        "ring attractor: n = 3 is not allowed; n must be an integer from 4 to 1024 neurons");
  CHECK(contains(error_of({{"n", 1025}}), "n = 1025"));
  CHECK(contains(error_of({{"n", 64.5}}), "n must be an integer"));
  CHECK(contains(error_of({{"tau", NAN}}), "tau = nan"));
  CHECK(contains(error_of({{"j1", INFINITY}}), "j1 = inf"));
  CHECK(contains(error_of({{"j0", 1}}), "j0 = 1 is not allowed"));
  CHECK(contains(error_of({{"noise", -1}}), "noise = -1"));
  CHECK(contains(error_of({{"dt", 0.002}}), "dt must be at most tau / 10 = 0.001 s"));
  CHECK(contains(error_of({{"neurons", 5}}), "unknown parameter 'neurons'"));
  // Degenerate connectivity: too weak to hold a bump, or a drive that silences every neuron.
  CHECK(error_of({{"j1", 2}}) ==
        "ring attractor: j0 = -10, j1 = 2 and drive = 1 hold no stable bump; a larger j1 (or a "
        "drive that puts the uniform state on the steep part of tanh) makes one");
  CHECK(contains(error_of({{"drive", -10}}), "hold no stable bump"));
  CHECK(contains(error_of({{"j1", 0}, {"j0", 0}}), "hold no stable bump"));

  RingAttractor model({{"n", 16}});
  model.set_velocity(10);
  model.run(20);
  const auto before = model.measures();
  const Eigen::VectorXd state = model.state();
  CHECK_THROWS_WITH_AS(model.perturb(-0.1, 1),
                       "ring attractor perturb: epsilon = -0.1 is not allowed; epsilon must be a "
                       "number from 0 to 1",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(model.cue(NAN), doctest::Contains("angle = nan"), InvalidArgument);
  CHECK_THROWS_WITH_AS(model.cue(400), doctest::Contains("angle = 400"), InvalidArgument);
  CHECK_THROWS_WITH_AS(model.set_velocity(2500),
                       "ring attractor set_velocity: velocity = 2500 deg/s is too fast for dt = "
                       "0.001 s; |velocity| * dt must be at most 2 degrees, so |velocity| at most "
                       "2000 deg/s",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(model.set_velocity(INFINITY), doctest::Contains("velocity = inf"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(model.run(-1), doctest::Contains("steps = -1"), InvalidArgument);
  CHECK_THROWS_WITH_AS(model.run_velocities({1.0, 2.0, NAN}), doctest::Contains("velocity = nan"),
                       InvalidArgument);
  CHECK_THROWS_AS(RingFixedPointSearch(model, 1), InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::ring_drift_profile(model, 2), doctest::Contains("angles = 2"),
                       InvalidArgument);
  RingFixedPointSearch search(model, 4);
  CHECK_THROWS_WITH_AS(search.clusters(0), doctest::Contains("tolerance = 0"), InvalidArgument);
  CHECK_THROWS_WITH_AS(search.advance(-5), doctest::Contains("steps = -5"), InvalidArgument);
  // A rejected call changes nothing.
  CHECK(model.state() == state);
  CHECK(model.velocity() == 10);
  const auto after = model.measures();
  for (std::size_t k = 0; k < before.size(); ++k) {
    CAPTURE(before[k].first);
    CHECK((after[k].second == before[k].second ||
           (std::isnan(after[k].second) && std::isnan(before[k].second))));
  }
}

TEST_CASE("the ring as a StepMap: its step is the simulation's step, its Jacobian exact") {
  RingAttractor model({{"n", 20}});
  model.perturb(0.1, 2);
  model.cue(77);
  model.run(30);
  const auto agreement = attractor::testing::step_against_simulation(model, [&] { model.run(1); });
  CHECK(agreement.same_state);
  CHECK(agreement.jacobian_error < 1e-8);
  // Also away from the bump, where phi' varies most.
  Eigen::VectorXd x(20);
  for (int i = 0; i < 20; ++i) x[i] = 0.3 * i - 3.0;
  CHECK(attractor::testing::jacobian_error(model, x) < 1e-8);
  CHECK(model.time_step() == 0.001);
  CHECK(model.dimension() == 20);
}
