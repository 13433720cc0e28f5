#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "attractor/memory_trials.hpp"

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
  const attractor::ParamValues task_params{{"values", 8},        {"pulse_steps", 50},
                                           {"hold_steps", 1000}, {"check_steps", 100},
                                           {"tolerance", 0.1},   {"seed", 1}};
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
