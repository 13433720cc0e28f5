#include "attractor/lyapunov.hpp"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "attractor/detmath.hpp"
#include "attractor/kernels.hpp"
#include "attractor/linear_algebra.hpp"
#include "attractor/rng.hpp"

namespace attractor {
namespace {

const char* const kContext = "lyapunov spectrum";

}  // namespace

const std::vector<ParamSpec>& LyapunovSpectrum::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"k", 0, 4096, 0, true, "exponents",
       "How many exponents, from the largest: 1 to the model's dimension, or 0 for all. Cost "
       "per step grows as dimension^2 * k."},
      {"transient_steps", 0, 1e8, 1000, true, "steps",
       "Steps run first and not averaged, so the trajectory reaches its attractor and the basis "
       "aligns with the Lyapunov vectors."},
      {"steps", 1, 1e8, 10000, true, "steps", "Steps averaged after the transient."},
      {"records", 1, 10000, 100, true, "",
       "How many running estimates to keep, evenly spaced over the averaged steps."},
      analysis_seed_spec(),
      initial_scale_spec(),
  };
  return specs;
}

LyapunovSpectrum::LyapunovSpectrum(const StepMap& map, const ParamValues& config,
                                   const Eigen::VectorXd& initial_state)
    : TangentAnalysis(map, param_specs(), config, initial_state, kContext) {
  const auto records = static_cast<std::int64_t>(config_.at("records"));
  record_every_ = std::max<std::int64_t>(1, steps_ / records);
  image_.resize(n_, k_);
  // A random starting basis, so that no special structure of the coordinates (a block-diagonal
  // model, an invariant coordinate plane) hides a direction from the measurement.
  Rng rng(static_cast<std::uint64_t>(config_.at("seed")), streams::kAnalysisBasis);
  basis_.resize(n_, k_);
  for (int j = 0; j < k_; ++j) {
    for (int i = 0; i < n_; ++i) basis_(i, j) = rng.normal();
  }
  orthonormalize(basis_, norms_);
  log_sums_ = Eigen::VectorXd::Zero(k_);
  exponents_ = Eigen::VectorXd::Constant(k_, std::numeric_limits<double>::quiet_NaN());
  const auto kept = static_cast<std::size_t>(steps_ / record_every_ + 1);
  history_times_.reserve(kept);
  history_.reserve(kept * static_cast<std::size_t>(k_));
}

void LyapunovSpectrum::advance(double budget) {
  check_param(budget_spec(), budget, std::string(kContext) + " advance");
  const std::int64_t total = transient_steps_ + steps_;
  const std::int64_t end = std::min(total, steps_done_ + static_cast<std::int64_t>(budget));
  while (steps_done_ < end) {
    map_.step_jacobian(state_, jacobian_);
    map_.step(state_, next_);
    state_.swap(next_);
    for (int j = 0; j < k_; ++j) {
      kernels::matvec(jacobian_.data(), n_, n_, basis_.col(j).data(), image_.col(j).data());
    }
    basis_.swap(image_);
    orthonormalize(basis_, norms_);
    bool finite = true;
    for (int i = 0; i < n_; ++i) finite = finite && std::isfinite(state_[i]);
    for (int j = 0; j < k_; ++j) finite = finite && std::isfinite(norms_[j]);
    if (!finite) {
      throw std::runtime_error(std::string(kContext) +
                               ": the trajectory left the finite range at step " +
                               std::to_string(steps_done_ + 1) +
                               "; start closer to the attractor or choose a smaller initial_scale");
    }
    ++steps_done_;
    if (steps_done_ <= transient_steps_) continue;
    for (int j = 0; j < k_; ++j) log_sums_[j] += det::log(norms_[j]);
    const std::int64_t measured = steps_done_ - transient_steps_;
    if (measured % record_every_ == 0 || measured == steps_) {
      update_exponents();
      history_times_.push_back(static_cast<double>(measured) * time_step_);
      for (int j = 0; j < k_; ++j) history_.push_back(exponents_[j]);
    }
  }
  update_exponents();
}

void LyapunovSpectrum::update_exponents() {
  const std::int64_t measured = measured_steps();
  if (measured == 0) return;
  const double time = static_cast<double>(measured) * time_step_;
  for (int j = 0; j < k_; ++j) exponents_[j] = log_sums_[j] / time;
}

Eigen::VectorXd LyapunovSpectrum::exponents_per_step() const {
  return exponents_ * time_step_;
}

std::int64_t LyapunovSpectrum::measured_steps() const {
  return std::max<std::int64_t>(0, steps_done_ - transient_steps_);
}

}  // namespace attractor
