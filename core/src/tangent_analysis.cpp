#include "attractor/tangent_analysis.hpp"

#include "attractor/linear_algebra.hpp"

namespace attractor {

TangentAnalysis::TangentAnalysis(const StepMap& map, const std::vector<ParamSpec>& specs,
                                 const ParamValues& config, const Eigen::VectorXd& initial_state,
                                 const char* context)
    : map_(map), config_(resolve_params(specs, config, context)) {
  n_ = map.dimension();
  k_ = resolve_count(config_.at("k"), n_, context);
  transient_steps_ = static_cast<std::int64_t>(config_.at("transient_steps"));
  steps_ = static_cast<std::int64_t>(config_.at("steps"));
  time_step_ = map.time_step();
  state_ = initial_state_or_random(map, initial_state, config_, context);
  next_.resize(n_);
  jacobian_.resize(n_, n_);
}

double TangentAnalysis::progress() const {
  return static_cast<double>(steps_done_) / static_cast<double>(transient_steps_ + steps_);
}

}  // namespace attractor
