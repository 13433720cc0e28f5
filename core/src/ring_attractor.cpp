#include "attractor/ring_attractor.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "attractor/detmath.hpp"
#include "attractor/kernels.hpp"
#include "attractor/ring_math.hpp"

namespace attractor {
namespace {

const char* const kContext = "ring attractor";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

double phi(double x) {
  return 0.5 * (1.0 + det::tanh(x));
}

}  // namespace

const std::vector<ParamSpec>& RingAttractor::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"n", 4, 1024, 128, true, "neurons", "Number of neurons around the ring."},
      {"tau", 0.001, 10, 0.01, false, "s", "Time constant of each neuron."},
      {"dt", 1e-5, 0.1, 0.001, false, "s", "Euler time step; at most tau / 10."},
      {"j0", -50, 0, -10, false, "",
       "Uniform (inhibitory) part of the connectivity; keeps the bump from spreading."},
      {"j1", 0, 50, 12, false, "",
       "Cosine (excitatory) part of the connectivity; large enough, it holds a bump."},
      {"drive", -10, 10, 1, false, "", "Constant input to every neuron."},
      {"noise", 0, 2, 0, false, "",
       "Independent noise on every neuron's activation: each step adds "
       "noise * sqrt(dt / tau) * N(0, 1)."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the activation noise."},
  };
  return specs;
}

const ParamSpec& RingAttractor::epsilon_spec() {
  static const ParamSpec spec = epsilon_spec_with(
      "Size of the weight perturbation: noise of standard deviation "
      "epsilon / sqrt(N) is added to every recurrent weight.");
  return spec;
}

const ParamSpec& RingAttractor::angle_spec() {
  static const ParamSpec spec{"angle", -360, 360, 0, false, "deg", "Where a cue places the bump."};
  return spec;
}

const ParamSpec& RingAttractor::velocity_spec() {
  static const ParamSpec spec{"velocity",
                              -3600,
                              3600,
                              0,
                              false,
                              "deg/s",
                              "Angular velocity input; |velocity| * dt at most 2 degrees."};
  return spec;
}

RingAttractor::RingAttractor(const ParamValues& params)
    : NeuronNetwork(param_specs(), params, kContext, 10), noise_rng_(0, streams::kNoise) {
  j0_ = params_.at("j0");
  j1_ = params_.at("j1");
  drive_ = params_.at("drive");
  noise_ = params_.at("noise");
  noise_seed_ = static_cast<std::uint64_t>(params_.at("seed"));
  cos_.resize(static_cast<std::size_t>(n_));
  sin_.resize(static_cast<std::size_t>(n_));
  for (int i = 0; i < n_; ++i) {
    const double theta = 2 * kPi * i / n_;
    cos_[static_cast<std::size_t>(i)] = det::cos(theta);
    sin_[static_cast<std::size_t>(i)] = det::sin(theta);
  }
  solve_bump_profile();
  // The bump's shape settles at shape_decay_rate_, everything else at 1 / tau: five of the
  // slower time constants before drift is measured.
  settle_time_ = 5.0 / shape_decay_rate_;
  build_weights();
  weights_ = tuned_weights_;
  rates_ = Eigen::VectorXd::Zero(n_);
  scratch_ = Eigen::VectorXd::Zero(n_);
  reset();
}

void RingAttractor::solve_bump_profile() {
  // On the three slow modes a bump a + A cos(theta_i) at psi = 0 obeys
  //   tau da/dt = -a + j0 m0 + drive,  tau dA/dt = -A + j1 m1,
  // m0 = <phi(x)>, m1 = <cos(theta) phi(x)> over the N neurons. Relax from a large bump (so the
  // uniform state, which may also be stable, is not picked), then polish with Newton.
  const double inv_n = 1.0 / n_;
  auto moments = [&](double a, double amp, double m[5]) {
    for (int k = 0; k < 5; ++k) m[k] = 0.0;
    for (int i = 0; i < n_; ++i) {
      const double c = cos_[static_cast<std::size_t>(i)];
      const double t = det::tanh(a + amp * c);
      const double p = 0.5 * (1.0 + t);
      const double dp = 0.5 * (1.0 - t * t);
      m[0] += p;
      m[1] += c * p;
      m[2] += dp;
      m[3] += c * dp;
      m[4] += c * c * dp;
    }
    for (int k = 0; k < 5; ++k) m[k] *= inv_n;
  };
  double a = drive_ + 0.25 * j0_;
  double amp = 0.4 * j1_ + 1.0;
  double m[5];
  bool converged = false;
  for (int iteration = 0; iteration < 20000 && !converged; ++iteration) {
    moments(a, amp, m);
    const double da = -a + j0_ * m[0] + drive_;
    const double d_amp = -amp + j1_ * m[1];
    a += 0.2 * da;
    amp += 0.2 * d_amp;
    converged = std::fabs(da) + std::fabs(d_amp) < 1e-9 * (1.0 + std::fabs(a) + std::fabs(amp));
  }
  double jac[4] = {0, 0, 0, 0};
  for (int iteration = 0; iteration < 4 && converged; ++iteration) {
    moments(a, amp, m);
    const double fa = -a + j0_ * m[0] + drive_;
    const double f_amp = -amp + j1_ * m[1];
    jac[0] = -1 + j0_ * m[2];
    jac[1] = j0_ * m[3];
    jac[2] = j1_ * m[3];
    jac[3] = -1 + j1_ * m[4];
    const double det = jac[0] * jac[3] - jac[1] * jac[2];
    a -= (jac[3] * fa - jac[1] * f_amp) / det;
    amp -= (jac[0] * f_amp - jac[2] * fa) / det;
  }
  // The slowest shape mode: the eigenvalue of the 2 x 2 Jacobian with the largest real part.
  const double trace = jac[0] + jac[3];
  const double det = jac[0] * jac[3] - jac[1] * jac[2];
  const double disc = trace * trace / 4 - det;
  const double slowest = disc >= 0 ? trace / 2 + std::sqrt(disc) : trace / 2;
  if (!converged || !(amp > 1e-3) || !(slowest < -1e-3)) {
    throw InvalidArgument(std::string(kContext) + ": j0 = " + format_number(j0_) +
                          ", j1 = " + format_number(j1_) + " and drive = " + format_number(drive_) +
                          " hold no stable bump; a larger j1 (or a drive that puts the uniform "
                          "state on the steep part of tanh) makes one");
  }
  bump_offset_ = a;
  bump_amplitude_ = amp;
  shape_decay_rate_ = -slowest / tau_;
}

void RingAttractor::build_weights() {
  // W_ij depends on (i - j) mod N only, with the same bits along each diagonal: the discrete
  // ring's symmetry is exact, not approximate.
  tuned_weights_.resize(n_, n_);
  const double inv_n = 1.0 / n_;
  for (int j = 0; j < n_; ++j) {
    for (int i = 0; i < n_; ++i) {
      const int k = ((i - j) % n_ + n_) % n_;
      tuned_weights_(i, j) = (j0_ + j1_ * cos_[static_cast<std::size_t>(k)]) * inv_n;
    }
  }
}

void RingAttractor::reset() {
  time_ = 0.0;
  step_count_ = 0;
  velocity_deg_ = 0.0;
  noise_rng_ = Rng(noise_seed_, streams::kNoise);
  trace_.clear();
  place_bump(0.0, state_.data());
  update_rates();
  restart_tracking();
  restart_measurement();
}

void RingAttractor::perturb(double epsilon, std::uint64_t seed) {
  perturb_weights(epsilon_spec(), epsilon, seed);
  restart_measurement();
}

void RingAttractor::cue(double angle_deg) {
  check_param(angle_spec(), angle_deg, std::string(kContext) + " cue");
  place_bump(angle_deg, state_.data());
  update_rates();
  restart_tracking();
  restart_measurement();
}

void RingAttractor::check_velocity(double degrees_per_second, const std::string& context) const {
  check_param(velocity_spec(), degrees_per_second, context);
  if (std::fabs(degrees_per_second) * dt_ > kMaxDegreesPerStep) {
    throw InvalidArgument(context + ": velocity = " + format_number(degrees_per_second) +
                          " deg/s is too fast for dt = " + format_number(dt_) +
                          " s; |velocity| * dt must be at most 2 degrees, so |velocity| at most " +
                          format_number(kMaxDegreesPerStep / dt_) + " deg/s");
  }
}

void RingAttractor::set_velocity(double degrees_per_second) {
  check_velocity(degrees_per_second, std::string(kContext) + " set_velocity");
  velocity_deg_ = degrees_per_second;
}

void RingAttractor::run(int steps) {
  start_run(steps);
  const double velocity_rad = velocity_deg_ / kDegreesPerRadian;
  for (int s = 0; s < steps; ++s) {
    advance(velocity_rad);
    trace_[static_cast<std::size_t>(s)] = unwrapped_angle();
  }
  update_rates();
}

void RingAttractor::run_velocities(const std::vector<double>& degrees_per_second) {
  const std::string context = std::string(kContext) + " run_velocities";
  check_param(steps_spec(), static_cast<double>(degrees_per_second.size()), context);
  for (const double v : degrees_per_second) check_velocity(v, context);
  trace_.resize(degrees_per_second.size());
  for (std::size_t s = 0; s < degrees_per_second.size(); ++s) {
    velocity_deg_ = degrees_per_second[s];
    advance(velocity_deg_ / kDegreesPerRadian);
    trace_[s] = unwrapped_angle();
  }
  update_rates();
}

// One Euler step of the full model (velocity and noise included), then the angle bookkeeping.
void RingAttractor::advance(double velocity_rad) {
  const double rate = dt_ / tau_;
  double* x = state_.data();
  double* r = rates_.data();
  double* wr = scratch_.data();
  for (int i = 0; i < n_; ++i) r[i] = phi(x[i]);
  kernels::matvec(weights_.data(), n_, n_, r, wr);
  if (velocity_rad != 0.0) {
    // sum_j sin(theta_i - theta_j) r_j = sin(theta_i) C - cos(theta_i) S: O(N), not O(N^2).
    const double c = kernels::dot(cos_.data(), r, n_);
    const double s = kernels::dot(sin_.data(), r, n_);
    const double gain = velocity_rad * tau_ * j1_ / n_;
    for (int i = 0; i < n_; ++i) {
      const auto k = static_cast<std::size_t>(i);
      wr[i] += gain * (sin_[k] * c - cos_[k] * s);
    }
  }
  for (int i = 0; i < n_; ++i) x[i] += rate * ((wr[i] + drive_) - x[i]);
  if (noise_ > 0) {
    const double scale = noise_ * std::sqrt(rate);
    for (int i = 0; i < n_; ++i) x[i] += scale * noise_rng_.normal();
  }
  ++step_count_;
  time_ = static_cast<double>(step_count_) * dt_;
  integrated_velocity_deg_ += velocity_deg_ * dt_;

  const double angle = angle_of(x);
  unwrapped_angle_rad_ += ring_math::wrap_pi(angle - last_angle_rad_);
  last_angle_rad_ = angle;
  if (!anchor_set_ && time_ >= anchor_due_time_) {
    anchor_set_ = true;
    anchor_time_ = time_;
    anchor_angle_deg_ = unwrapped_angle();
    anchor_integrated_deg_ = integrated_velocity_deg_;
  }
}

void RingAttractor::relax_step(const double* x, double* next, double* rates_scratch) const {
  const double rate = dt_ / tau_;
  for (int i = 0; i < n_; ++i) rates_scratch[i] = phi(x[i]);
  kernels::matvec(weights_.data(), n_, n_, rates_scratch, next);
  for (int i = 0; i < n_; ++i) next[i] = x[i] + rate * ((next[i] + drive_) - x[i]);
}

void RingAttractor::step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const {
  Eigen::VectorXd r(n_);
  next.resize(n_);
  relax_step(x.data(), next.data(), r.data());
}

void RingAttractor::step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const {
  const double rate = dt_ / tau_;
  jacobian.resize(n_, n_);
  for (int j = 0; j < n_; ++j) {
    const double t = det::tanh(x[j]);
    const double slope = rate * 0.5 * (1.0 - t * t);
    for (int i = 0; i < n_; ++i) jacobian(i, j) = weights_(i, j) * slope;
  }
  jacobian.diagonal().array() += 1 - rate;
}

double RingAttractor::angle_of(const double* x) const {
  return det::atan2(kernels::dot(sin_.data(), x, n_), kernels::dot(cos_.data(), x, n_));
}

double RingAttractor::amplitude_of(const double* x) const {
  const double c = kernels::dot(cos_.data(), x, n_);
  const double s = kernels::dot(sin_.data(), x, n_);
  return 2.0 * std::sqrt(c * c + s * s) / n_;
}

void RingAttractor::place_bump(double angle_deg, double* x) const {
  const double psi = angle_deg / kDegreesPerRadian;
  for (int i = 0; i < n_; ++i) {
    x[i] = bump_offset_ + bump_amplitude_ * det::cos(2 * kPi * i / n_ - psi);
  }
}

void RingAttractor::update_rates() {
  for (int i = 0; i < n_; ++i) rates_[i] = phi(state_[i]);
}

void RingAttractor::restart_tracking() {
  last_angle_rad_ = angle_of(state_.data());
  unwrapped_angle_rad_ = last_angle_rad_;
  integrated_velocity_deg_ = 0.0;
  heading_reference_deg_ = unwrapped_angle();
}

void RingAttractor::restart_measurement() {
  anchor_set_ = false;
  anchor_due_time_ = time_ + settle_time_;
}

double RingAttractor::bump_amplitude() const {
  return amplitude_of(state_.data());
}

double RingAttractor::bump_angle() const {
  if (!(bump_amplitude() >= kBumpPresence * bump_amplitude_)) return kNaN;
  return ring_math::wrap_360(angle_of(state_.data()) * kDegreesPerRadian);
}

double RingAttractor::bump_width() const {
  if (!(bump_amplitude() >= kBumpPresence * bump_amplitude_)) return kNaN;
  int peak = 0;
  double low = rates_[0];
  for (int i = 1; i < n_; ++i) {
    if (rates_[i] > rates_[peak]) peak = i;
    if (rates_[i] < low) low = rates_[i];
  }
  const double half = 0.5 * (rates_[peak] + low);
  // Distance (in neurons, interpolated) from the peak to the half-maximum crossing on one side.
  auto reach = [&](int direction) {
    for (int k = 1; k < n_; ++k) {
      const int i = ((peak + direction * k) % n_ + n_) % n_;
      const int previous = ((peak + direction * (k - 1)) % n_ + n_) % n_;
      if (rates_[i] < half) {
        return (k - 1) + (rates_[previous] - half) / (rates_[previous] - rates_[i]);
      }
    }
    return kNaN;
  };
  const double width = (reach(1) + reach(-1)) * 360.0 / n_;
  return width <= 360.0 ? width : kNaN;
}

double RingAttractor::tracking_error() const {
  if (std::isnan(bump_angle())) return kNaN;
  return unwrapped_angle() - (heading_reference_deg_ + integrated_velocity_deg_);
}

double RingAttractor::drift_rate() const {
  if (!anchor_set_ || time_ - anchor_time_ < kMinimumMeasureTime) return kNaN;
  if (std::isnan(bump_angle())) return kNaN;
  return ((unwrapped_angle() - anchor_angle_deg_) -
          (integrated_velocity_deg_ - anchor_integrated_deg_)) /
         (time_ - anchor_time_);
}

Measures RingAttractor::measures() const {
  return {
      {"time_s", time_},
      {"bump_angle_deg", bump_angle()},
      {"bump_width_deg", bump_width()},
      {"bump_amplitude", bump_amplitude()},
      {"velocity_deg_per_s", velocity_deg_},
      {"integrated_velocity_deg", integrated_velocity_deg_},
      {"tracking_error_deg", tracking_error()},
      {"drift_deg_per_s", drift_rate()},
      {"drift_reference_time_s", anchor_set_ ? anchor_time_ : kNaN},
      {"epsilon", epsilon_},
  };
}

}  // namespace attractor
