// What the networks of N rate neurons (the line attractor, the ring attractor and the random rate
// network) share: N, the time constant tau and the Euler step dt from their parameters, a tuned
// N x N recurrent weight matrix and its perturbed copy, the state, the clock and the trace of the
// last run.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/params.hpp"

namespace attractor {

class NeuronNetwork : public StepMap {
 public:
  static const ParamSpec& seed_spec() { return perturbation_seed_spec(); }
  static const ParamSpec& steps_spec() { return run_steps_spec(); }

  const ParamValues& params() const { return params_; }
  int size() const { return n_; }
  double time() const { return time_; }
  double epsilon() const { return epsilon_; }
  const Eigen::VectorXd& state() const { return state_; }
  const std::vector<double>& trace() const { return trace_; }

  int dimension() const override { return n_; }
  double time_step() const override { return dt_; }

 protected:
  // Resolves `params` against `specs` (which hold n, tau and dt) and requires
  // dt <= tau / dt_divisor, the largest Euler step the model integrates faithfully.
  NeuronNetwork(const std::vector<ParamSpec>& specs, const ParamValues& params, const char* context,
                int dt_divisor);

  // weights_ = tuned_weights_ + epsilon * Xi / sqrt(N), Xi_ij ~ N(0, 1) drawn from `seed`, after
  // checking epsilon and seed; replaces any earlier perturbation.
  void perturb_weights(const ParamSpec& epsilon_spec, double epsilon, std::uint64_t seed);
  // Checks `steps` and sizes the trace for them.
  void start_run(int steps);
  // "line attractor perturb": the model's name and the call, for messages.
  std::string call_context(const char* call) const { return std::string(context_) + " " + call; }

  const char* context_;
  ParamValues params_;
  int n_ = 0;
  double tau_ = 0.0;
  double dt_ = 0.0;

  Eigen::MatrixXd tuned_weights_;
  Eigen::MatrixXd weights_;
  Eigen::VectorXd state_;  // sized N, zero, by the constructor
  std::vector<double> trace_;

  std::int64_t step_count_ = 0;
  double time_ = 0.0;
  double epsilon_ = 0.0;
};

}  // namespace attractor
