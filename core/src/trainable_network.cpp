#include "attractor/trainable_network.hpp"

#include <cmath>
#include <string>

namespace attractor {

TrainableNetwork::TrainableNetwork(const std::vector<ParamSpec>& specs, const ParamValues& params,
                                   const char* context)
    : params_(resolve_params(specs, params, context)),
      inputs_(static_cast<int>(params_.at("inputs"))),
      hidden_(static_cast<int>(params_.at("hidden"))),
      outputs_(static_cast<int>(params_.at("outputs"))) {}

void TrainableNetwork::set_parameters(const std::vector<double>& values) {
  const std::string& context = architecture();
  if (values.size() != parameters_.size()) {
    throw InvalidArgument(context + " set_parameters: " + std::to_string(values.size()) +
                          " values given; this network has " + std::to_string(parameters_.size()) +
                          " parameters");
  }
  const UnusedBlock unused = unused_parameters();
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (!std::isfinite(values[k])) {
      throw InvalidArgument(context + " set_parameters: parameter " + std::to_string(k) + " = " +
                            format_number(values[k]) + " is not a finite number");
    }
    if (k >= unused.begin && k < unused.end && values[k] != 0) {
      throw InvalidArgument(context + " set_parameters: this network has no " + unused.name +
                            ", so parameters " + std::to_string(unused.begin) + " to " +
                            std::to_string(unused.end - 1) + " must be 0");
    }
  }
  parameters_ = values;
}

double TrainableNetwork::loss(const SequenceBatch& batch) {
  check_batch(batch);
  forward(batch);
  return masked_squared_error(batch, outputs_buffer_);
}

}  // namespace attractor
