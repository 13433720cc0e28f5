// What the trial-by-trial tasks of Beer & Barak (2019) share (MemoryTrials, PatternTrials): a rate
// network with one input and readout feedback whose readout a ReadoutLearner trains, one trial at
// a time over a fixed set of items (stored values, input levels) visited in TrialOrder epochs,
// the end state of each item's latest trial, and the first trial after which every item survived.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "attractor/params.hpp"
#include "attractor/rate_network.hpp"
#include "attractor/readout_learning.hpp"
#include "attractor/trial_order.hpp"

namespace attractor {

class ReadoutTrials {
 public:
  const ParamValues& params() const { return params_; }
  int trials() const { return trials_; }
  // The first trial after which every item survived; -1 until then.
  int trials_to_criterion() const { return trials_to_criterion_; }

 protected:
  // Resolves `params` against `specs` (which list `seed` and `sorted`, for the trial order) and
  // checks that the network has one input and feedback on; errors name `context`. The network
  // and learner must outlive this object.
  ReadoutTrials(RateNetwork& network, ReadoutLearner& learner, const std::vector<ParamSpec>& specs,
                const ParamValues& params, const char* context);

  // Items marked 1 in `survived` (0 failed, NaN not trained yet).
  static int count_survived(const std::vector<double>& survived);

  RateNetwork& network_;
  ReadoutLearner& learner_;
  ParamValues params_;
  TrialOrder order_;
  std::vector<Eigen::VectorXd> end_states_;  // per item, from its latest trial
  int trials_ = 0;
  int trials_to_criterion_ = -1;
};

}  // namespace attractor
