#include "attractor/memory_trials.hpp"

#include <algorithm>
#include <cmath>

#include "attractor/detmath.hpp"

namespace attractor {
namespace {
const char* const kContext = "memory trials";
}

const std::vector<ParamSpec>& MemoryTrials::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"values", 2, 64, 8, true, "",
       "Number of values c, spread evenly over [center - spread, center + spread]."},
      {"spread", 0.01, 1, 1, false, "",
       "Half-width of the interval of the values: a narrower interval makes the trials' states "
       "more alike (more correlated)."},
      {"center", -0.99, 0.99, 0, false, "",
       "Middle of the interval of the values; center - spread and center + spread must lie in "
       "[-1, 1]."},
      {"pulse_steps", 1, 10000, 20, true, "steps", "Length of the input pulse carrying c."},
      {"hold_steps", 1, 100000, 300, true, "steps", "Steps of holding z = c, with learning."},
      {"check_steps", 1, 100000, 300, true, "steps",
       "Steps of free running (no input, no learning) when checking that a value survived."},
      {"tolerance", 1e-4, 1, 0.1, false, "", "A value survives while |z - c| stays below this."},
      {"sorted", 0, 1, 0, true, "", "1: values in increasing order each epoch; 0: shuffled."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the trial order."},
      {"find_fixed_points", 0, 1, 1, true, "",
       "1: after every trial, find the closed loop's fixed points (about N^3 work per solver "
       "iteration); 0: only the free-run check."},
      {"fixed_point_iterations", 1, 10000, 100, true, "iterations",
       "Solver iterations per start when finding fixed points."},
  };
  return specs;
}

MemoryTrials::MemoryTrials(RateNetwork& network, ReadoutLearner& learner, const ParamValues& params)
    : ReadoutTrials(network, learner, param_specs(), params, kContext) {
  const double center = params_.at("center");
  const double spread = params_.at("spread");
  // A small slack so that e.g. center 0.75 with spread 0.25 is accepted despite rounding.
  if (std::fabs(center) + spread > 1.0 + 1e-12) {
    throw InvalidArgument(std::string(kContext) + ": the values would span [" +
                          format_number(center - spread) + ", " + format_number(center + spread) +
                          "] (center = " + format_number(center) +
                          ", spread = " + format_number(spread) +
                          "), outside [-1, 1]; with center = " + format_number(center) +
                          ", spread must be at most " + format_number(1.0 - std::fabs(center)));
  }
  const int count = static_cast<int>(params_.at("values"));
  // With the defaults (center 0, spread 1) this is exactly -1 + 2 m / (count - 1).
  for (int m = 0; m < count; ++m)
    values_.push_back(center + spread * (-1.0 + 2.0 * m / (count - 1)));
  end_states_.assign(static_cast<std::size_t>(count), Eigen::VectorXd());
  trained_.assign(static_cast<std::size_t>(count), false);
  recalled_.assign(static_cast<std::size_t>(count), std::nan(""));
  survived_.assign(static_cast<std::size_t>(count), false);
  fixed_point_survived_.assign(static_cast<std::size_t>(count), std::nan(""));
}

bool value_has_fixed_point(const std::vector<ClosedLoopFixedPoint>& points, double value,
                           double tolerance) {
  for (const auto& point : points) {
    const bool attracting =
        point.stability == Stability::kStable || point.stability == Stability::kMarginal;
    if (point.fixed && attracting && std::fabs(point.z - value) < tolerance) return true;
  }
  return false;
}

void MemoryTrials::run_trial() {
  const int count = static_cast<int>(values_.size());
  const int m = order_.next(count);
  const double value = values_[static_cast<std::size_t>(m)];
  last_value_ = value;

  const Eigen::VectorXd before = network_.readout_weights();
  network_.set_input({value});
  network_.run(static_cast<int>(params_.at("pulse_steps")));
  network_.set_input({0.0});
  learner_.train(std::vector<double>(static_cast<std::size_t>(params_.at("hold_steps")), value));
  end_states_[static_cast<std::size_t>(m)] = network_.state();
  trained_[static_cast<std::size_t>(m)] = true;
  ++trials_;

  // Interference: how this trial's readout change moved the output at the other values' states.
  const Eigen::VectorXd change = network_.readout_weights() - before;
  const Eigen::VectorXd rates = network_.rates();
  output_changes_.assign(static_cast<std::size_t>(count), std::nan(""));
  state_correlations_.assign(static_cast<std::size_t>(count), std::nan(""));
  for (int other = 0; other < count; ++other) {
    if (!trained_[static_cast<std::size_t>(other)] || other == m) continue;
    Eigen::VectorXd other_rates(network_.size());
    for (int i = 0; i < network_.size(); ++i)
      other_rates[i] = det::tanh(end_states_[static_cast<std::size_t>(other)][i]);
    output_changes_[static_cast<std::size_t>(other)] = change.dot(other_rates);
    state_correlations_[static_cast<std::size_t>(other)] =
        rates.dot(other_rates) / (rates.norm() * other_rates.norm());
  }
  check_values();
  if (params_.at("find_fixed_points") == 1) find_fixed_points();
}

void MemoryTrials::find_fixed_points() {
  std::vector<std::size_t> trained;
  for (std::size_t m = 0; m < values_.size(); ++m) {
    if (trained_[m]) trained.push_back(m);
  }
  Eigen::MatrixXd starts(network_.size(), static_cast<Eigen::Index>(trained.size()));
  for (std::size_t k = 0; k < trained.size(); ++k) {
    starts.col(static_cast<Eigen::Index>(k)) = end_states_[trained[k]];
  }
  // F is dx/dt in 1/s; q <= 1e-12 means |dx/dt| below about 1.4e-6 per second: at rest on the
  // time scale of any check. Slow points up to q = 1e-2 are listed as such.
  FixedPointFinder finder(network_,
                          {{"max_iterations", params_.at("fixed_point_iterations")},
                           {"fixed_tolerance", 1e-12},
                           {"slow_tolerance", 1e-2},
                           {"merge_distance", 1e-3}},
                          starts);
  while (!finder.done()) finder.advance(1e6);
  fixed_points_.clear();
  for (const auto& point : finder.points()) {
    ClosedLoopFixedPoint out;
    double z = 0.0;
    for (int i = 0; i < network_.size(); ++i) {
      z += network_.readout_weights()[i] * det::tanh(point.x[i]);
    }
    out.z = z;
    out.q = point.q;
    out.fixed = point.fixed;
    out.stability = point.stability;
    out.max_growth_rate = point.spectrum.growth_rates.size() > 0
                              ? point.spectrum.growth_rates.maxCoeff()
                              : std::nan("");
    fixed_points_.push_back(out);
  }
  std::sort(fixed_points_.begin(), fixed_points_.end(),
            [](const ClosedLoopFixedPoint& a, const ClosedLoopFixedPoint& b) { return a.z < b.z; });
  const double tolerance = params_.at("tolerance");
  bool all = true;
  for (std::size_t m = 0; m < values_.size(); ++m) {
    if (!trained_[m]) {
      all = false;
      continue;
    }
    const bool found = value_has_fixed_point(fixed_points_, values_[m], tolerance);
    fixed_point_survived_[m] = found ? 1.0 : 0.0;
    all = all && found;
  }
  if (all && fixed_point_criterion_ < 0) fixed_point_criterion_ = trials_;
}

int MemoryTrials::fixed_point_survivors() const {
  return count_survived(fixed_point_survived_);
}

void MemoryTrials::check_values() {
  const double tolerance = params_.at("tolerance");
  const int steps = static_cast<int>(params_.at("check_steps"));
  bool all = true;
  for (std::size_t m = 0; m < values_.size(); ++m) {
    if (!trained_[m]) {
      all = false;
      continue;
    }
    RateNetwork copy = network_;  // the free run must not disturb the training run
    copy.set_state(end_states_[m]);
    copy.set_input({0.0});
    bool stayed = true;
    for (int s = 0; s < steps && stayed; ++s) {
      copy.run(1);
      stayed = std::fabs(copy.readout() - values_[m]) < tolerance;
    }
    recalled_[m] = copy.readout();
    survived_[m] = stayed;
    all = all && stayed;
  }
  if (all && trials_to_criterion_ < 0) trials_to_criterion_ = trials_;
}

int MemoryTrials::survivors() const {
  int count = 0;
  for (const bool s : survived_) count += s;
  return count;
}

Measures MemoryTrials::measures() const {
  const double nan = std::nan("");
  const bool searched = params_.at("find_fixed_points") == 1 && trials_ > 0;
  int attracting = 0;
  for (const auto& point : fixed_points_) {
    attracting += point.fixed && (point.stability == Stability::kStable ||
                                  point.stability == Stability::kMarginal);
  }
  return {
      {"trials", static_cast<double>(trials_)},
      {"survivors", static_cast<double>(survivors())},
      {"trials_to_criterion",
       trials_to_criterion_ < 0 ? std::nan("") : static_cast<double>(trials_to_criterion_)},
      {"last_value", last_value_},
      {"fixed_points", searched ? static_cast<double>(fixed_points_.size()) : nan},
      {"attracting_fixed_points", searched ? static_cast<double>(attracting) : nan},
      {"fixed_point_survivors", searched ? static_cast<double>(fixed_point_survivors()) : nan},
      {"fixed_point_criterion",
       fixed_point_criterion_ < 0 ? nan : static_cast<double>(fixed_point_criterion_)},
  };
}

}  // namespace attractor
