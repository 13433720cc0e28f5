#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <string>

#include "attractor/line_attractor.hpp"
#include "jacobian_check.hpp"

using attractor::InvalidArgument;
using attractor::LineAttractor;

namespace {

std::string error_of(const attractor::ParamValues& params) {
  try {
    LineAttractor model(params);
  } catch (const InvalidArgument& error) {
    return error.what();
  }
  return "";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Runs the model through a store and `seconds` of holding, returning the drift rates.
struct Drift {
  double predicted;
  double measured;
};

Drift measure_drift(double epsilon, int n, std::uint64_t perturbation_seed, double seconds) {
  LineAttractor model({{"n", n}, {"seed", 3}});
  model.perturb(epsilon, perturbation_seed);
  model.store(1.0);
  model.run(static_cast<int>(seconds / 0.001));
  return {model.predicted_drift_rate(), model.measured_drift_rate()};
}

}  // namespace

TEST_CASE("a tuned line attractor holds a stored value to 1e-9 over 10^4 steps, at every size") {
  for (const int n : {2, 3, 16, 64, 257}) {
    for (const double seed : {1.0, 2.0}) {
      CAPTURE(n);
      CAPTURE(seed);
      LineAttractor model({{"n", n}, {"seed", seed}});
      model.store(0.7);
      model.run(50);  // the 50 ms pulse
      const double after_pulse = model.readout();
      CHECK(std::fabs(after_pulse - 0.7) < 1e-9);
      model.run(10000);
      CHECK(std::fabs(model.readout() - after_pulse) < 1e-9);
      CHECK(std::fabs(model.measured_drift_rate()) < 1e-9);
      CHECK(model.predicted_drift_rate() == 0.0);
    }
  }
}

TEST_CASE("the memory direction is the only slow one: other activity decays") {
  LineAttractor model({{"n", 32}});
  model.store(1.0);
  model.run(5000);
  const Eigen::VectorXd along = model.readout() * model.memory_direction();
  CHECK((model.state() - along).norm() < 1e-9);
  CHECK(model.trace().size() == 5000);
}

TEST_CASE("a detuned network drifts at the rate its eigenvalue predicts") {
  // Without perturbation the memory eigenvalue is the tuned one, known exactly.
  for (const double tuned : {0.98, 0.999, 1.01}) {
    CAPTURE(tuned);
    LineAttractor model({{"n", 16}, {"tuned_eigenvalue", tuned}});
    CHECK(model.predicted_drift_rate() == doctest::Approx((tuned - 1) / 0.1));
    model.store(1.0);
    model.run(5000);
    // The Euler map's factor per step is 1 + (dt / tau)(lambda - 1); its log per dt differs from
    // (lambda - 1) / tau by about half a percent of the rate at most for these values.
    CHECK(model.measured_drift_rate() ==
          doctest::Approx(model.predicted_drift_rate()).epsilon(5e-3));
  }
}

TEST_CASE(
    "perturbed: measured drift matches the eigenvalue prediction within 1% and grows with "
    "epsilon") {
  for (const int n : {16, 64, 200}) {
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
      CAPTURE(n);
      CAPTURE(seed);
      double previous = 0.0;
      for (const double epsilon : {0.005, 0.01, 0.02, 0.04}) {
        CAPTURE(epsilon);
        const Drift drift = measure_drift(epsilon, n, seed, 10.0);
        CHECK(drift.measured == doctest::Approx(drift.predicted).epsilon(0.01));
        CHECK(std::fabs(drift.predicted) > previous);
        previous = std::fabs(drift.predicted);
      }
    }
  }
}

TEST_CASE(
    "the memory eigenvalue agrees with a full eigendecomposition and with perturbation "
    "theory") {
  for (const int n : {4, 16, 48}) {
    CAPTURE(n);
    LineAttractor tuned({{"n", n}});
    LineAttractor model({{"n", n}});
    model.perturb(0.05, 9);
    const Eigen::EigenSolver<Eigen::MatrixXd> solver(model.weights());
    double nearest = 0.0;
    double best = INFINITY;
    for (Eigen::Index i = 0; i < solver.eigenvalues().size(); ++i) {
      const auto value = solver.eigenvalues()[i];
      const double distance = std::abs(value - std::complex<double>(1.0, 0.0));
      if (distance < best) {
        best = distance;
        nearest = value.real();
      }
    }
    CHECK(model.memory_eigenvalue() == doctest::Approx(nearest).epsilon(1e-10));

    // First order: lambda - 1 = m^T dW m + O(epsilon^2) for the symmetric tuned W.
    model.perturb(1e-5, 9);
    const Eigen::VectorXd& m = model.memory_direction();
    const double first_order = m.dot((model.weights() - tuned.weights()) * m);
    CHECK(model.memory_eigenvalue() - 1 == doctest::Approx(first_order).epsilon(1e-3));
  }
}

TEST_CASE("perturbations replace each other and reset keeps the current one") {
  LineAttractor model({{"n", 8}});
  const Eigen::MatrixXd tuned = model.weights();
  model.perturb(0.1, 4);
  const Eigen::MatrixXd perturbed = model.weights();
  CHECK((perturbed - tuned).norm() > 0.01);
  model.perturb(0.1, 4);
  CHECK(model.weights() == perturbed);
  model.store(2.0);
  model.run(100);
  model.reset();
  CHECK(model.weights() == perturbed);
  CHECK(model.state().norm() == 0.0);
  CHECK(model.time() == 0.0);
  model.perturb(0.0, 4);
  CHECK(model.weights() == tuned);
  CHECK(model.memory_eigenvalue() == 1.0);
}

TEST_CASE("the same seed gives the same trajectory; another seed another") {
  auto trajectory = [](double seed) {
    LineAttractor model({{"n", 20}, {"seed", seed}});
    model.perturb(0.03, 5);
    model.store(0.5);
    model.run(3000);
    return model.trace();
  };
  CHECK(trajectory(1) == trajectory(1));
  CHECK(trajectory(1) != trajectory(2));
}

TEST_CASE("store writes the new value even over an old one") {
  LineAttractor model({{"n", 10}});
  model.store(0.4);
  model.run(200);
  model.store(-1.5);
  model.run(200);
  CHECK(model.readout() == doctest::Approx(-1.5).epsilon(1e-12));
  CHECK(model.stored_value() == -1.5);
}

TEST_CASE("invalid configurations and calls are rejected with the parameter's name") {
  CHECK(error_of({{"n", 1}}) ==
        "line attractor: n = 1 is not allowed; n must be an integer from 2 to 1024 neurons");
  CHECK(contains(error_of({{"n", 1025}}), "n = 1025"));
  CHECK(contains(error_of({{"n", 3.5}}), "n must be an integer"));
  CHECK(contains(error_of({{"dt", 0}}), "dt = 0 is not allowed"));
  CHECK(contains(error_of({{"dt", NAN}}), "dt = nan"));
  CHECK(contains(error_of({{"tau", INFINITY}}), "tau = inf"));
  CHECK(error_of({{"dt", 0.05}}) ==
        "line attractor: dt = 0.05 s is too large for tau = 0.1 s; dt must be at most tau / 10 = "
        "0.01 s");
  CHECK(contains(error_of({{"pulse_duration", 0.001}, {"dt", 0.002}, {"tau", 1}}),
                 "pulse_duration must be at least dt"));
  CHECK(contains(error_of({{"neurons", 5}}), "unknown parameter 'neurons'"));
  CHECK(contains(error_of({{"heterogeneity", 1}}), "heterogeneity = 1"));

  LineAttractor model;
  CHECK_THROWS_WITH_AS(model.perturb(-0.1, 1),
                       "line attractor perturb: epsilon = -0.1 is not allowed; epsilon must be a "
                       "number from 0 to 1",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(model.perturb(NAN, 1), doctest::Contains("epsilon = nan"), InvalidArgument);
  CHECK_THROWS_WITH_AS(model.store(NAN), doctest::Contains("value = nan"), InvalidArgument);
  CHECK_THROWS_WITH_AS(model.store(11), doctest::Contains("value = 11"), InvalidArgument);
  CHECK_THROWS_WITH_AS(model.run(-1), doctest::Contains("steps = -1"), InvalidArgument);
  // A rejected call changes nothing.
  CHECK(model.time() == 0.0);
  CHECK(model.epsilon() == 0.0);
}

TEST_CASE(
    "the line attractor as a StepMap: its step is the simulation's step, its Jacobian exact") {
  LineAttractor model({{"n", 12}});
  model.perturb(0.05, 2);
  model.store(0.6);
  model.run(60);  // past the pulse: the input is off from here on
  const auto agreement = attractor::testing::step_against_simulation(model, [&] { model.run(1); });
  CHECK(agreement.same_state);
  CHECK(agreement.jacobian_error < 1e-8);
  CHECK(model.time_step() == 0.001);
  CHECK(model.dimension() == 12);
}
