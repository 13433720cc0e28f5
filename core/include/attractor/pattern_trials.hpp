// The pattern-generation task of Beer & Barak (2019), one trial at a time: a static input level
// selects a frequency, and the readout of a rate network with feedback is trained to produce a
// sinusoid at that frequency while the level is held. Levels are spread evenly over
// [level_min, level_max] and their frequencies evenly over [freq_min, freq_max] (increasing with
// the level). The defaults keep the levels positive: the network has no bias and tanh is odd, so
// levels c and -c give mirror-image dynamics (x -> -x, z -> -z) and a sinusoid's mirror image has
// the same frequency; symmetric levels could not select different frequencies. Trials with
// different levels follow each other, in epochs (shuffled or sorted). After each trial every level
// trained so far is checked: from the state at the end of its latest trial the closed loop runs
// with that level held and no learning; after a transient, the frequency and amplitude of z
// describe the limit cycle the readout made. The level's cycle survives while its frequency is
// within freq_tolerance (relative) of the target and its amplitude within amp_tolerance
// (relative) of the target amplitude.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "attractor/measures.hpp"
#include "attractor/params.hpp"
#include "attractor/rate_network.hpp"
#include "attractor/readout_learning.hpp"
#include "attractor/readout_trials.hpp"

namespace attractor {

// Frequency and amplitude of an oscillating series sampled every dt: the frequency from the
// upward crossings of its mean (linearly interpolated; NaN with fewer than two crossings, e.g.
// at a fixed point), the amplitude as half the range.
struct Oscillation {
  double frequency = 0.0;
  double amplitude = 0.0;
  int crossings = 0;
};
Oscillation measure_oscillation(const std::vector<double>& series, double dt);

// Whether a measured oscillation matches a target frequency and amplitude within relative
// tolerances.
bool oscillation_matches(const Oscillation& measured, double frequency, double amplitude,
                         double freq_tolerance, double amp_tolerance);

class PatternTrials : public ReadoutTrials {
 public:
  static const std::vector<ParamSpec>& param_specs();

  // The network needs one input channel and feedback on; both must outlive this object.
  PatternTrials(RateNetwork& network, ReadoutLearner& learner, const ParamValues& params);

  const std::vector<double>& levels() const { return levels_; }
  const std::vector<double>& frequencies() const { return frequencies_; }
  // Runs the next trial, then checks every level trained so far.
  void run_trial();
  // Per level, from the latest check (NaN if not trained yet).
  const std::vector<double>& measured_frequencies() const { return measured_frequencies_; }
  const std::vector<double>& measured_amplitudes() const { return measured_amplitudes_; }
  // 1 survived, 0 not, NaN not trained yet.
  const std::vector<double>& survived() const { return survived_; }
  int survivors() const;
  // The last trial's target and the network's output z during it.
  const std::vector<double>& targets() const { return targets_; }
  const std::vector<double>& outputs() const { return learner_.outputs(); }
  // trials, survivors, trials_to_criterion, last_level, last_frequency, last_train_error (RMS of
  // z - f over the trial's second half).
  Measures measures() const;

 private:
  void check_levels();

  std::vector<double> levels_;
  std::vector<double> frequencies_;
  std::vector<double> measured_frequencies_;
  std::vector<double> measured_amplitudes_;
  std::vector<double> survived_;
  std::vector<double> targets_;
  int last_level_ = -1;
  double last_train_error_ = 0.0;
};

}  // namespace attractor
