#include <doctest/doctest.h>

#include <Eigen/Cholesky>
#include <cmath>

#include "attractor/readout_learning.hpp"

using attractor::InvalidArgument;
using attractor::RateNetwork;
using attractor::ReadoutLearner;

TEST_CASE("recursive least squares equals the direct regularized least-squares solution") {
  // Open loop (no feedback), so the rates do not depend on w: RLS must give exactly the ridge
  // solution w = (R^T R + alpha I)^-1 R^T f over all the steps it learned from.
  for (const int n : {5, 40}) {
    CAPTURE(n);
    RateNetwork net({{"n", n}, {"g", 1.5}, {"feedback", 0}, {"tau", 0.01}});
    ReadoutLearner learner(net, {{"alpha", 0.5}, {"update_every", 1}, {"symmetrize_every", 1e6}},
                           "force");
    std::vector<double> targets(300);
    for (std::size_t t = 0; t < targets.size(); ++t)
      targets[t] = std::sin(0.05 * static_cast<double>(t));
    // Record the rates each update sees by replaying the same network.
    RateNetwork replay({{"n", n}, {"g", 1.5}, {"feedback", 0}, {"tau", 0.01}});
    Eigen::MatrixXd rates(300, n);
    for (int t = 0; t < 300; ++t) {
      replay.run(1);
      rates.row(t) = replay.rates().transpose();
    }
    learner.train(targets);
    const Eigen::VectorXd f = Eigen::Map<const Eigen::VectorXd>(targets.data(), 300);
    const Eigen::MatrixXd normal =
        rates.transpose() * rates + 0.5 * Eigen::MatrixXd::Identity(n, n);
    const Eigen::VectorXd direct = normal.ldlt().solve(rates.transpose() * f);
    CHECK((net.readout_weights() - direct).norm() < 1e-8 * (1 + direct.norm()));
  }
}

TEST_CASE("FORCE learns the four-sine target with the classic parameters") {
  // Sussillo & Abbott (2009): N = 1000, p = 0.1, g = 1.5, alpha = 1, tau = 10 ms, dt = 1 ms,
  // update every 2 steps, feedback weights uniform in [-1, 1], w(0) = 0.
  RateNetwork net({{"n", 1000},
                   {"g", 1.5},
                   {"connection_probability", 0.1},
                   {"tau", 0.01},
                   {"dt", 0.001},
                   {"inputs", 0},
                   {"feedback", 1},
                   {"seed", 3}});
  ReadoutLearner learner(net, {{"alpha", 1}, {"update_every", 2}}, "force");
  auto targets = [](int first, int count) {
    std::vector<double> f(static_cast<std::size_t>(count));
    for (int t = 0; t < count; ++t)
      f[static_cast<std::size_t>(t)] = attractor::four_sine_target((first + t + 1) * 0.001);
    return f;
  };
  learner.train(targets(0, 3000));  // 3 s: 25 periods of the slowest component
  const std::vector<double> test_targets = targets(3000, 1200);
  double sum = 0.0;
  for (const double f : test_targets) sum += f * f;
  const double rms_target = std::sqrt(sum / 1200);  // about 0.72
  const double test_error = learner.test(test_targets);
  CAPTURE(test_error);
  CHECK(test_error < 0.05 * rms_target);  // measured: 0.0047, under 1% of the target's size
}

TEST_CASE("LMS moves the readout along the error times the rates") {
  RateNetwork net({{"n", 6}, {"feedback", 0}});
  ReadoutLearner learner(net, {{"learning_rate", 0.1}, {"update_every", 1}}, "lms");
  RateNetwork replay({{"n", 6}, {"feedback", 0}});
  replay.run(1);
  learner.train({0.5});
  // z was 0 (w = 0), so e = -0.5 and w = 0.1 * 0.5 * r.
  CHECK((net.readout_weights() - 0.05 * replay.rates()).norm() < 1e-15);
}

TEST_CASE("readout learning rejects bad settings and targets") {
  RateNetwork net({{"n", 4}});
  CHECK_THROWS_WITH_AS(ReadoutLearner(net, {}, "hebb"),
                       "readout learning: rule 'hebb' is not known; choose one of force, lms",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(ReadoutLearner(net, {{"alpha", 0}}, "force"),
                       doctest::Contains("alpha = 0 is not allowed"), InvalidArgument);
  ReadoutLearner learner(net, {}, "force");
  CHECK_THROWS_WITH_AS(learner.train({0.1, NAN}), doctest::Contains("a target is nan"),
                       InvalidArgument);
  CHECK(net.time() == 0);
}
