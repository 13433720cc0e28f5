#include "attractor/readout_trials.hpp"

#include <string>

namespace attractor {

ReadoutTrials::ReadoutTrials(RateNetwork& network, ReadoutLearner& learner,
                             const std::vector<ParamSpec>& specs, const ParamValues& params,
                             const char* context)
    : network_(network),
      learner_(learner),
      params_(resolve_params(specs, params, context)),
      order_(static_cast<std::uint64_t>(params_.at("seed")), params_.at("sorted") != 0) {
  if (network.input_count() != 1 || network.params().at("feedback") != 1) {
    throw InvalidArgument(std::string(context) +
                          ": the network needs inputs = 1 and feedback = 1 (it has inputs = " +
                          std::to_string(network.input_count()) +
                          ", feedback = " + format_number(network.params().at("feedback")) + ")");
  }
}

int ReadoutTrials::count_survived(const std::vector<double>& survived) {
  int count = 0;
  for (const double s : survived) count += s == 1.0;
  return count;
}

}  // namespace attractor
