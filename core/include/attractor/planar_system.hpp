// What the two planar models (the tanh map and the Stuart-Landau oscillator) share: a state
// (x, y) that starts at the parameters x0 and y0, a tuned 2x2 weight matrix and its perturbed copy,
// and the trace of (x, y) over the last run.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/measures.hpp"
#include "attractor/params.hpp"

namespace attractor {

// A 2x2 matrix [[a, b], [c, d]].
struct Mat2 {
  double a = 0, b = 0, c = 0, d = 0;
  static Mat2 scaled_rotation(double alpha, double theta);
};

class PlanarSystem : public StepMap {
 public:
  static const ParamSpec& seed_spec() { return perturbation_seed_spec(); }
  static const ParamSpec& steps_spec() { return run_steps_spec(); }

  const ParamValues& params() const { return params_; }
  // Back to (x0, y0), step 0; keeps the perturbation.
  void reset();

  const Mat2& weights() const { return w_; }
  double epsilon() const { return epsilon_; }
  const Eigen::VectorXd& state() const { return state_; }
  // x, y after each step of the last run (2 values per step).
  const std::vector<double>& trace() const { return trace_; }

  int dimension() const override { return 2; }

 protected:
  // `specs` followed by x0 and y0, each in [-bound, bound] (y0 = 0 by default): the start that
  // reset() returns to.
  static std::vector<ParamSpec> with_start_point(std::vector<ParamSpec> specs, double bound,
                                                 double x0);
  // The epsilon of perturb(), described for the weight matrix called `matrix`.
  static ParamSpec epsilon_spec_for(const char* matrix);
  // Resolves `params` against `specs` (made by with_start_point) and starts at (x0, y0).
  PlanarSystem(const std::vector<ParamSpec>& specs, const ParamValues& params, const char* context);

  void set_tuned_weights(const Mat2& tuned) { tuned_ = w_ = tuned; }
  // W = tuned W + N(0, (epsilon / sqrt 2)^2) on each of the four entries (the network rule
  // "std epsilon / sqrt(N)" with N = 2), after checking epsilon and seed; replaces any earlier
  // perturbation.
  void perturb_weights(const ParamSpec& epsilon_spec, double epsilon, std::uint64_t seed);
  // Checks `steps` and sizes the trace for them.
  void start_run(int steps);
  void record_step(int index, double x, double y) {
    trace_[2 * static_cast<std::size_t>(index)] = x;
    trace_[2 * static_cast<std::size_t>(index) + 1] = y;
  }
  // (x, y) is the state after the run's `steps` steps.
  void finish_run(int steps, double x, double y);
  // What every planar model reports first: the time (called `time_name`), x, y, radius, phase,
  // epsilon and amplitude (the mean radius over the last run); then the model's `own` measures.
  Measures measures_with(const char* time_name, double time, const Measures& own) const;

  const char* context_;
  ParamValues params_;
  Mat2 w_;
  double epsilon_ = 0.0;
  Eigen::VectorXd state_;
  std::int64_t steps_ = 0;
  // Whether the measures of a run describe the current state and weights.
  bool measured_ = false;
  double amplitude_ = 0.0;

 private:
  Mat2 tuned_;
  std::vector<double> trace_;
};

}  // namespace attractor
