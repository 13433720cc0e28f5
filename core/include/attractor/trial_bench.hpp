// One object for a trial-by-trial learning bench: a rate network with one input and readout
// feedback, a readout rule (force or lms) and a task (memory or pattern), built from one flat set
// of parameters. Each name goes to the part whose specs list it (network, learner, task); `seed`
// seeds both the network and the trial order; `inputs` and `feedback` are fixed to 1.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "attractor/memory_trials.hpp"
#include "attractor/params.hpp"
#include "attractor/pattern_trials.hpp"
#include "attractor/rate_network.hpp"
#include "attractor/readout_learning.hpp"

namespace attractor {

class TrialBench {
 public:
  static const std::vector<std::string>& tasks();  // "memory", "pattern"
  // The specs of every name the bench accepts for `task`: network (without inputs and feedback),
  // learner, then task (seed listed once).
  static std::vector<ParamSpec> param_specs(const std::string& task);

  TrialBench(const ParamValues& params, const std::string& rule, const std::string& task);

  const std::string& task() const { return task_; }
  const std::string& rule() const { return learner_->rule(); }
  void run_trial();
  int trials() const;
  int trials_to_criterion() const;
  Measures measures() const;
  // The last trial's targets and outputs z during its learning phase.
  const std::vector<double>& targets() const { return targets_; }
  const std::vector<double>& outputs() const { return learner_->outputs(); }

  const RateNetwork& network() const { return *network_; }
  // Exactly one of these is set, by task.
  const MemoryTrials* memory() const { return memory_.get(); }
  const PatternTrials* pattern() const { return pattern_.get(); }

 private:
  std::string task_;
  std::unique_ptr<RateNetwork> network_;
  std::unique_ptr<ReadoutLearner> learner_;
  std::unique_ptr<MemoryTrials> memory_;
  std::unique_ptr<PatternTrials> pattern_;
  std::vector<double> targets_;
};

}  // namespace attractor
