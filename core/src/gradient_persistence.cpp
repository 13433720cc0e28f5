#include "attractor/gradient_persistence.hpp"

#include <Eigen/SVD>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "attractor/detmath.hpp"
#include "attractor/linear_algebra.hpp"

namespace attractor {
namespace {

const char* const kContext = "gradient persistence";
constexpr double kLog2 = 0.69314718055994530942;

}  // namespace

const std::vector<ParamSpec>& GradientPersistence::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"k", 0, 4096, 0, true, "singular values",
       "How many of the largest singular values to report: 1 to the dimension, or 0 for all."},
      {"transient_steps", 0, 1e8, 0, true, "steps",
       "Steps run first, so that h_0 is on the attractor."},
      {"steps", 1, 1e6, 1000, true, "steps",
       "The longest horizon T. Each step costs about dimension^3 operations."},
      {"records", 1, 10000, 50, true, "",
       "How many horizons T to report, evenly spaced up to `steps`."},
      analysis_seed_spec(),
      initial_scale_spec(),
  };
  return specs;
}

GradientPersistence::GradientPersistence(const StepMap& map, const ParamValues& config,
                                         const Eigen::VectorXd& initial_state)
    : TangentAnalysis(map, param_specs(), config, initial_state, kContext) {
  records_ = std::min<std::int64_t>(steps_, static_cast<std::int64_t>(config_.at("records")));
  product_ = Eigen::MatrixXd::Identity(n_, n_);
  scratch_.resize(n_, n_);
  record_steps_.reserve(records_);
  record_times_.reserve(records_);
  log_singular_values_.reserve(static_cast<std::size_t>(records_ * k_));
}

void GradientPersistence::advance(double budget) {
  check_param(budget_spec(), budget, std::string(kContext) + " advance");
  const std::int64_t end =
      std::min(transient_steps_ + steps_, steps_done_ + static_cast<std::int64_t>(budget));
  while (steps_done_ < end) {
    const bool measuring = steps_done_ >= transient_steps_;
    if (measuring) {
      map_.step_jacobian(state_, jacobian_);
      scratch_.noalias() = jacobian_ * product_;
      product_.swap(scratch_);
      const double largest = product_.cwiseAbs().maxCoeff();
      if (!std::isfinite(largest)) {
        throw std::runtime_error(std::string(kContext) +
                                 ": the Jacobian product stopped being finite at step " +
                                 std::to_string(steps_done_ + 1 - transient_steps_));
      }
      int exponent = 0;
      std::frexp(largest, &exponent);
      if (largest > 0 && (exponent > 500 || exponent < -500)) {
        product_ = std::ldexp(1.0, -exponent) * product_;  // exact: a power of two
        log_scale_ += exponent * kLog2;
      }
    }
    map_.step(state_, next_);
    state_.swap(next_);
    for (int i = 0; i < n_; ++i) {
      if (!std::isfinite(state_[i])) {
        throw std::runtime_error(std::string(kContext) +
                                 ": the trajectory left the finite range at step " +
                                 std::to_string(steps_done_ + 1));
      }
    }
    ++steps_done_;
    if (!measuring) continue;
    const std::int64_t horizon = steps_done_ - transient_steps_;
    // Record r (1-based) is due at T = round_down(r * steps / records).
    if (horizon == steps_ * (records_made_ + 1) / records_) record();
  }
}

void GradientPersistence::record() {
  const Eigen::BDCSVD<Eigen::MatrixXd> svd(product_);
  const Eigen::VectorXd& values = svd.singularValues();
  const std::int64_t horizon = steps_done_ - transient_steps_;
  record_steps_.push_back(static_cast<double>(horizon));
  record_times_.push_back(static_cast<double>(horizon) * time_step_);
  for (int i = 0; i < k_; ++i) log_singular_values_.push_back(det::log(values[i]) + log_scale_);
  ++records_made_;
}

}  // namespace attractor
