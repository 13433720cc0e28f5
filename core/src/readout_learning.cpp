#include "attractor/readout_learning.hpp"

#include <algorithm>
#include <cmath>

#include "attractor/detmath.hpp"
#include "attractor/kernels.hpp"

namespace attractor {
namespace {
const char* const kContext = "readout learning";
constexpr double kPi = 3.14159265358979323846;
}  // namespace

const std::vector<ParamSpec>& ReadoutLearner::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"alpha", 1e-6, 1e6, 1, false, "", "FORCE: P starts as I / alpha (a regularizer)."},
      {"learning_rate", 1e-9, 10, 1e-3, false, "", "LMS: step size eta."},
      {"update_every", 1, 1000, 2, true, "steps", "Learn every this many steps."},
      {"symmetrize_every", 1, 1e6, 100, true, "updates",
       "FORCE: make P exactly symmetric every this many updates (rounding breaks it slowly)."},
  };
  return specs;
}

const std::vector<std::string>& ReadoutLearner::rules() {
  static const std::vector<std::string> names = {"force", "lms"};
  return names;
}

ReadoutLearner::ReadoutLearner(RateNetwork& network, const ParamValues& params,
                               const std::string& rule)
    : network_(network), params_(resolve_params(param_specs(), params, kContext)), rule_(rule) {
  if (std::find(rules().begin(), rules().end(), rule) == rules().end()) {
    throw InvalidArgument(std::string(kContext) + ": rule " + quoted(rule) +
                          " is not known; choose one of force, lms");
  }
  const int n = network.size();
  if (rule == "force") {
    p_ = Eigen::MatrixXd::Identity(n, n) / params_.at("alpha");
    k_.resize(n);
  }
  w_ = network.readout_weights();
}

void ReadoutLearner::train(const std::vector<double>& targets) {
  for (const double f : targets) {
    // The bound of the readout weights: a larger target (1e308) overflowed the test's RMS.
    if (!(std::fabs(f) <= 1e6)) {
      throw InvalidArgument(std::string(kContext) + ": a target is " + format_number(f) +
                            "; targets must be finite, from -1e6 to 1e6");
    }
  }
  const int n = network_.size();
  const long every = static_cast<long>(params_.at("update_every"));
  const long symmetrize = static_cast<long>(params_.at("symmetrize_every"));
  const double eta = params_.at("learning_rate");
  const double weight_limit = RateNetwork::weight_spec().max;
  errors_.clear();
  outputs_.clear();
  for (const double f : targets) {
    network_.run(1);
    outputs_.push_back(network_.readout());
    ++steps_;
    if (steps_ % every != 0) continue;
    const double* r = network_.rates().data();
    const double error = network_.readout() - f;
    errors_.push_back(error);
    if (rule_ == "force") {
      kernels::matvec(p_.data(), n, n, r, k_.data());
      const double c = 1.0 / (1.0 + kernels::dot(r, k_.data(), n));
      kernels::subtract_scaled_outer(p_.data(), n, k_.data(), c);
      for (int i = 0; i < n; ++i) w_[i] -= error * (c * k_[i]);
      if (++updates_ % symmetrize == 0) {
        for (int j = 0; j < n; ++j) {
          for (int i = j + 1; i < n; ++i) {
            const double mean = 0.5 * (p_(i, j) + p_(j, i));
            p_(i, j) = mean;
            p_(j, i) = mean;
          }
        }
      }
    } else {
      for (int i = 0; i < n; ++i) w_[i] -= eta * error * r[i];
      ++updates_;
    }
    if (!(w_.cwiseAbs().maxCoeff() <= weight_limit)) {  // also catches NaN
      w_ = network_.readout_weights();
      throw InvalidArgument(std::string(kContext) + ": the readout diverged at update " +
                            std::to_string(updates_) +
                            " (a weight left [-1e6, 1e6]); the weights are those before it. "
                            "Lower the learning rate.");
    }
    network_.set_readout(w_);
  }
}

double ReadoutLearner::test(const std::vector<double>& targets) {
  double sum = 0.0;
  outputs_.clear();
  for (const double f : targets) {
    // The bound of the readout weights: a larger target (1e308) overflowed the test's RMS.
    if (!(std::fabs(f) <= 1e6)) {
      throw InvalidArgument(std::string(kContext) + ": a target is " + format_number(f) +
                            "; targets must be finite, from -1e6 to 1e6");
    }
  }
  for (const double f : targets) {
    network_.run(1);
    outputs_.push_back(network_.readout());
    const double error = network_.readout() - f;
    sum += error * error;
  }
  return targets.empty() ? 0.0 : std::sqrt(sum / static_cast<double>(targets.size()));
}

Measures ReadoutLearner::measures() const {
  return {
      {"updates", static_cast<double>(updates_)},
      {"last_error", errors_.empty() ? std::nan("") : errors_.back()},
      {"readout_norm", std::sqrt(kernels::dot(w_.data(), w_.data(), static_cast<int>(w_.size())))},
  };
}

double four_sine_target(double seconds) {
  const double t = 1000.0 * seconds;
  return (1.3 * det::sin(kPi * t / 60) + 0.65 * det::sin(2 * kPi * t / 60) +
          0.2167 * det::sin(3 * kPi * t / 60) + 0.4333 * det::sin(4 * kPi * t / 60)) /
         1.5;
}

}  // namespace attractor
