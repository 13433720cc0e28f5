// Gradient-descent optimizers on a flat parameter vector: Adam (Kingma & Ba 2015) and SGD with
// momentum, with global-norm gradient clipping and step learning-rate decay. Deterministic: the
// bias corrections use running products, not pow().
#pragma once

#include <string>
#include <vector>

#include "attractor/params.hpp"

namespace attractor {

class Optimizer {
 public:
  static const std::vector<ParamSpec>& param_specs();
  static const std::vector<std::string>& kinds();  // "adam", "sgd"

  Optimizer(const ParamValues& params, const std::string& kind, std::size_t size);

  const ParamValues& params() const { return params_; }
  const std::string& kind() const { return kind_; }
  // Scales `gradient` down to norm clip_norm if it is longer (clip_norm 0: no clipping).
  // Returns the norm before clipping.
  double clip(std::vector<double>& gradient) const;
  // One update of `parameters` along `gradient`.
  void step(std::vector<double>& parameters, const std::vector<double>& gradient);
  // The learning rate the next step will use, after decay.
  double learning_rate() const;
  long steps_taken() const { return steps_; }
  // Adam's moment estimates (or SGD's velocity in first_moment()), for checkpoints.
  const std::vector<double>& first_moment() const { return first_; }
  const std::vector<double>& second_moment() const { return second_; }
  // Restores the state saved from first_moment(), second_moment() and steps_taken().
  void restore(const std::vector<double>& first, const std::vector<double>& second, long steps);

 private:
  ParamValues params_;
  std::string kind_;
  std::vector<double> first_;
  std::vector<double> second_;
  long steps_ = 0;
  double beta1_power_ = 1.0;
  double beta2_power_ = 1.0;
};

}  // namespace attractor
