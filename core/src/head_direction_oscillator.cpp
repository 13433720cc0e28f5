#include "attractor/head_direction_oscillator.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "attractor/detmath.hpp"
#include "attractor/kernels.hpp"
#include "attractor/perturbation.hpp"
#include "attractor/phase.hpp"
#include "attractor/rng.hpp"

namespace attractor {
namespace {

const char* const kContext = "head-direction oscillator";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kRecentWindow = HeadDirectionOscillator::kRecentDriftSamples;

}  // namespace

const std::vector<ParamSpec>& HeadDirectionOscillator::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"mu", 0.05, 5, 1, false, "1/s", "Growth rate of each oscillator; radius sqrt(mu)."},
      {"omega", 0.1, 100, 6.283185307179586, false, "rad/s",
       "Angular frequency of oscillator 2 (and of oscillator 1 when delta_omega is 0)."},
      {"delta_omega", -10, 10, 0, false, "rad/s",
       "Frequency difference: oscillator 1 runs at omega + delta_omega (plus the velocity), so "
       "without perturbation the phase difference drifts at delta_omega."},
      {"dt", 1e-5, 0.01, 0.001, false, "s",
       "Euler step; at most 0.1 / max(mu, omega, |omega + delta_omega|)."},
      {"heading0", -phase::kPi, phase::kPi, 0, false, "rad", "Initial heading."},
      {"noise", 0, 2, 0, false, "",
       "Independent noise on every state variable: each step adds noise * sqrt(dt) * N(0, 1), "
       "the same kind of noise as the ring attractor's."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the state noise."},
  };
  return specs;
}

const ParamSpec& HeadDirectionOscillator::epsilon_spec() {
  static const ParamSpec spec = epsilon_spec_with(
      "Size of the weight perturbation: noise of standard deviation "
      "epsilon / 2 is added to each of the 16 entries of W.");
  return spec;
}

const ParamSpec& HeadDirectionOscillator::seed_spec() {
  return perturbation_seed_spec();
}

const ParamSpec& HeadDirectionOscillator::steps_spec() {
  return run_steps_spec();
}

const ParamSpec& HeadDirectionOscillator::velocity_spec() {
  static const ParamSpec spec{"velocity", -50, 50, 0, false, "rad/s", "Angular velocity input."};
  return spec;
}

HeadDirectionOscillator::HeadDirectionOscillator(const ParamValues& params)
    : params_(resolve_params(param_specs(), params, kContext)) {
  dt_ = params_.at("dt");
  mu_ = params_.at("mu");
  omega_ = params_.at("omega");
  const double delta_omega = params_.at("delta_omega");
  // Oscillator 1 (index 0) is the detuned one, so the phase difference phi_1 - phi_2 drifts at
  // +delta_omega, the sign of the Adler equation's detuning.
  const double frequencies[2] = {omega_ + delta_omega, omega_};
  const double limit = 0.1 / std::fmax(mu_, std::fmax(omega_, std::fabs(frequencies[0])));
  if (dt_ > limit) {
    throw InvalidArgument(std::string(kContext) + ": dt = " + format_number(dt_) +
                          " s is too large for mu = " + format_number(mu_) +
                          ", omega = " + format_number(omega_) +
                          " and delta_omega = " + format_number(delta_omega) +
                          "; dt must be at most 0.1 / max(mu, omega, |omega + delta_omega|) = " +
                          format_number(limit) + " s");
  }
  tuned_ = Eigen::MatrixXd::Zero(4, 4);
  for (int k = 0; k < 2; ++k) {
    tuned_(2 * k, 2 * k) = mu_;
    tuned_(2 * k, 2 * k + 1) = -frequencies[k];
    tuned_(2 * k + 1, 2 * k) = frequencies[k];
    tuned_(2 * k + 1, 2 * k + 1) = mu_;
  }
  w_ = tuned_;
  recent_sample_steps_ =
      std::max<std::int64_t>(1, std::llround(kRecentDriftSeconds / kRecentDriftSamples / dt_));
  state_ = Eigen::VectorXd::Zero(4);
  next_ = Eigen::VectorXd::Zero(4);
  reset();
}

void HeadDirectionOscillator::reset() {
  const double r = std::sqrt(mu_), h = params_.at("heading0");
  state_ << r * det::cos(h), r * det::sin(h), r, 0;
  steps_ = 0;
  noise_rng_ = Rng(static_cast<std::uint64_t>(params_.at("seed")), streams::kNoise);
  true_heading_ = h;
  error_unwrapped_ = heading_error();
  reset_error_ = error_unwrapped_;
  recent_errors_.assign(1, error_unwrapped_);
  recent_start_ = 0;
  trace_.clear();
  measured_ = false;
}

void HeadDirectionOscillator::perturb(double epsilon, std::uint64_t seed) {
  check_param(epsilon_spec(), epsilon, std::string(kContext) + " perturb");
  check_param(seed_spec(), static_cast<double>(seed), std::string(kContext) + " perturb");
  epsilon_ = epsilon;
  w_ = tuned_;
  if (epsilon > 0) {
    add_weight_noise(w_.data(), 16, epsilon / 2, seed);
  }
  measured_ = false;
}

void HeadDirectionOscillator::step_with(const double* x, double velocity, double* next) const {
  double wx[4];
  kernels::matvec(w_.data(), 4, 4, x, wx);
  const double r1 = x[0] * x[0] + x[1] * x[1], r2 = x[2] * x[2] + x[3] * x[3];
  next[0] = x[0] + dt_ * ((wx[0] - r1 * x[0]) - velocity * x[1]);
  next[1] = x[1] + dt_ * ((wx[1] - r1 * x[1]) + velocity * x[0]);
  next[2] = x[2] + dt_ * (wx[2] - r2 * x[2]);
  next[3] = x[3] + dt_ * (wx[3] - r2 * x[3]);
}

void HeadDirectionOscillator::step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const {
  next.resize(4);
  step_with(x.data(), 0.0, next.data());
}

void HeadDirectionOscillator::step_jacobian(const Eigen::VectorXd& x,
                                            Eigen::MatrixXd& jacobian) const {
  jacobian = dt_ * w_;
  for (int k = 0; k < 2; ++k) {
    const double a = x[2 * k], b = x[2 * k + 1], r2 = a * a + b * b;
    jacobian(2 * k, 2 * k) -= dt_ * (r2 + 2 * a * a);
    jacobian(2 * k, 2 * k + 1) -= dt_ * 2 * a * b;
    jacobian(2 * k + 1, 2 * k) -= dt_ * 2 * a * b;
    jacobian(2 * k + 1, 2 * k + 1) -= dt_ * (r2 + 2 * b * b);
  }
  jacobian.diagonal().array() += 1.0;
}

void HeadDirectionOscillator::begin_run(std::size_t steps) {
  trace_.resize(2 * steps);
  run_start_error_ = error_unwrapped_;
  squared_error_sum_ = 0;
}

void HeadDirectionOscillator::advance(double velocity) {
  const double before = heading_error();
  step_with(state_.data(), velocity, next_.data());
  state_.swap(next_);
  const double noise = params_.at("noise");
  if (noise > 0) {
    const double scale = noise * std::sqrt(dt_);
    for (int i = 0; i < 4; ++i) state_[i] += scale * noise_rng_.normal();
  }
  true_heading_ += velocity * dt_;
  ++steps_;
  const double after = heading_error();
  error_unwrapped_ += phase::wrap(after - before);
  squared_error_sum_ += after * after;
  if (steps_ % recent_sample_steps_ == 0) {
    if (recent_errors_.size() < kRecentWindow) {
      recent_errors_.push_back(error_unwrapped_);
    } else {
      recent_errors_[recent_start_] = error_unwrapped_;
      recent_start_ = (recent_start_ + 1) % recent_errors_.size();
    }
  }
}

// The mean of the window's newer half minus that of its older half, over their time apart: a
// locked phase difference still ripples at twice the oscillators' frequency (the perturbation's
// non-rotating part), which the half means average out and two end points would not.
double HeadDirectionOscillator::recent_drift() const {
  if (recent_errors_.size() < kRecentWindow) return kNaN;
  const std::size_t half = kRecentWindow / 2;
  double older = 0, newer = 0;
  for (std::size_t k = 0; k < half; ++k) {
    older += recent_errors_[(recent_start_ + k) % kRecentWindow];
    newer += recent_errors_[(recent_start_ + half + k) % kRecentWindow];
  }
  return (newer - older) / static_cast<double>(half) /
         (static_cast<double>(half) * static_cast<double>(recent_sample_steps_) * dt_);
}

void HeadDirectionOscillator::end_run(std::size_t steps) {
  if (steps > 0) {
    measured_ = true;
    run_duration_ = static_cast<double>(steps) * dt_;
    squared_error_sum_ /= static_cast<double>(steps);
  }
}

void HeadDirectionOscillator::run(int steps, double velocity) {
  check_param(steps_spec(), steps, std::string(kContext) + " run");
  check_param(velocity_spec(), velocity, std::string(kContext) + " run");
  begin_run(static_cast<std::size_t>(steps));
  for (int s = 0; s < steps; ++s) {
    advance(velocity);
    trace_[2 * static_cast<std::size_t>(s)] = true_heading();
    trace_[2 * static_cast<std::size_t>(s) + 1] = decoded_heading();
  }
  end_run(static_cast<std::size_t>(steps));
}

void HeadDirectionOscillator::run_input(const std::vector<double>& velocities) {
  check_param(steps_spec(), static_cast<double>(velocities.size()),
              std::string(kContext) + " run_input");
  for (const double v : velocities) {
    check_param(velocity_spec(), v, std::string(kContext) + " run_input");
  }
  begin_run(velocities.size());
  for (std::size_t s = 0; s < velocities.size(); ++s) {
    advance(velocities[s]);
    trace_[2 * s] = true_heading();
    trace_[2 * s + 1] = decoded_heading();
  }
  end_run(velocities.size());
}

double HeadDirectionOscillator::true_heading() const {
  return phase::wrap(true_heading_);
}

double HeadDirectionOscillator::decoded_heading() const {
  const double x1 = state_[0], y1 = state_[1], x2 = state_[2], y2 = state_[3];
  // The 1 / (r1 r2) normalization does not change the angle.
  return phase::angle(y1 * x2 - x1 * y2, x1 * x2 + y1 * y2);
}

double HeadDirectionOscillator::heading_error() const {
  return phase::wrap(decoded_heading() - true_heading_);
}

Measures HeadDirectionOscillator::measures() const {
  const double r1 = std::sqrt(state_[0] * state_[0] + state_[1] * state_[1]);
  const double r2 = std::sqrt(state_[2] * state_[2] + state_[3] * state_[3]);
  const double elapsed = static_cast<double>(steps_) * dt_;
  // Locked, the phase difference settles without passing a full turn; drifting, it slips whole
  // turns at the rotation rate.
  const double net_drift = error_unwrapped_ - reset_error_;
  const double whole_turns = std::trunc(net_drift / phase::kTwoPi);
  return {
      {"time_s", elapsed},
      {"true_heading", true_heading()},
      {"decoded_heading", decoded_heading()},
      {"heading_error", heading_error()},
      {"rms_heading_error", measured_ ? std::sqrt(squared_error_sum_) : kNaN},
      {"heading_drift_rad_per_s",
       measured_ ? (error_unwrapped_ - run_start_error_) / run_duration_ : kNaN},
      {"mean_drift_rad_per_s", steps_ > 0 ? net_drift / elapsed : kNaN},
      {"phase_slips", whole_turns == 0 ? 0.0 : whole_turns},  // +0, not -0, when locked
      {"recent_drift_rad_per_s", recent_drift()},
      {"radius_1", r1},
      {"radius_2", r2},
      {"epsilon", epsilon_},
  };
}

}  // namespace attractor
