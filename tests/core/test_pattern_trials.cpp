#include <doctest/doctest.h>

#include <cmath>

#include "attractor/pattern_trials.hpp"
#include "attractor/trial_bench.hpp"

using attractor::InvalidArgument;
using attractor::PatternTrials;
using attractor::RateNetwork;
using attractor::ReadoutLearner;

namespace {
constexpr double kPi = 3.14159265358979323846;
}

TEST_CASE("the oscillation measure reads a known sinusoid's frequency and amplitude") {
  const double dt = 0.001;
  for (const double frequency : {2.0, 5.5, 13.0}) {
    CAPTURE(frequency);
    std::vector<double> series(3000);
    for (std::size_t t = 0; t < series.size(); ++t) {
      series[t] = 0.3 + 0.7 * std::sin(2 * kPi * frequency * t * dt + 1.0);
    }
    const auto measured = attractor::measure_oscillation(series, dt);
    CHECK(measured.frequency == doctest::Approx(frequency).epsilon(1e-4));
    CHECK(measured.amplitude == doctest::Approx(0.7).epsilon(1e-3));
    CHECK(measured.crossings >= static_cast<int>(std::floor(3 * frequency)) - 1);
  }
  const auto flat = attractor::measure_oscillation(std::vector<double>(500, 0.4), dt);
  CHECK(std::isnan(flat.frequency));
  CHECK(flat.amplitude == 0.0);
}

TEST_CASE("a cycle matches only within the frequency and amplitude tolerances") {
  attractor::Oscillation measured;
  measured.frequency = 5.2;
  measured.amplitude = 0.9;
  CHECK(attractor::oscillation_matches(measured, 5.0, 1.0, 0.05, 0.3));
  CHECK_FALSE(attractor::oscillation_matches(measured, 5.0, 1.0, 0.03, 0.3));
  CHECK_FALSE(attractor::oscillation_matches(measured, 5.0, 1.0, 0.05, 0.05));
  measured.frequency = std::nan("");
  CHECK_FALSE(attractor::oscillation_matches(measured, 5.0, 1.0, 1.0, 1.0));
}

TEST_CASE("pattern trials: levels and frequencies, survival from a free run, validation") {
  RateNetwork net({{"n", 100}, {"g", 1.2}, {"inputs", 1}, {"feedback", 1}, {"seed", 2}});
  ReadoutLearner learner(net, {}, "force");
  PatternTrials trials(net, learner,
                       {{"levels", 3}, {"freq_min", 4}, {"freq_max", 8}, {"sorted", 1}});
  CHECK(trials.levels() == std::vector<double>{-1.0, 0.0, 1.0});
  CHECK(trials.frequencies() == std::vector<double>{4.0, 6.0, 8.0});
  trials.run_trial();
  CHECK(trials.targets().size() == 1000);
  CHECK(trials.targets()[249] == doctest::Approx(0.0).epsilon(1e-9));  // 4 Hz: period 250 steps
  CHECK(std::isnan(trials.survived()[1]));
  // The survival of the trained level follows from an independent free run measured here.
  REQUIRE(!std::isnan(trials.survived()[0]));
  CHECK(trials.survived()[0] == (std::fabs(trials.measured_frequencies()[0] - 4.0) <= 0.2 &&
                                         std::fabs(trials.measured_amplitudes()[0] - 1.0) <= 0.3
                                     ? 1.0
                                     : 0.0));

  CHECK_THROWS_WITH_AS(PatternTrials(net, learner, {{"freq_min", 9}, {"freq_max", 8}}),
                       doctest::Contains("freq_min = 9 is above freq_max = 8"), InvalidArgument);
  CHECK_THROWS_WITH_AS(PatternTrials(net, learner, {{"freq_max", 200}}),
                       doctest::Contains("freq_max must be at most 0.1 / dt = 100"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(PatternTrials(net, learner, {{"check_steps", 100}}),
                       doctest::Contains("check_steps must be at least"), InvalidArgument);
}

TEST_CASE("FORCE trains a limit cycle at the selected frequency") {
  RateNetwork net({{"n", 200}, {"g", 1.5}, {"inputs", 1}, {"feedback", 1}, {"seed", 1}});
  ReadoutLearner learner(net, {}, "force");
  PatternTrials trials(net, learner, {{"levels", 1}, {"freq_min", 5}, {"freq_max", 5}});
  for (int k = 0; k < 3; ++k) trials.run_trial();
  // An independent measurement: count the upward zero crossings of a long free run.
  RateNetwork copy = net;
  copy.set_input({0.0});
  copy.run(500);
  copy.run(4000);
  int crossings = 0;
  for (std::size_t t = 1; t < copy.trace().size(); ++t) {
    crossings += copy.trace()[t - 1] < 0 && copy.trace()[t] >= 0;
  }
  CHECK(crossings >= 19);  // 5 Hz over 4 s: 20
  CHECK(crossings <= 21);
  CHECK(trials.trials_to_criterion() > 0);
}

TEST_CASE("the learning bench routes one flat set of parameters") {
  attractor::TrialBench bench({{"n", 30},
                               {"g", 1.0},
                               {"seed", 4},
                               {"values", 3},
                               {"hold_steps", 50},
                               {"check_steps", 20},
                               {"learning_rate", 0.01}},
                              "lms", "memory");
  RateNetwork net({{"n", 30}, {"g", 1.0}, {"seed", 4}, {"inputs", 1}, {"feedback", 1}});
  ReadoutLearner learner(net, {{"learning_rate", 0.01}}, "lms");
  attractor::MemoryTrials trials(
      net, learner, {{"values", 3}, {"hold_steps", 50}, {"check_steps", 20}, {"seed", 4}});
  for (int k = 0; k < 4; ++k) {
    bench.run_trial();
    trials.run_trial();
  }
  CHECK(bench.network().readout_weights() == net.readout_weights());
  CHECK(bench.outputs() == learner.outputs());
  CHECK(bench.targets() == std::vector<double>(50, trials.last_value()));
  CHECK(bench.trials() == 4);
  CHECK_THROWS_WITH_AS(attractor::TrialBench({{"levels", 3}}, "force", "memory"),
                       doctest::Contains("parameter 'levels' is not known for the memory task"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::TrialBench({}, "force", "song"),
                       doctest::Contains("task 'song' is not known"), InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::TrialBench({{"inputs", 2}}, "force", "pattern"),
                       doctest::Contains("parameter 'inputs' is not known"), InvalidArgument);
}
