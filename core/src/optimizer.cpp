#include "attractor/optimizer.hpp"

#include <algorithm>
#include <cmath>

namespace attractor {
namespace {
const char* const kContext = "optimizer";
}

const std::vector<ParamSpec>& Optimizer::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"learning_rate", 1e-7, 10, 1e-3, false, "", "Step size."},
      {"beta1", 0, 0.9999, 0.9, false, "", "Adam: decay of the first-moment estimate."},
      {"beta2", 0, 0.99999, 0.999, false, "", "Adam: decay of the second-moment estimate."},
      {"adam_epsilon", 1e-12, 1e-2, 1e-8, false, "",
       "Adam: added to the root of the second moment."},
      {"momentum", 0, 0.999, 0, false, "", "SGD: momentum (0 is plain gradient descent)."},
      {"clip_norm", 0, 1e6, 1, false, "",
       "Gradients longer than this are scaled down to it (global norm); 0 turns clipping off."},
      {"decay_every", 0, 1e7, 0, true, "steps",
       "Multiply the learning rate by decay_factor every this many steps; 0 turns decay off."},
      {"decay_factor", 0.01, 1, 0.5, false, "", "Learning-rate decay factor."},
  };
  return specs;
}

const std::vector<std::string>& Optimizer::kinds() {
  static const std::vector<std::string> names = {"adam", "sgd"};
  return names;
}

Optimizer::Optimizer(const ParamValues& params, const std::string& kind, std::size_t size)
    : params_(resolve_params(param_specs(), params, kContext)), kind_(kind) {
  if (std::find(kinds().begin(), kinds().end(), kind) == kinds().end()) {
    throw InvalidArgument(std::string(kContext) + ": " + quoted(kind) +
                          " is not known; choose one of adam, sgd");
  }
  first_.assign(size, 0.0);
  second_.assign(kind == "adam" ? size : 0, 0.0);
}

double Optimizer::clip(std::vector<double>& gradient) const {
  double sum = 0.0;
  for (const double g : gradient) sum += g * g;
  const double norm = std::sqrt(sum);
  const double limit = params_.at("clip_norm");
  if (limit > 0 && norm > limit) {
    const double scale = limit / norm;
    for (double& g : gradient) g *= scale;
  }
  return norm;
}

double Optimizer::learning_rate() const {
  double rate = params_.at("learning_rate");
  const auto every = static_cast<long>(params_.at("decay_every"));
  if (every > 0) {
    const double factor = params_.at("decay_factor");
    for (long k = steps_ / every; k > 0; --k) rate *= factor;
  }
  return rate;
}

void Optimizer::step(std::vector<double>& parameters, const std::vector<double>& gradient) {
  const double rate = learning_rate();
  ++steps_;
  const std::size_t size = parameters.size();
  if (kind_ == "adam") {
    const double beta1 = params_.at("beta1");
    const double beta2 = params_.at("beta2");
    const double epsilon = params_.at("adam_epsilon");
    beta1_power_ *= beta1;
    beta2_power_ *= beta2;
    const double correction1 = 1 - beta1_power_;
    const double correction2 = 1 - beta2_power_;
    for (std::size_t k = 0; k < size; ++k) {
      const double g = gradient[k];
      first_[k] = beta1 * first_[k] + (1 - beta1) * g;
      second_[k] = beta2 * second_[k] + (1 - beta2) * (g * g);
      const double m_hat = first_[k] / correction1;
      const double v_hat = second_[k] / correction2;
      parameters[k] -= rate * m_hat / (std::sqrt(v_hat) + epsilon);
    }
  } else {
    const double momentum = params_.at("momentum");
    for (std::size_t k = 0; k < size; ++k) {
      first_[k] = momentum * first_[k] + gradient[k];
      parameters[k] -= rate * first_[k];
    }
  }
}

void Optimizer::restore(const std::vector<double>& first, const std::vector<double>& second,
                        long steps) {
  if (first.size() != first_.size() || second.size() != second_.size() || steps < 0) {
    throw InvalidArgument(std::string(kContext) +
                          ": the saved optimizer state does not match this network's size");
  }
  first_ = first;
  second_ = second;
  steps_ = steps;
  beta1_power_ = 1.0;
  beta2_power_ = 1.0;
  if (kind_ == "adam") {
    for (long k = 0; k < steps; ++k) {
      beta1_power_ *= params_.at("beta1");
      beta2_power_ *= params_.at("beta2");
    }
  }
}

}  // namespace attractor
