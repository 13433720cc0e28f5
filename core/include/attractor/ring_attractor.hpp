// A ring (bump) attractor that integrates angular velocity (Ben-Yishai et al. 1995; Zhang 1996).
//
//   tau dx_i/dt = -x_i + sum_j W_ij phi(x_j) + drive
//                 + tau v(t) (j1 / N) sum_j sin(theta_i - theta_j) phi(x_j) + noise,
//   W_ij = (j0 + j1 cos(theta_i - theta_j)) / N,   phi(x) = (1 + tanh x) / 2,
//   theta_i = 2 pi i / N.
//
// j0 < 0 is global inhibition, j1 > 0 local excitation; together they hold a bump of activity
// x_i = a + A cos(theta_i - psi) at any angle psi. W has rank 3 (the constant, cos and sin
// modes), so every other direction of x decays at rate 1 / tau, and on the three slow modes the
// bump's position psi is neutral: a ring of fixed points. The velocity term is the derivative of
// W with respect to theta_i times tau v (Zhang's asymmetric weights); it is tangent to the ring
// and moves the bump at exactly d psi / dt = v, for any v, so the gain needs no fitting.
//
// N discrete neurons make the ring only N-fold symmetric: the bump feels a periodic pinning
// potential of period 360 / N degrees. Because phi is analytic its strength falls off
// exponentially with N (it is the aliased Fourier content of phi(a + A cos theta) at harmonics
// N +- 1); the model measures it rather than hiding it (docs/models/ring-attractor.md).
//
// perturb(epsilon, seed) adds N(0, epsilon^2 / N) to every recurrent weight (the velocity
// pathway is left alone), which breaks the ring into a few fixed points joined by slow drift.
// Angles are in degrees and angular velocity in degrees per second at the interface; time in
// seconds; Euler steps of size dt.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/measures.hpp"
#include "attractor/neuron_network.hpp"
#include "attractor/params.hpp"
#include "attractor/rng.hpp"

namespace attractor {

class RingAttractor : public NeuronNetwork {
 public:
  static const std::vector<ParamSpec>& param_specs();
  // Arguments of perturb(), cue(), set_velocity() and run().
  static const ParamSpec& epsilon_spec();
  static const ParamSpec& angle_spec();
  static const ParamSpec& velocity_spec();

  // Throws InvalidArgument for unknown names, out-of-range or non-finite values, dt > tau / 10,
  // and for j0, j1, drive that hold no stable bump.
  explicit RingAttractor(const ParamValues& params = {});

  // Time zero, the tuned bump at 0 degrees, velocity zero, noise stream restarted. Keeps the
  // current perturbation.
  void reset();
  // W = W0 + epsilon * Xi / sqrt(N), Xi_ij ~ N(0, 1) drawn from `seed`. Replaces any earlier
  // perturbation, so epsilon = 0 restores the tuned ring.
  void perturb(double epsilon, std::uint64_t seed);
  // Places the tuned bump at `angle_deg` (as a strong landmark cue would) and makes that the
  // start of the heading the network should track.
  void cue(double angle_deg);
  // Angular velocity input in degrees per second, held until changed. |v| dt must be at most
  // kMaxDegreesPerStep.
  void set_velocity(double degrees_per_second);
  // Advances `steps` Euler steps; trace() then holds the unwrapped bump angle (degrees) after
  // each of them.
  void run(int steps);
  // One step per entry of `degrees_per_second` with that velocity; every entry is checked
  // before any step is taken. The velocity afterwards is the last entry.
  void run_velocities(const std::vector<double>& degrees_per_second);

  double velocity() const { return velocity_deg_; }
  // phi(state), the firing rates.
  const Eigen::VectorXd& rates() const { return rates_; }
  const Eigen::MatrixXd& weights() const { return weights_; }

  // The tuned bump's profile x_i = a + A cos(theta_i - psi).
  double tuned_offset() const { return bump_offset_; }
  double tuned_amplitude() const { return bump_amplitude_; }
  // Slowest decay rate (1/s) of the bump's shape (the two non-rotational slow modes).
  double shape_decay_rate() const { return shape_decay_rate_; }

  // Bump position from the first Fourier mode of x, in degrees in [0, 360); NaN without a bump.
  double bump_angle() const;
  // Unwrapped bump angle (degrees) followed step by step since the last cue or reset.
  double unwrapped_angle() const { return unwrapped_angle_rad_ * kDegreesPerRadian; }
  // First Fourier amplitude of x: A for a cosine profile, 0 for a uniform state.
  double bump_amplitude() const;
  // Full width at half maximum of the rate profile (degrees, linear interpolation between
  // neurons); NaN without a bump.
  double bump_width() const;
  // Integral of the velocity input since the last cue or reset (degrees).
  double integrated_velocity() const { return integrated_velocity_deg_; }
  // Unwrapped angle - (cue angle + integrated velocity): how far the bump is from the heading
  // it should represent (degrees).
  double tracking_error() const;
  // (change of angle - integrated velocity) / elapsed time over the window that starts once the
  // bump has settled after the last cue, reset or perturbation (degrees per second); NaN until
  // kMinimumMeasureTime has been observed.
  double drift_rate() const;
  // time_s, bump_angle_deg, bump_width_deg, bump_amplitude, velocity_deg_per_s,
  // integrated_velocity_deg, tracking_error_deg, drift_deg_per_s, drift_reference_time_s,
  // epsilon.
  Measures measures() const;

  static constexpr double kMinimumMeasureTime = 0.1;
  static constexpr double kMaxDegreesPerStep = 2.0;
  // A bump counts as present while its amplitude is at least this fraction of the tuned one.
  static constexpr double kBumpPresence = 0.1;
  static constexpr double kDegreesPerRadian = 57.295779513082320876798;

  // StepMap: x + (dt / tau)(W phi(x) + drive - x), velocity and noise off.
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override;
  // I + (dt / tau)(W diag(phi'(x)) - I).
  void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const override;

  // The same step on raw arrays of length N, with caller-provided scratch for phi(x) (used by
  // analyses that move many states at once without allocating).
  void relax_step(const double* x, double* next, double* rates_scratch) const;
  // Bump angle (radians, [-pi, pi]) and first Fourier amplitude of any state of length N.
  double angle_of(const double* x) const;
  double amplitude_of(const double* x) const;
  // Writes the tuned bump at `angle_deg` into x (length N).
  void place_bump(double angle_deg, double* x) const;

 private:
  void build_weights();
  void solve_bump_profile();
  void update_rates();
  void advance(double velocity_rad);
  void restart_tracking();
  void restart_measurement();
  void check_velocity(double degrees_per_second, const std::string& context) const;

  double j0_ = 0.0;
  double j1_ = 0.0;
  double drive_ = 0.0;
  double noise_ = 0.0;
  std::uint64_t noise_seed_ = 0;
  double settle_time_ = 0.0;

  std::vector<double> cos_;  // cos(theta_i), sin(theta_i)
  std::vector<double> sin_;
  double bump_offset_ = 0.0;
  double bump_amplitude_ = 0.0;
  double shape_decay_rate_ = 0.0;

  Eigen::VectorXd rates_;
  Eigen::VectorXd scratch_;
  Rng noise_rng_;

  double velocity_deg_ = 0.0;
  double integrated_velocity_deg_ = 0.0;
  double heading_reference_deg_ = 0.0;
  double unwrapped_angle_rad_ = 0.0;
  double last_angle_rad_ = 0.0;

  double anchor_due_time_ = 0.0;
  bool anchor_set_ = false;
  double anchor_time_ = 0.0;
  double anchor_angle_deg_ = 0.0;
  double anchor_integrated_deg_ = 0.0;
};

}  // namespace attractor
