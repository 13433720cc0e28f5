#include "attractor/memory_trials.hpp"

#include <cmath>
#include <numeric>

#include "attractor/detmath.hpp"

namespace attractor {
namespace {
const char* const kContext = "memory trials";
}

const std::vector<ParamSpec>& MemoryTrials::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"values", 2, 64, 8, true, "", "Number of values c, spread evenly over [-1, 1]."},
      {"pulse_steps", 1, 10000, 20, true, "steps", "Length of the input pulse carrying c."},
      {"hold_steps", 1, 100000, 300, true, "steps", "Steps of holding z = c, with learning."},
      {"check_steps", 1, 100000, 300, true, "steps",
       "Steps of free running (no input, no learning) when checking that a value survived."},
      {"tolerance", 1e-4, 1, 0.1, false, "", "A value survives while |z - c| stays below this."},
      {"sorted", 0, 1, 0, true, "", "1: values in increasing order each epoch; 0: shuffled."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the trial order."},
  };
  return specs;
}

MemoryTrials::MemoryTrials(RateNetwork& network, ReadoutLearner& learner, const ParamValues& params)
    : network_(network),
      learner_(learner),
      params_(resolve_params(param_specs(), params, kContext)),
      order_rng_(static_cast<std::uint64_t>(params_.at("seed")), streams::kTaskData) {
  if (network.input_count() != 1 || network.params().at("feedback") != 1) {
    throw InvalidArgument(std::string(kContext) +
                          ": the network needs inputs = 1 and feedback = 1 (it has inputs = " +
                          std::to_string(network.input_count()) +
                          ", feedback = " + format_number(network.params().at("feedback")) + ")");
  }
  const int count = static_cast<int>(params_.at("values"));
  for (int m = 0; m < count; ++m) values_.push_back(-1.0 + 2.0 * m / (count - 1));
  end_states_.assign(static_cast<std::size_t>(count), Eigen::VectorXd());
  trained_.assign(static_cast<std::size_t>(count), false);
  recalled_.assign(static_cast<std::size_t>(count), std::nan(""));
  survived_.assign(static_cast<std::size_t>(count), false);
}

void MemoryTrials::run_trial() {
  const int count = static_cast<int>(values_.size());
  if (next_in_epoch_ == order_.size()) {
    order_.resize(static_cast<std::size_t>(count));
    std::iota(order_.begin(), order_.end(), 0);
    if (params_.at("sorted") == 0) {
      for (int k = count - 1; k > 0; --k) {  // Fisher-Yates with the seeded generator
        const auto j = static_cast<int>(order_rng_.uniform() * (k + 1));
        std::swap(order_[static_cast<std::size_t>(k)], order_[static_cast<std::size_t>(j)]);
      }
    }
    next_in_epoch_ = 0;
  }
  const int m = order_[next_in_epoch_++];
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
  return {
      {"trials", static_cast<double>(trials_)},
      {"survivors", static_cast<double>(survivors())},
      {"trials_to_criterion",
       trials_to_criterion_ < 0 ? std::nan("") : static_cast<double>(trials_to_criterion_)},
      {"last_value", last_value_},
  };
}

}  // namespace attractor
