#include "attractor/line_attractor.hpp"

#include <Eigen/LU>
#include <cmath>
#include <limits>

#include "attractor/detmath.hpp"
#include "attractor/kernels.hpp"
#include "attractor/rng.hpp"

namespace attractor {
namespace {

const char* const kContext = "line attractor";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Frobenius norm summed in column order (deterministic, unlike Eigen's blocked norm()).
double frobenius_norm(const Eigen::MatrixXd& a) {
  return std::sqrt(kernels::dot(a.data(), a.data(), static_cast<int>(a.size())));
}

}  // namespace

const std::vector<ParamSpec>& LineAttractor::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"n", 2, 1024, 64, true, "neurons", "Number of neurons in the network."},
      {"tau", 0.001, 10, 0.1, false, "s", "Time constant of each neuron."},
      {"dt", 1e-5, 0.1, 0.001, false, "s", "Euler time step; at most tau / 10."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the random memory direction and weights."},
      {"heterogeneity", 0, 0.95, 0.5, false, "",
       "Size (Frobenius norm) of the weights off the memory direction; every other eigenvalue "
       "of W is at most this in magnitude, so those directions decay."},
      {"tuned_eigenvalue", 0, 1.5, 1, false, "",
       "Eigenvalue of W along the memory direction before any perturbation; 1 makes a perfect "
       "integrator, below 1 a leaky one, above 1 an unstable one."},
      {"pulse_duration", 0.001, 1, 0.05, false, "s",
       "Duration of the input pulse that stores a value; at least dt."},
  };
  return specs;
}

const ParamSpec& LineAttractor::epsilon_spec() {
  static const ParamSpec spec = epsilon_spec_with(
      "Size of the weight perturbation: noise of standard deviation "
      "epsilon / sqrt(N) is added to every weight.");
  return spec;
}

const ParamSpec& LineAttractor::value_spec() {
  static const ParamSpec spec{"value", -10, 10, 1, false, "", "Value to store in the memory."};
  return spec;
}

LineAttractor::LineAttractor(const ParamValues& params)
    : NeuronNetwork(param_specs(), params, kContext, 10) {
  tuned_eigenvalue_ = params_.at("tuned_eigenvalue");
  heterogeneity_ = params_.at("heterogeneity");
  const double pulse_duration = params_.at("pulse_duration");
  if (pulse_duration < dt_) {
    throw InvalidArgument(
        std::string(kContext) + ": pulse_duration = " + format_number(pulse_duration) +
        " s is shorter than dt = " + format_number(dt_) + " s; pulse_duration must be at least dt");
  }
  pulse_steps_ = static_cast<int>(std::lround(pulse_duration / dt_));
  // Off-memory directions decay at least at rate (1 - heterogeneity) / tau: wait five of those
  // time constants before measuring drift.
  settle_time_ = 5 * tau_ / (1 - heterogeneity_);

  build_weights();
  weights_ = tuned_weights_;
  update_memory_eigenvalue();
  scratch_ = Eigen::VectorXd::Zero(n_);
  reset();
}

void LineAttractor::build_weights() {
  Rng rng(static_cast<std::uint64_t>(params_.at("seed")), streams::kWeights);
  memory_direction_.resize(n_);
  for (int i = 0; i < n_; ++i) memory_direction_[i] = rng.normal();
  const double length =
      std::sqrt(kernels::dot(memory_direction_.data(), memory_direction_.data(), n_));
  for (int i = 0; i < n_; ++i) memory_direction_[i] /= length;
  const Eigen::VectorXd& m = memory_direction_;

  // A symmetric random matrix, projected off m: P A P with P = I - m m^T.
  Eigen::MatrixXd a(n_, n_);
  for (int j = 0; j < n_; ++j) {
    for (int i = 0; i < n_; ++i) a(i, j) = rng.normal();
  }
  const Eigen::MatrixXd symmetric = a + a.transpose();
  Eigen::VectorXd am(n_);
  kernels::matvec(symmetric.data(), n_, n_, m.data(), am.data());
  const double mam = kernels::dot(m.data(), am.data(), n_);
  Eigen::MatrixXd off(n_, n_);
  for (int j = 0; j < n_; ++j) {
    for (int i = 0; i < n_; ++i) {
      off(i, j) = ((symmetric(i, j) - m[i] * am[j]) - am[i] * m[j]) + (mam * m[i]) * m[j];
    }
  }
  const double off_norm = frobenius_norm(off);
  const double off_scale = off_norm > 0 ? heterogeneity_ / off_norm : 0.0;

  tuned_weights_.resize(n_, n_);
  for (int j = 0; j < n_; ++j) {
    for (int i = 0; i < n_; ++i) {
      tuned_weights_(i, j) = (tuned_eigenvalue_ * m[i]) * m[j] + off_scale * off(i, j);
    }
  }
}

void LineAttractor::reset() {
  state_.setZero();
  time_ = 0.0;
  step_count_ = 0;
  stored_value_ = 0.0;
  pulse_amplitude_ = 0.0;
  pulse_steps_left_ = 0;
  trace_.clear();
  restart_measurement();
}

void LineAttractor::perturb(double epsilon, std::uint64_t seed) {
  perturb_weights(epsilon_spec(), epsilon, seed);
  update_memory_eigenvalue();
  restart_measurement();
}

void LineAttractor::update_memory_eigenvalue() {
  if (epsilon_ == 0.0) {
    memory_eigenvalue_ = tuned_eigenvalue_;  // m is an eigenvector of the tuned W by construction
    return;
  }
  // Inverse iteration with a shift just beside the tuned eigenvalue converges to the eigenvalue
  // nearest it, which is the perturbed memory eigenvalue.
  Eigen::MatrixXd shifted = weights_;
  shifted.diagonal().array() -= tuned_eigenvalue_ + 1e-3;
  const Eigen::PartialPivLU<Eigen::MatrixXd> lu(shifted);
  Eigen::VectorXd v = memory_direction_;
  for (int iteration = 0; iteration < 200; ++iteration) {
    Eigen::VectorXd next = lu.solve(v);
    next.normalize();
    if (next.dot(v) < 0) next = -next;
    const double change = (next - v).norm();
    v = next;
    if (change < 1e-14) break;
  }
  const Eigen::VectorXd wv = weights_ * v;
  const double lambda = v.dot(wv);
  const double residual = (wv - lambda * v).norm();
  // A complex pair makes real inverse iteration rotate instead of converge.
  memory_eigenvalue_ = residual <= 1e-9 * (1 + std::fabs(lambda)) ? lambda : kNaN;
}

void LineAttractor::store(double value) {
  check_param(value_spec(), value, std::string(kContext) + " store");
  stored_value_ = value;
  // Each Euler step moves r by (dt / tau) u while the pulse lasts (m^T W = lambda0 m^T, |m| = 1).
  pulse_amplitude_ = (value - readout()) * tau_ / (pulse_steps_ * dt_);
  pulse_steps_left_ = pulse_steps_;
  restart_measurement();
}

void LineAttractor::run(int steps) {
  start_run(steps);
  const double rate = dt_ / tau_;
  const double* m = memory_direction_.data();
  double* x = state_.data();
  double* wx = scratch_.data();
  for (int s = 0; s < steps; ++s) {
    double input = 0.0;
    if (pulse_steps_left_ > 0) {
      input = pulse_amplitude_;
      --pulse_steps_left_;
    }
    kernels::matvec(weights_.data(), n_, n_, x, wx);
    for (int i = 0; i < n_; ++i) x[i] += rate * ((wx[i] - x[i]) + m[i] * input);
    ++step_count_;
    time_ = static_cast<double>(step_count_) * dt_;
    const double r = kernels::dot(m, x, n_);
    trace_[static_cast<std::size_t>(s)] = r;
    if (!anchor_set_ && time_ >= anchor_due_time_) {
      anchor_set_ = true;
      anchor_time_ = time_;
      anchor_readout_ = r;
    }
  }
}

void LineAttractor::step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const {
  const double rate = dt_ / tau_;
  next.resize(n_);
  kernels::matvec(weights_.data(), n_, n_, x.data(), next.data());
  for (int i = 0; i < n_; ++i) next[i] = x[i] + rate * (next[i] - x[i]);
}

void LineAttractor::step_jacobian(const Eigen::VectorXd& /*x*/, Eigen::MatrixXd& jacobian) const {
  const double rate = dt_ / tau_;
  jacobian = rate * weights_;
  jacobian.diagonal().array() += 1 - rate;
}

double LineAttractor::readout() const {
  return kernels::dot(memory_direction_.data(), state_.data(), n_);
}

double LineAttractor::predicted_drift_rate() const {
  return (memory_eigenvalue_ - 1) / tau_;
}

double LineAttractor::measured_drift_rate() const {
  if (!anchor_set_ || time_ - anchor_time_ < kMinimumMeasureTime) return kNaN;
  const double ratio = readout() / anchor_readout_;
  if (!(ratio > 0) || !std::isfinite(ratio)) return kNaN;  // zero, sign change or overflow
  return det::log(ratio) / (time_ - anchor_time_);
}

void LineAttractor::restart_measurement() {
  anchor_set_ = false;
  anchor_due_time_ = time_ + pulse_steps_left_ * dt_ + settle_time_;
}

Measures LineAttractor::measures() const {
  return {
      {"time_s", time_},
      {"remembered_value", readout()},
      {"stored_value", stored_value_},
      {"epsilon", epsilon_},
      {"memory_eigenvalue", memory_eigenvalue_},
      {"predicted_drift_rate_per_s", predicted_drift_rate()},
      {"measured_drift_rate_per_s", measured_drift_rate()},
      {"drift_reference_time_s", anchor_set_ ? anchor_time_ : kNaN},
      {"drift_reference_value", anchor_set_ ? anchor_readout_ : kNaN},
  };
}

}  // namespace attractor
