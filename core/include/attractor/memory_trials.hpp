// The memory task of Beer & Barak (2019), one trial at a time, on a rate network with readout
// feedback whose readout a ReadoutLearner trains: a brief input pulse carries a value c in
// [-1, 1]; afterwards the readout should hold z = c. Learning happens during the hold. After each
// trial, every value trained so far is checked: from the state at the end of its latest trial the
// closed loop runs on with no input and no learning, and the value survives if z stays within
// `tolerance` of c (the fixed point z*(c) the readout created is still there). Under LMS each
// update also moves the output at the other values' states, by eta e (r_n . r_m): the
// interference that erases earlier fixed points ("one step back"). The interval of the values
// (center, spread) sets how alike the trials' states are, so the interference can be set against
// the correlation between trials, which state_correlations() measures.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "attractor/fixed_points.hpp"
#include "attractor/measures.hpp"
#include "attractor/params.hpp"
#include "attractor/rate_network.hpp"
#include "attractor/readout_learning.hpp"
#include "attractor/readout_trials.hpp"

namespace attractor {

// A fixed point of the closed loop (input off, current readout) and its readout z* = w . tanh(x*).
struct ClosedLoopFixedPoint {
  double z = 0.0;
  double q = 0.0;
  bool fixed = false;  // q at most the finder's fixed_tolerance; otherwise a slow point
  Stability stability = Stability::kStable;
  // Largest growth rate (per second) of the linearization: below 0 attracting.
  double max_growth_rate = 0.0;
};

// Stored value c survives as a fixed point if some attracting (stable or marginal) fixed point
// has |z* - c| < tolerance.
bool value_has_fixed_point(const std::vector<ClosedLoopFixedPoint>& points, double value,
                           double tolerance);

class MemoryTrials : public ReadoutTrials {
 public:
  static const std::vector<ParamSpec>& param_specs();

  // The network needs one input channel and feedback on; both must outlive this object.
  MemoryTrials(RateNetwork& network, ReadoutLearner& learner, const ParamValues& params);

  // The values, spread evenly over [center - spread, center + spread] ([-1, 1] by default).
  const std::vector<double>& values() const { return values_; }
  // Runs the next trial (values in epochs; each epoch sorted or shuffled from the seed), then
  // checks every value trained so far.
  void run_trial();
  // The value c of the last trial.
  double last_value() const { return last_value_; }
  // Per value: z at the end of the free run from its latest trial's end state (NaN if not yet
  // trained), and whether it stayed within tolerance.
  const std::vector<double>& recalled() const { return recalled_; }
  int survivors() const;
  // For the last trial's readout change dw: per earlier value m, the output change dw . r_m at
  // its state and the correlation of its state's rates with this trial's.
  const std::vector<double>& output_changes() const { return output_changes_; }
  const std::vector<double>& state_correlations() const { return state_correlations_; }
  // The fixed points z*(c) of the closed loop with the input off, found after every trial (when
  // `find_fixed_points` is 1) by the fixed-point finder started from each trained value's latest
  // end state; sorted by z. The end states are where the trained loop actually rests, so the
  // finder starts in the basins of the fixed points the trials made, and the full Jacobian
  // classifies them.
  const std::vector<ClosedLoopFixedPoint>& fixed_points() const { return fixed_points_; }
  // Per value: 1 if an attracting fixed point lies within tolerance of it, 0 if not, NaN if not
  // trained yet or fixed points are not searched.
  const std::vector<double>& fixed_point_survived() const { return fixed_point_survived_; }
  int fixed_point_survivors() const;
  // The first trial after which every value had an attracting fixed point; -1 until then.
  int fixed_point_criterion() const { return fixed_point_criterion_; }
  // Per value: whether its latest free run stayed within tolerance.
  const std::vector<bool>& survived() const { return survived_; }
  // trials, survivors, trials_to_criterion, last_value, fixed_points, attracting_fixed_points,
  // fixed_point_survivors, fixed_point_criterion.
  Measures measures() const;

 private:
  void check_values();
  void find_fixed_points();

  std::vector<double> values_;
  std::vector<bool> trained_;
  std::vector<double> recalled_;
  std::vector<bool> survived_;
  std::vector<double> output_changes_;
  std::vector<double> state_correlations_;
  std::vector<ClosedLoopFixedPoint> fixed_points_;
  std::vector<double> fixed_point_survived_;
  int fixed_point_criterion_ = -1;
  double last_value_ = 0.0;
};

}  // namespace attractor
