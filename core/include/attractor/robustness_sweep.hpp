// The robustness measure over a grid of perturbations: epsilons x perturbation seeds for one
// mechanism, with means and spreads over the seeds (see robustness.hpp for the measure).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "attractor/params.hpp"
#include "attractor/robustness.hpp"

namespace attractor {

// A grid of epsilons x seeds for one mechanism, each cell a RobustnessMeasure with the same
// configuration (its `records` horizons give the T axis): means and spreads over seeds.
class RobustnessSweep {
 public:
  // seeds: perturbation seeds first_seed, first_seed + 1, ...
  static const ParamSpec& seeds_spec();
  static const ParamSpec& first_seed_spec();

  RobustnessSweep(const std::string& mechanism, const ParamValues& model_params,
                  const ParamValues& config, const std::vector<double>& epsilons, int seeds,
                  double first_seed = 1);

  void advance(double budget);
  bool done() const { return cell_ >= static_cast<int>(epsilons_.size()) * seeds_; }
  double progress() const;

  const std::vector<double>& epsilons() const { return epsilons_; }
  int seeds() const { return seeds_; }
  int records() const { return records_; }
  // Names of the summarized quantities, in order: residual, pairwise_error,
  // distinct_end_states, gradient_log10_mean, near_zero_exponents, common_shift, slope,
  // decoded_error, manifold_exponent, lyapunov_max (the largest exponent).
  static const std::vector<std::string>& quantities();
  // Recorded times (model units), one per record.
  const std::vector<double>& times() const { return times_; }
  // Per quantity q, epsilon e, record r: mean, standard deviation (population, over seeds), min
  // and max, at index (q * epsilons + e) * records + r. Filled as cells finish; NaN before.
  const std::vector<double>& mean() const { return mean_; }
  const std::vector<double>& spread() const { return spread_; }
  const std::vector<double>& minimum() const { return min_; }
  const std::vector<double>& maximum() const { return max_; }
  // Every cell's values: ((q * epsilons + e) * seeds + s) * records + r.
  const std::vector<double>& values() const { return values_; }

 private:
  void finish_cell();
  void update_statistics(int e);

  std::string mechanism_;
  ParamValues model_params_, config_;
  std::vector<double> epsilons_;
  int seeds_ = 0, records_ = 0;
  double first_seed_ = 1;
  int cell_ = 0;
  std::unique_ptr<RobustnessMeasure> current_;
  std::vector<double> times_, mean_, spread_, min_, max_, values_;
};

}  // namespace attractor
