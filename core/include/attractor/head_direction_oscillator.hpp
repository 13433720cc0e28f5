// A head-direction integrator without a ring attractor: two Stuart-Landau oscillators whose phase
// difference integrates angular velocity (science.md, "Head direction without a ring attractor";
// our reconstruction):
//
//   dz_1/dt = (mu + i (omega + delta_omega + v(t))) z_1 - |z_1|^2 z_1,
//   dz_2/dt = (mu + i omega) z_2 - |z_2|^2 z_2,
//
// so phi_1 - phi_2 = heading + delta_omega t. With delta_omega = 0 (the default) the phase
// difference is a 1:1-resonant continuum; with delta_omega != 0 and a coupling (the weight
// perturbation) it locks inside the Arnold tongue |delta_omega| <~ coupling, or else drifts.
// Readout (nonlinear): cos = (x1 x2 + y1 y2) / (r1 r2), sin = (y1 x2 - x1 y2) / (r1 r2). As a
// network, h = (x1, y1, x2, y2) and dh/dt = W h - cubic(h) + v J_1 h with W = blockdiag(A(omega +
// delta_omega), A(omega)), A(w) = [[mu, -w], [w, mu]] and J_1 the quarter-turn generator on the
// first pair. perturb(epsilon, seed) adds N(0, epsilon^2/4) to all 16 entries of W (std epsilon /
// sqrt(N), N = 4), which also couples the oscillators. Euler steps of size dt.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/measures.hpp"
#include "attractor/params.hpp"
#include "attractor/rng.hpp"

namespace attractor {

class HeadDirectionOscillator : public StepMap {
 public:
  static const std::vector<ParamSpec>& param_specs();
  static const ParamSpec& epsilon_spec();
  static const ParamSpec& seed_spec();
  static const ParamSpec& steps_spec();
  static const ParamSpec& velocity_spec();

  explicit HeadDirectionOscillator(const ParamValues& params = {});

  const ParamValues& params() const { return params_; }
  // Both oscillators on their cycle, phase difference `heading0`; time 0. Keeps the perturbation.
  void reset();
  void perturb(double epsilon, std::uint64_t seed);
  // `steps` Euler steps with constant angular velocity `velocity` (rad/s).
  void run(int steps, double velocity);
  // One Euler step per entry of `velocities` (rad/s). Every entry is checked before any step.
  void run_input(const std::vector<double>& velocities);

  double epsilon() const { return epsilon_; }
  const Eigen::MatrixXd& weights() const { return w_; }
  const Eigen::VectorXd& state() const { return state_; }
  // True and decoded heading after each step of the last run (2 values per step), in (-pi, pi].
  const std::vector<double>& trace() const { return trace_; }
  double true_heading() const;
  double decoded_heading() const;
  // decoded - true, wrapped to (-pi, pi].
  double heading_error() const;
  // time_s, true_heading, decoded_heading, heading_error, rms_heading_error (last run),
  // heading_drift_rad_per_s (unwrapped error change over the last run / its duration),
  // mean_drift_rad_per_s (unwrapped error change since reset / time since reset: the rotation
  // rate of the phase difference against the true heading), phase_slips (that change in whole
  // turns, truncated toward 0: 0 while locked), recent_drift_rad_per_s (the same over the last
  // kRecentDriftSeconds of model time, from the means of its two halves; NaN until that much has
  // run: about 0 once locked),
  // radius_1, radius_2, epsilon.
  Measures measures() const;

  // The window of recent_drift_rad_per_s: kRecentDriftSamples samples of the unwrapped error,
  // kRecentDriftSeconds / kRecentDriftSamples apart (the newest at the current step).
  static constexpr double kRecentDriftSeconds = 10;
  static constexpr int kRecentDriftSamples = 100;

  // StepMap: the Euler step with v = 0.
  int dimension() const override { return 4; }
  double time_step() const override { return dt_; }
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override;
  void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const override;

 private:
  Rng noise_rng_{0, streams::kNoise};
  void advance(double velocity);
  void step_with(const double* x, double velocity, double* next) const;
  void begin_run(std::size_t steps);
  void end_run(std::size_t steps);
  double recent_drift() const;

  ParamValues params_;
  double dt_ = 0, mu_ = 0, omega_ = 0;
  Eigen::MatrixXd tuned_, w_;
  double epsilon_ = 0;
  Eigen::VectorXd state_, next_;
  std::vector<double> trace_;
  std::int64_t steps_ = 0;
  double true_heading_ = 0;  // unwrapped integral of v dt
  double error_unwrapped_ = 0, reset_error_ = 0, run_start_error_ = 0, squared_error_sum_ = 0;
  double run_duration_ = 0;
  bool measured_ = false;
  // The unwrapped error every recent_sample_steps_ steps, the last kRecentDriftSamples of them
  // in a ring starting at recent_start_ (the oldest).
  std::int64_t recent_sample_steps_ = 1;
  std::vector<double> recent_errors_;
  std::size_t recent_start_ = 0;
};

}  // namespace attractor
