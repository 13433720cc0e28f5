#include "attractor/pattern_trials.hpp"

#include <algorithm>
#include <cmath>

#include "attractor/detmath.hpp"

namespace attractor {
namespace {
const char* const kContext = "pattern trials";
constexpr double kPi = 3.14159265358979323846;
}  // namespace

Oscillation measure_oscillation(const std::vector<double>& series, double dt) {
  Oscillation out;
  out.frequency = std::nan("");
  out.amplitude = std::nan("");
  if (series.size() < 2) return out;
  double mean = 0.0;
  for (const double v : series) mean += v;
  mean /= static_cast<double>(series.size());
  const auto [low, high] = std::minmax_element(series.begin(), series.end());
  out.amplitude = 0.5 * (*high - *low);
  double first = 0.0, last = 0.0;
  for (std::size_t t = 1; t < series.size(); ++t) {
    const double a = series[t - 1] - mean, b = series[t] - mean;
    if (a < 0.0 && b >= 0.0) {
      const double at = (static_cast<double>(t) - 1.0 + a / (a - b)) * dt;
      if (out.crossings == 0) first = at;
      last = at;
      ++out.crossings;
    }
  }
  if (out.crossings >= 2) out.frequency = (out.crossings - 1) / (last - first);
  return out;
}

bool oscillation_matches(const Oscillation& measured, double frequency, double amplitude,
                         double freq_tolerance, double amp_tolerance) {
  return std::isfinite(measured.frequency) &&
         std::fabs(measured.frequency - frequency) <= freq_tolerance * frequency &&
         std::fabs(measured.amplitude - amplitude) <= amp_tolerance * amplitude;
}

const std::vector<ParamSpec>& PatternTrials::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"levels", 1, 16, 4, true, "",
       "Number of input levels, spread evenly over [level_min, level_max]."},
      {"level_min", -10, 10, 0.25, false, "", "The lowest input level."},
      {"level_max", -10, 10, 1, false, "", "The highest input level."},
      {"freq_min", 0.01, 1000, 4, false, "Hz", "Target frequency of the lowest level."},
      {"freq_max", 0.01, 1000, 8, false, "Hz", "Target frequency of the highest level."},
      {"amplitude", 0.01, 10, 1, false, "", "Amplitude of the target sinusoids."},
      {"train_steps", 1, 1000000, 1000, true, "steps", "Steps of learning per trial."},
      {"transient_steps", 0, 1000000, 300, true, "steps",
       "Steps of free running discarded before measuring a level's cycle."},
      {"check_steps", 2, 1000000, 1000, true, "steps",
       "Steps of free running over which a level's frequency and amplitude are measured."},
      {"freq_tolerance", 1e-4, 1, 0.05, false, "",
       "A cycle survives while its frequency is within this fraction of the target's."},
      {"amp_tolerance", 1e-4, 10, 0.3, false, "",
       "... and its amplitude within this fraction of the target amplitude."},
      {"sorted", 0, 1, 0, true, "", "1: levels in increasing order each epoch; 0: shuffled."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the trial order."},
  };
  return specs;
}

PatternTrials::PatternTrials(RateNetwork& network, ReadoutLearner& learner,
                             const ParamValues& params)
    : ReadoutTrials(network, learner, param_specs(), params, kContext) {
  const double low = params_.at("freq_min"), high = params_.at("freq_max");
  if (low > high) {
    throw InvalidArgument(std::string(kContext) + ": freq_min = " + format_number(low) +
                          " is above freq_max = " + format_number(high) +
                          "; freq_min must be at most freq_max");
  }
  // At least 10 steps per period, so the sinusoid is resolved and crossings are well placed.
  const double dt = network.params().at("dt");
  if (high * dt > 0.1) {
    throw InvalidArgument(std::string(kContext) + ": freq_max = " + format_number(high) +
                          " is not allowed with dt = " + format_number(dt) +
                          "; freq_max must be at most 0.1 / dt = " + format_number(0.1 / dt));
  }
  // The check must see at least two full periods of the slowest target.
  const double check = params_.at("check_steps");
  if (check * dt * low < 2.0) {
    throw InvalidArgument(std::string(kContext) + ": check_steps = " + format_number(check) +
                          " is too short for freq_min = " + format_number(low) +
                          "; check_steps must be at least 2 / (freq_min dt) = " +
                          format_number(std::ceil(2.0 / (low * dt))));
  }
  const double level_low = params_.at("level_min"), level_high = params_.at("level_max");
  if (level_low > level_high) {
    throw InvalidArgument(std::string(kContext) + ": level_min = " + format_number(level_low) +
                          " is above level_max = " + format_number(level_high) +
                          "; level_min must be at most level_max");
  }
  const int count = static_cast<int>(params_.at("levels"));
  for (int k = 0; k < count; ++k) {
    const double fraction = count == 1 ? 0.5 : static_cast<double>(k) / (count - 1);
    levels_.push_back(level_low + (level_high - level_low) * fraction);
    frequencies_.push_back(low + (high - low) * fraction);
  }
  end_states_.assign(static_cast<std::size_t>(count), Eigen::VectorXd());
  measured_frequencies_.assign(static_cast<std::size_t>(count), std::nan(""));
  measured_amplitudes_.assign(static_cast<std::size_t>(count), std::nan(""));
  survived_.assign(static_cast<std::size_t>(count), std::nan(""));
}

void PatternTrials::run_trial() {
  const int count = static_cast<int>(levels_.size());
  const int k = order_.next(count);
  last_level_ = k;
  const double dt = network_.params().at("dt");
  const double frequency = frequencies_[static_cast<std::size_t>(k)];
  const double amplitude = params_.at("amplitude");
  targets_.resize(static_cast<std::size_t>(params_.at("train_steps")));
  for (std::size_t t = 0; t < targets_.size(); ++t) {
    targets_[t] = amplitude * det::sin(2.0 * kPi * frequency * static_cast<double>(t + 1) * dt);
  }
  network_.set_input({levels_[static_cast<std::size_t>(k)]});
  learner_.train(targets_);
  end_states_[static_cast<std::size_t>(k)] = network_.state();
  ++trials_;
  // The error over the second half, after the jump from the previous trial's pattern.
  const auto& errors = learner_.errors();
  const std::size_t half = errors.size() / 2;
  double sum = 0.0;
  for (std::size_t t = half; t < errors.size(); ++t) sum += errors[t] * errors[t];
  last_train_error_ = std::sqrt(sum / static_cast<double>(errors.size() - half));
  check_levels();
}

void PatternTrials::check_levels() {
  const double dt = network_.params().at("dt");
  const double amplitude = params_.at("amplitude");
  bool all = true;
  for (std::size_t k = 0; k < levels_.size(); ++k) {
    if (end_states_[k].size() == 0) {
      all = false;
      continue;
    }
    RateNetwork copy = network_;  // the free run must not disturb the training run
    copy.set_state(end_states_[k]);
    copy.set_input({levels_[k]});
    const int transient = static_cast<int>(params_.at("transient_steps"));
    if (transient > 0) copy.run(transient);
    copy.run(static_cast<int>(params_.at("check_steps")));
    const Oscillation measured = measure_oscillation(copy.trace(), dt);
    measured_frequencies_[k] = measured.frequency;
    measured_amplitudes_[k] = measured.amplitude;
    const bool ok = oscillation_matches(measured, frequencies_[k], amplitude,
                                        params_.at("freq_tolerance"), params_.at("amp_tolerance"));
    survived_[k] = ok ? 1.0 : 0.0;
    all = all && ok;
  }
  if (all && trials_to_criterion_ < 0) trials_to_criterion_ = trials_;
}

int PatternTrials::survivors() const {
  return count_survived(survived_);
}

Measures PatternTrials::measures() const {
  const double nan = std::nan("");
  const bool any = last_level_ >= 0;
  return {
      {"trials", static_cast<double>(trials_)},
      {"survivors", static_cast<double>(survivors())},
      {"trials_to_criterion",
       trials_to_criterion_ < 0 ? nan : static_cast<double>(trials_to_criterion_)},
      {"last_level", any ? levels_[static_cast<std::size_t>(last_level_)] : nan},
      {"last_frequency", any ? frequencies_[static_cast<std::size_t>(last_level_)] : nan},
      {"last_train_error", any ? last_train_error_ : nan},
  };
}

}  // namespace attractor
