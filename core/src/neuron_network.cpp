#include "attractor/neuron_network.hpp"

#include <cmath>

#include "attractor/perturbation.hpp"

namespace attractor {

NeuronNetwork::NeuronNetwork(const std::vector<ParamSpec>& specs, const ParamValues& params,
                             const char* context, int dt_divisor)
    : context_(context), params_(resolve_params(specs, params, context)) {
  n_ = static_cast<int>(params_.at("n"));
  tau_ = params_.at("tau");
  dt_ = params_.at("dt");
  const double limit = tau_ / dt_divisor;
  if (dt_ > limit) {
    throw InvalidArgument(std::string(context) + ": dt = " + format_number(dt_) +
                          " s is too large for tau = " + format_number(tau_) +
                          " s; dt must be at most tau / " + std::to_string(dt_divisor) + " = " +
                          format_number(limit) + " s");
  }
  state_ = Eigen::VectorXd::Zero(n_);
}

void NeuronNetwork::perturb_weights(const ParamSpec& epsilon_spec, double epsilon,
                                    std::uint64_t seed) {
  check_param(epsilon_spec, epsilon, call_context("perturb"));
  check_param(seed_spec(), static_cast<double>(seed), call_context("perturb"));
  epsilon_ = epsilon;
  weights_ = tuned_weights_;
  if (epsilon > 0) {
    add_weight_noise(weights_.data(), n_ * n_, epsilon / std::sqrt(static_cast<double>(n_)), seed);
  }
}

void NeuronNetwork::start_run(int steps) {
  check_param(steps_spec(), steps, call_context("run"));
  trace_.resize(static_cast<std::size_t>(steps));
}

}  // namespace attractor
