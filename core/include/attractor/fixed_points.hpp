// Fixed and slow points (Sussillo & Barak 2013): local minima of q(x) = 1/2 |F(x)|^2 with
// F(x) = (step(x) - x) / time_step(), so F is the vector field for Euler-discretized flows and
// the per-step displacement for maps. q = 0 at a fixed point; a small positive minimum is a slow
// point, where the dynamics almost stop.
//
// Starts are states sampled along a trajectory of the model (optionally jittered), or given.
// From each start a Levenberg-Marquardt iteration minimizes q with the analytic Jacobian
// J_F = (J_step - I) / time_step(); the damping keeps it well defined where J_F is singular, as
// on a continuous attractor, where it converges to a nearby point of the continuum. Results are
// deduplicated (points closer than `merge_distance` are one point) and classified by the
// eigenvalues of the step's Jacobian (see linear_algebra.hpp).
//
// Resumable like the other analyses: advance(budget) does at most `budget` units of work (one
// trajectory step or one solver iteration each); points() is valid at any time. The StepMap is
// held by reference and must outlive the finder.
#pragma once

#include <Eigen/Cholesky>
#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/linear_algebra.hpp"
#include "attractor/params.hpp"
#include "attractor/rng.hpp"

namespace attractor {

struct FixedPoint {
  Eigen::VectorXd x;
  double q = 0.0;
  bool fixed = false;  // q <= fixed_tolerance; otherwise a slow point
  LocalSpectrum spectrum;
  StabilityCounts counts;
  Stability stability = Stability::kStable;
  int hits = 1;  // how many starts ended here
};

class FixedPointFinder {
 public:
  // starts, trajectory_steps, start_noise, max_iterations, fixed_tolerance, slow_tolerance,
  // merge_distance, neutral_tolerance, seed, initial_scale.
  static const std::vector<ParamSpec>& param_specs();

  // Starts sampled from a trajectory from `initial_state` (random from seed if empty).
  FixedPointFinder(const StepMap& map, const ParamValues& config,
                   const Eigen::VectorXd& initial_state = Eigen::VectorXd());
  // Explicit starts, one per column; `starts` and `trajectory_steps` are then not used.
  FixedPointFinder(const StepMap& map, const ParamValues& config, const Eigen::MatrixXd& starts);

  void advance(double budget);
  bool done() const { return finished_starts_ >= start_count_; }
  double progress() const;

  // Deduplicated points, in the order found.
  const std::vector<FixedPoint>& points() const { return points_; }
  int finished_starts() const { return finished_starts_; }
  int start_count() const { return start_count_; }
  // Starts whose minimum had q above slow_tolerance (not a slow point).
  int rejected() const { return rejected_; }
  // q and F at a state, for checks.
  double q_at(const Eigen::VectorXd& x) const;

 private:
  void init(const ParamValues& config);
  void sample_trajectory_step();
  void begin_start();
  void iterate();
  void finish_start();
  double evaluate_q(const Eigen::VectorXd& x, Eigen::VectorXd& f) const;

  const StepMap& map_;
  ParamValues config_;
  int n_ = 0;
  double h_ = 1.0;
  int start_count_ = 0;
  int max_iterations_ = 0;
  double start_noise_ = 0.0;
  double fixed_tolerance_ = 0.0, slow_tolerance_ = 0.0, merge_distance_ = 0.0;
  double neutral_tolerance_ = 0.0;

  // Sampling phase.
  std::int64_t trajectory_steps_ = 0, trajectory_done_ = 0;
  Eigen::VectorXd trajectory_state_;
  Eigen::MatrixXd starts_;
  int sampled_ = 0;
  Rng noise_rng_{0};

  // Minimization phase.
  int finished_starts_ = 0;
  bool running_ = false;
  int iterations_ = 0;
  double lambda_ = 0.0;
  double q_ = 0.0;
  Eigen::VectorXd x_, f_, trial_, f_trial_, gradient_, delta_, scratch_;
  Eigen::MatrixXd jacobian_, normal_, damped_;
  Eigen::LLT<Eigen::MatrixXd> llt_;
  bool need_jacobian_ = true;

  std::vector<FixedPoint> points_;
  int rejected_ = 0;
};

}  // namespace attractor
