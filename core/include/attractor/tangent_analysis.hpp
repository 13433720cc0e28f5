// What the analyses that follow one trajectory with its Jacobian share (LyapunovSpectrum,
// GradientPersistence): the map, the resolved configuration (k, transient_steps, steps, seed,
// initial_scale), the state after steps_done_ of transient_steps + steps steps, and the
// workspace of one step and its Jacobian. The StepMap is held by reference and must outlive the
// analysis.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/params.hpp"

namespace attractor {

class TangentAnalysis {
 public:
  bool done() const { return steps_done_ >= transient_steps_ + steps_; }
  double progress() const;
  // k: how many directions are followed.
  int count() const { return k_; }
  const Eigen::VectorXd& state() const { return state_; }

 protected:
  // Resolves `config` against `specs` and k against the map's dimension; `initial_state` empty:
  // drawn from seed and initial_scale. Throws InvalidArgument naming `context`.
  TangentAnalysis(const StepMap& map, const std::vector<ParamSpec>& specs,
                  const ParamValues& config, const Eigen::VectorXd& initial_state,
                  const char* context);

  const StepMap& map_;
  ParamValues config_;
  int n_ = 0;
  int k_ = 0;
  std::int64_t transient_steps_ = 0;
  std::int64_t steps_ = 0;
  std::int64_t steps_done_ = 0;
  double time_step_ = 1.0;
  Eigen::VectorXd state_, next_;
  Eigen::MatrixXd jacobian_;
};

}  // namespace attractor
