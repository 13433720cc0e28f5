#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "analysis_systems.hpp"
#include "attractor/line_attractor.hpp"
#include "attractor/linear_algebra.hpp"
#include "attractor/lyapunov.hpp"

using attractor::InvalidArgument;
using attractor::LineAttractor;
using attractor::LyapunovSpectrum;
using attractor::ParamValues;
namespace t = attractor::testing;

namespace {

Eigen::VectorXd run_all(const attractor::StepMap& map, const ParamValues& config,
                        const Eigen::VectorXd& x0 = Eigen::VectorXd()) {
  LyapunovSpectrum analysis(map, config, x0);
  while (!analysis.done()) analysis.advance(1e9);
  CHECK(analysis.progress() == 1.0);
  return analysis.exponents();
}

std::string error_of(const attractor::StepMap& map, const ParamValues& config,
                     const Eigen::VectorXd& x0 = Eigen::VectorXd()) {
  try {
    LyapunovSpectrum analysis(map, config, x0);
  } catch (const InvalidArgument& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("lyapunov: a linear map's exponents are log|eigenvalue|, sorted, at several sizes") {
  const std::vector<double> real = {1.2, -0.5, 0.3, 0.05};
  const std::vector<std::pair<double, double>> pairs = {{0.8, 1.0}, {0.15, 2.5}};
  for (std::size_t used_real = 1; used_real <= real.size(); ++used_real) {
    for (std::size_t used_pairs = 0; used_pairs <= pairs.size(); ++used_pairs) {
      const std::vector<double> r(real.begin(), real.begin() + used_real);
      const std::vector<std::pair<double, double>> p(pairs.begin(), pairs.begin() + used_pairs);
      const t::LinearSystem map(t::matrix_with_eigenvalues(r, p));
      std::vector<double> expected;
      for (const double value : r) expected.push_back(std::log(std::fabs(value)));
      for (const auto& pair : p) expected.insert(expected.end(), 2, std::log(pair.first));
      std::sort(expected.rbegin(), expected.rend());
      CAPTURE(map.dimension());
      // State zero: the Jacobian is constant anyway, and the state cannot overflow.
      const Eigen::VectorXd exponents = run_all(map, {{"transient_steps", 200}, {"steps", 4000}},
                                                Eigen::VectorXd::Zero(map.dimension()));
      REQUIRE(exponents.size() == map.dimension());
      for (int i = 0; i < map.dimension(); ++i) {
        CAPTURE(i);
        // A complex pair's two exponents are equal only on average: each step's R splits the
        // rotation between them, so they agree to O(1/steps).
        CHECK(exponents[i] == doctest::Approx(expected[i]).scale(1).epsilon(2e-3));
      }
    }
  }
}

TEST_CASE("lyapunov: top-k agrees with the leading part of the full spectrum") {
  const t::LinearSystem map(t::matrix_with_eigenvalues({1.1, 0.6, -0.2}, {{0.9, 0.4}}));
  const Eigen::VectorXd x0 = Eigen::VectorXd::Zero(5);
  const ParamValues base = {{"transient_steps", 100}, {"steps", 3000}};
  const Eigen::VectorXd full = run_all(map, base, x0);
  for (int k = 1; k <= 5; ++k) {
    ParamValues config = base;
    config["k"] = k;
    const Eigen::VectorXd top = run_all(map, config, x0);
    REQUIRE(top.size() == k);
    // The same random basis columns are drawn first, and Gram-Schmidt never lets later
    // columns change earlier ones: the top k are identical.
    for (int i = 0; i < k; ++i) CHECK(top[i] == full[i]);
  }
}

TEST_CASE("lyapunov: an Euler-discretized linear flow gives log|1 + dt lambda| / dt") {
  const Eigen::MatrixXd a = t::matrix_with_eigenvalues({-1.0, -3.0, 0.5}, {{2.0, 0.9}});
  for (const double dt : {0.01, 0.001}) {
    CAPTURE(dt);
    const t::LinearSystem map(a, dt);
    const Eigen::EigenSolver<Eigen::MatrixXd> solver(a);
    std::vector<double> expected;
    for (int i = 0; i < a.rows(); ++i) {
      expected.push_back(std::log(std::abs(1.0 + dt * solver.eigenvalues()[i])) / dt);
    }
    std::sort(expected.rbegin(), expected.rend());
    const Eigen::VectorXd exponents = run_all(
        map, {{"transient_steps", 2.0 / dt}, {"steps", 40.0 / dt}}, Eigen::VectorXd::Zero(5));
    for (int i = 0; i < 5; ++i) {
      CAPTURE(i);
      CHECK(exponents[i] == doctest::Approx(expected[i]).scale(1).epsilon(5e-3));
    }
  }
}

TEST_CASE("lyapunov: a Hopf oscillator has exponents 0 and -2 mu") {
  for (const double mu : {0.5, 1.0, 2.0}) {
    CAPTURE(mu);
    const double dt = 0.001;
    const t::HopfOscillators map({mu}, {3.0}, dt);
    Eigen::VectorXd x0(2);
    x0 << 0.3, -0.2;
    const Eigen::VectorXd exponents =
        run_all(map, {{"transient_steps", 20000}, {"steps", 100000}}, x0);
    // The Euler map's radial exponent is known exactly; the phase exponent is exactly zero.
    CHECK(std::fabs(exponents[0]) < 1e-4);
    CHECK(exponents[1] == doctest::Approx(map.radial_exponent(0)).epsilon(1e-4));
    // ...and both are within O(dt) of the flow's 0 and -2 mu: the Euler map's radial exponent is
    // -2 mu - dt (omega^2 + 2 mu^2) + O(dt^2).
    CHECK(std::fabs(exponents[1] + 2 * mu) < 1.2 * dt * (9.0 + 2 * mu * mu));
  }
}

TEST_CASE("lyapunov: N/2 Hopf oscillators make an N/2-torus: N/2 zero exponents, at every size") {
  for (const int blocks : {1, 2, 4}) {
    std::vector<double> mu, omega;
    for (int b = 0; b < blocks; ++b) {
      mu.push_back(1.0 + 0.25 * b);
      omega.push_back(2.0 + 0.7 * b);
    }
    const t::HopfOscillators map(mu, omega, 0.001);
    CAPTURE(blocks);
    const Eigen::VectorXd exponents =
        run_all(map, {{"transient_steps", 10000}, {"steps", 40000}, {"seed", 3}},
                Eigen::VectorXd::Constant(2 * blocks, 0.4));
    std::vector<double> radial;
    for (int b = 0; b < blocks; ++b) radial.push_back(map.radial_exponent(b));
    std::sort(radial.rbegin(), radial.rend());
    for (int i = 0; i < blocks; ++i) CHECK(std::fabs(exponents[i]) < 1e-3);
    for (int i = 0; i < blocks; ++i) {
      CHECK(exponents[blocks + i] == doctest::Approx(radial[i]).epsilon(1e-3));
    }
  }
}

TEST_CASE("lyapunov: a block-diagonal tanh(alpha R(theta) h) network has N/2 zero exponents") {
  const std::vector<double> alpha = {1.5, 2.0, 1.2, 2.5};
  const std::vector<double> theta = {1.0, 2.2, 0.7, 2.6};
  for (const int blocks : {1, 2, 4}) {
    CAPTURE(blocks);
    const t::RotationTanhNetwork map(std::vector<double>(alpha.begin(), alpha.begin() + blocks),
                                     std::vector<double>(theta.begin(), theta.begin() + blocks));
    const Eigen::VectorXd exponents = run_all(map, {{"transient_steps", 2000}, {"steps", 40000}},
                                              Eigen::VectorXd::Constant(2 * blocks, 0.3));
    for (int i = 0; i < blocks; ++i) CHECK(std::fabs(exponents[i]) < 1e-3);
    for (int i = blocks; i < 2 * blocks; ++i) CHECK(exponents[i] < -0.05);
  }
  // Inside the 1:4 resonance tongue (theta near pi/2, alpha large) the circle locks to a period-4
  // orbit: no zero exponent. This is why QPTA draws theta outside the tongues.
  const t::RotationTanhNetwork locked({3.0}, {1.3});
  const Eigen::VectorXd exponents = run_all(locked, {{"transient_steps", 2000}, {"steps", 20000}},
                                            Eigen::VectorXd::Constant(2, 0.3));
  CHECK(exponents[0] < -0.5);
}

TEST_CASE("lyapunov: a tuned line attractor has one zero exponent, the rest (lambda_i - 1)/tau") {
  for (const int n : {2, 5, 16, 40}) {
    CAPTURE(n);
    LineAttractor model({{"n", n}, {"seed", 4}});
    // The tuned W is symmetric, so the step's Jacobian is too: its exponents are exactly
    // log|1 + (dt/tau)(lambda_i - 1)| / dt for the eigenvalues lambda_i of W.
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(model.weights());
    const double dt = 0.001, tau = 0.1;
    std::vector<double> expected;
    for (int i = 0; i < n; ++i) {
      expected.push_back(std::log(std::fabs(1 + dt / tau * (solver.eigenvalues()[i] - 1))) / dt);
    }
    std::sort(expected.rbegin(), expected.rend());
    LyapunovSpectrum analysis(model, {{"transient_steps", 5000}, {"steps", 5000}});
    while (!analysis.done()) analysis.advance(777);
    const Eigen::VectorXd exponents = analysis.exponents();
    CHECK(std::fabs(exponents[0]) < 1e-9);
    CHECK(expected[0] == doctest::Approx(0.0).scale(1).epsilon(1e-12));
    // The sum over the full spectrum is log|det J| / dt at every step, whatever the basis.
    CHECK(exponents.sum() ==
          doctest::Approx(std::accumulate(expected.begin(), expected.end(), 0.0)).epsilon(1e-9));
    // Individual exponents of nearly equal eigenvalues separate slowly (their basis vectors
    // rotate into place at the rate of the gap), so they are checked to 5%.
    for (int i = 1; i < n; ++i) {
      CAPTURE(i);
      CHECK(exponents[i] == doctest::Approx(expected[i]).epsilon(0.05));
      CHECK(exponents[i] < -4.0);  // every other eigenvalue of W is at most 0.5
    }
  }
}

TEST_CASE("lyapunov: a perturbed line attractor's top exponent is its drift rate") {
  for (const int n : {8, 32, 100}) {
    for (const double epsilon : {0.01, 0.05}) {
      CAPTURE(n);
      CAPTURE(epsilon);
      LineAttractor model({{"n", n}, {"seed", 2}});
      model.perturb(epsilon, 5);
      const Eigen::VectorXd exponents =
          run_all(model, {{"k", 1}, {"transient_steps", 5000}, {"steps", 5000}});
      const double drift = model.predicted_drift_rate();
      REQUIRE(std::isfinite(drift));
      // The Euler map's exponent: log(1 + dt * drift) / dt, within dt * drift^2 of drift.
      CHECK(exponents[0] == doctest::Approx(std::log1p(0.001 * drift) / 0.001).epsilon(1e-6));
      CHECK(exponents[0] == doctest::Approx(drift).epsilon(0.001 * std::fabs(drift) + 1e-6));
      CHECK(std::fabs(exponents[0]) > 1e-3);  // the zero exponent is gone
    }
  }
}

TEST_CASE("lyapunov: advancing in chunks gives the same bits as in one call; progress grows") {
  const t::RotationTanhNetwork map({1.5, 2.0}, {1.0, 2.2});
  const ParamValues config = {{"transient_steps", 300}, {"steps", 1000}, {"records", 10}};
  LyapunovSpectrum whole(map, config);
  whole.advance(1300);
  LyapunovSpectrum chunked(map, config);
  double previous = 0.0;
  CHECK(std::isnan(chunked.exponents()[0]));
  while (!chunked.done()) {
    chunked.advance(37);
    CHECK(chunked.progress() > previous);
    previous = chunked.progress();
  }
  CHECK(chunked.progress() == 1.0);
  for (int i = 0; i < 4; ++i) CHECK(chunked.exponents()[i] == whole.exponents()[i]);
  CHECK(chunked.history() == whole.history());
  REQUIRE(whole.history_times().size() == 10);
  CHECK(whole.history_times().back() == 1000.0);
  CHECK(whole.history().size() == 40);
  // The last running estimate is the final answer.
  for (int i = 0; i < 4; ++i) CHECK(whole.history()[36 + i] == whole.exponents()[i]);
  whole.advance(10);  // done: nothing changes
  CHECK(whole.measured_steps() == 1000);
}

TEST_CASE("lyapunov: bad configurations and states are rejected by name") {
  const t::LinearSystem map(Eigen::MatrixXd::Identity(3, 3) * 0.5);
  CHECK(error_of(map, {{"k", 4}}) ==
        "lyapunov spectrum: k = 4 is not allowed for a 3-dimensional model; k must be from 1 to "
        "3, or 0 for all");
  CHECK(error_of(map, {{"steps", 0}}) ==
        "lyapunov spectrum: steps = 0 is not allowed; steps must be an integer from 1 to "
        "100000000 steps");
  CHECK(error_of(map, {{"k", 1.5}}).find("k = 1.5 is not allowed") != std::string::npos);
  CHECK(error_of(map, {{"transient_steps", NAN}}).find("transient_steps = nan") !=
        std::string::npos);
  CHECK(error_of(map, {{"exponents", 2}}).find("unknown parameter 'exponents'") !=
        std::string::npos);
  CHECK(error_of(map, {}, Eigen::VectorXd::Zero(2)) ==
        "lyapunov spectrum: the initial state has 2 entries; it must have one per unit of the "
        "model, 3");
  Eigen::VectorXd bad = Eigen::VectorXd::Zero(3);
  bad[1] = NAN;
  CHECK(error_of(map, {}, bad) ==
        "lyapunov spectrum: the initial state has entry 1 = nan; every entry must be finite");
  LyapunovSpectrum analysis(map, {});
  CHECK_THROWS_WITH_AS(analysis.advance(0),
                       "lyapunov spectrum advance: budget = 0 is not allowed; budget must be an "
                       "integer from 1 to 1000000000",
                       InvalidArgument);
  CHECK_THROWS_AS(analysis.advance(2.5), InvalidArgument);
  CHECK(analysis.progress() == 0.0);
}

TEST_CASE("lyapunov: a diverging trajectory stops with an error instead of returning nonsense") {
  const t::LinearSystem map(Eigen::MatrixXd::Identity(2, 2) * 1e30);
  LyapunovSpectrum analysis(map, {{"transient_steps", 0}, {"steps", 100}},
                            Eigen::VectorXd::Ones(2));
  CHECK_THROWS_WITH(analysis.advance(100),
                    doctest::Contains("the trajectory left the finite range at step 11"));
}
