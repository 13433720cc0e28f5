#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "attractor/memory_trials.hpp"
#include "attractor/rng.hpp"

using attractor::InvalidArgument;
using attractor::MemoryTrials;
using attractor::RateNetwork;
using attractor::ReadoutLearner;

namespace {

attractor::ParamValues network_params() {
  return {{"n", 60}, {"g", 1.2}, {"inputs", 1}, {"feedback", 1}, {"tau", 0.01}, {"dt", 0.001}};
}

}  // namespace

TEST_CASE("trials visit every value once per epoch, shuffled or sorted") {
  for (const int sorted : {0, 1}) {
    CAPTURE(sorted);
    RateNetwork net(network_params());
    ReadoutLearner learner(net, {}, "force");
    MemoryTrials trials(
        net, learner, {{"values", 5}, {"hold_steps", 20}, {"check_steps", 5}, {"sorted", sorted}});
    CHECK(trials.values() == std::vector<double>{-1.0, -0.5, 0.0, 0.5, 1.0});
    for (int epoch = 0; epoch < 2; ++epoch) {
      std::set<double> seen;
      std::vector<double> order;
      for (int k = 0; k < 5; ++k) {
        trials.run_trial();
        const double value = trials.measures()[3].second;
        seen.insert(value);
        order.push_back(value);
      }
      CHECK(seen.size() == 5);
      if (sorted) CHECK(order == trials.values());
    }
    CHECK(trials.trials() == 10);
  }
}

TEST_CASE("the values' interval: [-1, 1] by default, set by center and spread, checked") {
  RateNetwork net(network_params());
  ReadoutLearner learner(net, {}, "force");
  const MemoryTrials by_default(net, learner, {{"values", 8}});
  // Exactly the values the interval had before it could be set.
  for (int m = 0; m < 8; ++m) CHECK(by_default.values()[m] == -1.0 + 2.0 * m / 7);
  const MemoryTrials clustered(net, learner, {{"values", 5}, {"center", 0.75}, {"spread", 0.25}});
  CHECK(clustered.values() == std::vector<double>{0.5, 0.625, 0.75, 0.875, 1.0});
  CHECK_THROWS_WITH_AS(
      MemoryTrials(net, learner, {{"center", 0.5}, {"spread", 0.6}}),
      doctest::Contains("the values would span [-0.1, 1.1] (center = 0.5, spread = 0.6), outside "
                        "[-1, 1]; with center = 0.5, spread must be at most 0.5"),
      InvalidArgument);
  CHECK_THROWS_WITH_AS(MemoryTrials(net, learner, {{"spread", 0}}), doctest::Contains("spread"),
                       InvalidArgument);
}

TEST_CASE("values clustered on one side make the trials' states more correlated") {
  // The network is odd (x -> -x): over [-1, 1] the states of values of opposite sign point in
  // nearly opposite directions, so many pairs are anti-correlated; values in [0.5, 1] all push the
  // state the same way.
  const auto mean_correlation = [](const attractor::ParamValues& interval) {
    RateNetwork net({{"n", 60},
                     {"g", 1.0},
                     {"inputs", 1},
                     {"feedback", 1},
                     {"feedback_scale", 2},
                     {"seed", 2}});
    ReadoutLearner learner(net, {{"learning_rate", 1e-3}}, "lms");
    attractor::ParamValues task{{"values", 6},
                                {"pulse_steps", 30},
                                {"hold_steps", 200},
                                {"check_steps", 5},
                                {"find_fixed_points", 0}};
    task.insert(interval.begin(), interval.end());
    MemoryTrials trials(net, learner, task);
    double sum = 0.0;
    int count = 0;
    for (int k = 0; k < 12; ++k) {
      trials.run_trial();
      for (const double c : trials.state_correlations()) {
        if (std::isnan(c)) continue;
        sum += c;
        ++count;
      }
    }
    REQUIRE(count > 0);
    return sum / count;
  };
  const double wide = mean_correlation({});
  const double clustered = mean_correlation({{"center", 0.75}, {"spread", 0.25}});
  CAPTURE(wide);
  CAPTURE(clustered);
  CHECK(clustered > wide + 0.5);
}

TEST_CASE("interference is the readout change times the other values' rates") {
  RateNetwork net(network_params());
  ReadoutLearner learner(net, {{"learning_rate", 0.05}}, "lms");
  MemoryTrials trials(net, learner,
                      {{"values", 3}, {"hold_steps", 30}, {"check_steps", 5}, {"sorted", 1}});
  trials.run_trial();  // value -1
  const Eigen::VectorXd w1 = net.readout_weights();
  const Eigen::VectorXd first_state = net.state();
  trials.run_trial();  // value 0
  Eigen::VectorXd rates(60);
  for (int i = 0; i < 60; ++i) rates[i] = std::tanh(first_state[i]);
  const double expected = (net.readout_weights() - w1).dot(rates);
  CHECK(trials.output_changes()[0] == doctest::Approx(expected).epsilon(1e-12));
  CHECK(std::fabs(trials.state_correlations()[0]) <= 1.0);
  CHECK(std::isnan(trials.output_changes()[1]));  // the trial's own value
  CHECK(std::isnan(trials.output_changes()[2]));  // not trained yet
}

TEST_CASE("a value survives only while the free-running readout stays near it") {
  RateNetwork net(network_params());
  ReadoutLearner learner(net, {}, "force");
  MemoryTrials trials(net, learner,
                      {{"values", 2}, {"hold_steps", 200}, {"check_steps", 100}, {"sorted", 1}});
  trials.run_trial();
  // Checked from the state the trial ended in: recalled is z after the free run.
  REQUIRE(!std::isnan(trials.recalled()[0]));
  CHECK(trials.survivors() == (std::fabs(trials.recalled()[0] + 1.0) < 0.1 ? 1 : 0));
  CHECK(std::isnan(trials.recalled()[1]));
  CHECK(trials.trials_to_criterion() == -1);
}

TEST_CASE("memory trials need one input and feedback; LMS divergence stops with a message") {
  RateNetwork open({{"n", 10}, {"inputs", 1}, {"feedback", 0}});
  ReadoutLearner learner(open, {}, "force");
  CHECK_THROWS_WITH_AS(MemoryTrials(open, learner, {}),
                       doctest::Contains("needs inputs = 1 and feedback = 1"), InvalidArgument);
  RateNetwork net(network_params());
  ReadoutLearner fast(net, {{"learning_rate", 10}, {"update_every", 1}}, "lms");
  MemoryTrials trials(net, fast, {{"values", 2}, {"hold_steps", 2000}});
  CHECK_THROWS_WITH_AS(trials.run_trial(), doctest::Contains("the readout diverged at update"),
                       InvalidArgument);
  CHECK(net.readout_weights().allFinite());
}

TEST_CASE("FORCE holds all 8 values within 12 trials where LMS does not (seed 1)") {
  // The settings of EXPERIMENTS.md: g = 1, feedback scale 2, pulse 50, hold 1000, a 100-step
  // free run within 0.1.
  const attractor::ParamValues net_params{{"n", 200},         {"g", 1.0},
                                          {"inputs", 1},      {"feedback", 1},
                                          {"input_scale", 1}, {"feedback_scale", 2},
                                          {"seed", 1}};
  const attractor::ParamValues task_params{
      {"values", 8},      {"pulse_steps", 50}, {"hold_steps", 1000},    {"check_steps", 100},
      {"tolerance", 0.1}, {"seed", 1},         {"find_fixed_points", 0}};
  RateNetwork force_net(net_params);
  ReadoutLearner force(force_net, {}, "force");
  MemoryTrials force_trials(force_net, force, task_params);
  for (int k = 0; k < 12 && force_trials.trials_to_criterion() < 0; ++k) force_trials.run_trial();
  CHECK(force_trials.trials_to_criterion() == 8);
  CHECK(force_trials.survivors() == 8);

  RateNetwork lms_net(net_params);
  ReadoutLearner lms(lms_net, {{"learning_rate", 1e-3}}, "lms");
  MemoryTrials lms_trials(lms_net, lms, task_params);
  for (int k = 0; k < 12; ++k) lms_trials.run_trial();
  CHECK(lms_trials.trials_to_criterion() == -1);
  CHECK(lms_trials.survivors() <= 2);
}

TEST_CASE("a value survives as a fixed point only if an attracting fixed point is near it") {
  using attractor::ClosedLoopFixedPoint;
  using attractor::Stability;
  ClosedLoopFixedPoint near;
  near.z = 0.52;
  near.fixed = true;
  ClosedLoopFixedPoint saddle = near;
  saddle.z = -0.5;
  saddle.stability = Stability::kSaddle;
  ClosedLoopFixedPoint slow = near;
  slow.z = 1.0;
  slow.fixed = false;
  ClosedLoopFixedPoint marginal = near;
  marginal.z = -1.0;
  marginal.stability = Stability::kMarginal;
  const std::vector<ClosedLoopFixedPoint> points = {near, saddle, slow, marginal};
  CHECK(attractor::value_has_fixed_point(points, 0.5, 0.1));
  CHECK_FALSE(attractor::value_has_fixed_point(points, 0.5, 0.01));  // too far
  CHECK_FALSE(attractor::value_has_fixed_point(points, -0.5, 0.1));  // a saddle
  CHECK_FALSE(attractor::value_has_fixed_point(points, 1.0, 0.1));   // a slow point only
  CHECK(attractor::value_has_fixed_point(points, -1.0, 0.1));        // neutral directions count
  CHECK_FALSE(attractor::value_has_fixed_point({}, 0.0, 1.0));
}

TEST_CASE("the fixed points found are where a long free run of the closed loop comes to rest") {
  RateNetwork net({{"n", 40},
                   {"g", 0.8},
                   {"inputs", 1},
                   {"feedback", 1},
                   {"input_scale", 1},
                   {"feedback_scale", 2},
                   {"seed", 3}});
  ReadoutLearner learner(net, {}, "force");
  MemoryTrials trials(net, learner,
                      {{"values", 3}, {"pulse_steps", 50}, {"hold_steps", 1000}, {"sorted", 1}});
  for (int k = 0; k < 3; ++k) trials.run_trial();
  REQUIRE(!trials.fixed_points().empty());
  // Free runs from many states (not the finder's starts): wherever one comes to rest, the finder
  // must have listed an attracting fixed point with the same readout.
  attractor::Rng rng(5);
  int rested = 0;
  for (int run = 0; run < 6; ++run) {
    RateNetwork copy = net;
    Eigen::VectorXd x(40);
    for (int i = 0; i < 40; ++i) x[i] = 0.5 * rng.normal();
    copy.set_state(x);
    copy.set_input({0.0});
    copy.run(20000);
    const Eigen::VectorXd before = copy.state();
    copy.run(1);
    if ((copy.state() - before).norm() > 1e-10) continue;
    ++rested;
    bool listed = false;
    for (const auto& point : trials.fixed_points()) {
      listed = listed || (std::fabs(point.z - copy.readout()) < 1e-6 && point.fixed &&
                          point.stability != attractor::Stability::kSaddle);
    }
    CAPTURE(copy.readout());
    CHECK(listed);
  }
  CHECK(rested > 0);
  // Survival by fixed point agrees with the listed points.
  for (std::size_t m = 0; m < trials.values().size(); ++m) {
    CHECK(trials.fixed_point_survived()[m] ==
          (attractor::value_has_fixed_point(trials.fixed_points(), trials.values()[m], 0.1) ? 1.0
                                                                                            : 0.0));
  }
}
