#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attractor/rate_network.hpp"
#include "attractor/rng.hpp"
#include "jacobian_check.hpp"

using attractor::InvalidArgument;
using attractor::RateNetwork;

namespace {

Eigen::VectorXd random_vector(int n, std::uint64_t seed, double scale) {
  attractor::Rng rng(seed);
  Eigen::VectorXd v(n);
  for (int i = 0; i < n; ++i) v[i] = scale * rng.normal();
  return v;
}

}  // namespace

TEST_CASE("recurrent weights have the Sussillo-Abbott statistics") {
  for (const double p : {1.0, 0.1}) {
    CAPTURE(p);
    RateNetwork net({{"n", 400}, {"g", 1.5}, {"connection_probability", p}});
    const Eigen::MatrixXd& j = net.recurrent_weights();
    const double nonzero = static_cast<double>((j.array() != 0).count()) / j.size();
    CHECK(nonzero == doctest::Approx(p).epsilon(0.05));
    // Over all entries, zeros included, the variance is g^2 / N.
    const double variance = j.squaredNorm() / j.size();
    CHECK(variance == doctest::Approx(1.5 * 1.5 / 400).epsilon(0.03));
  }
}

TEST_CASE("weak networks fall silent, strong ones stay active") {
  for (const int n : {50, 200}) {
    CAPTURE(n);
    RateNetwork quiet({{"n", n}, {"g", 0.5}});
    quiet.run(2000);  // 2 s = 200 tau
    CHECK(quiet.state().norm() < 1e-6);
    RateNetwork chaotic({{"n", n}, {"g", 1.8}});
    chaotic.run(2000);
    CHECK(chaotic.rates().cwiseAbs().mean() > 0.1);
  }
}

TEST_CASE("with no recurrence a constant input settles at x = B u") {
  RateNetwork net({{"n", 30}, {"g", 0}, {"inputs", 2}, {"initial_std", 0}});
  net.set_input({0.5, -1.0});
  net.run(3000);
  const Eigen::VectorXd expected = net.input_weights() * Eigen::Vector2d(0.5, -1.0);
  CHECK((net.state() - expected).norm() < 1e-12);
}

TEST_CASE("the StepMap is the simulation's step and its Jacobian is exact, feedback included") {
  for (const int n : {3, 25, 80}) {
    CAPTURE(n);
    RateNetwork net({{"n", n}, {"feedback", 1}, {"inputs", 0}});
    net.set_readout(random_vector(n, 4, 1.0 / std::sqrt(n)));
    net.perturb(0.1, 5);
    net.run(37);
    const auto agreement = attractor::testing::step_against_simulation(net, [&] { net.run(1); });
    CHECK(agreement.same_state);
    CHECK(agreement.jacobian_error < 1e-7);
    CHECK(net.time_step() == 0.001);
  }
}

TEST_CASE("readout feedback closes the loop: the readout changes the dynamics") {
  RateNetwork open({{"n", 60}, {"feedback", 0}, {"g", 1.2}});
  RateNetwork closed({{"n", 60}, {"feedback", 1}, {"g", 1.2}});
  const Eigen::VectorXd w = random_vector(60, 9, 2.0 / std::sqrt(60));
  open.set_readout(w);
  closed.set_readout(w);
  open.run(500);
  closed.run(500);
  CHECK((open.state() - closed.state()).norm() > 1e-3);
  // Without a readout the feedback carries nothing: identical to the open network.
  RateNetwork silent({{"n", 60}, {"feedback", 1}, {"g", 1.2}});
  RateNetwork plain({{"n", 60}, {"feedback", 0}, {"g", 1.2}});
  silent.run(500);
  plain.run(500);
  CHECK(silent.state() == plain.state());
}

TEST_CASE("reset returns to the seeded initial state; the same seed gives the same run") {
  RateNetwork a({{"n", 40}, {"seed", 3}});
  RateNetwork b({{"n", 40}, {"seed", 3}});
  RateNetwork c({{"n", 40}, {"seed", 4}});
  a.run(300);
  b.run(300);
  c.run(300);
  CHECK(a.state() == b.state());
  CHECK(a.state() != c.state());
  const Eigen::VectorXd after = a.state();
  a.reset();
  a.run(300);
  CHECK(a.state() == after);
  a.perturb(0.2, 1);
  a.reset();
  a.run(300);
  CHECK(a.state() != after);
  a.perturb(0.0, 1);
  a.reset();
  a.run(300);
  CHECK(a.state() == after);
}

TEST_CASE("invalid rate-network input is rejected by name and changes nothing") {
  auto error_of = [](const attractor::ParamValues& params) -> std::string {
    try {
      RateNetwork net(params);
    } catch (const InvalidArgument& error) {
      return error.what();
    }
    return "";
  };
  CHECK(error_of({{"n", 1}}) ==
        "rate network: n = 1 is not allowed; n must be an integer from 2 to 2000 neurons");
  CHECK(error_of({{"dt", 0.008}}) ==
        "rate network: dt = 0.008 s is too large for tau = 0.01 s; dt must be at most tau / 2 = "
        "0.005 s");
  CHECK(error_of({{"feedback", 0.5}}).find("feedback must be an integer from 0 to 1") !=
        std::string::npos);
  CHECK(error_of({{"g", NAN}}).find("g = nan") != std::string::npos);

  RateNetwork net({{"n", 5}, {"inputs", 2}});
  CHECK_THROWS_WITH_AS(net.set_input({1.0}),
                       "rate network set_input: 1 values given; the network has 2 input channels",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(net.set_input({1.0, NAN}), doctest::Contains("input = nan"),
                       InvalidArgument);
  Eigen::VectorXd bad = Eigen::VectorXd::Zero(5);
  bad[3] = INFINITY;
  CHECK_THROWS_WITH_AS(net.set_readout(bad), doctest::Contains("readout_weight = inf"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(net.set_readout(Eigen::VectorXd::Zero(4)),
                       doctest::Contains("4 weights given; the network has 5 neurons"),
                       InvalidArgument);
  CHECK(net.readout_weights().isZero());
  CHECK_THROWS_AS(net.run(-3), InvalidArgument);
  CHECK_THROWS_AS(net.perturb(2, 1), InvalidArgument);
  CHECK(net.epsilon() == 0);
  CHECK(net.time() == 0);
}
