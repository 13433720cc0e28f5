// Lyapunov spectrum by the QR method (Benettin et al. 1980; Dieci, Russell & Van Vleck 1997).
//
// Along a trajectory x_{t+1} = step(x_t), an orthonormal basis Q of k tangent directions is
// carried forward and re-orthonormalized every step: J(x_t) Q_t = Q_{t+1} R_t. The exponents are
// the time averages of log R_t(i, i), divided by time_step() so flows get per-unit-time rates
// (of the Euler map: log|1 + dt lambda| / dt, which tends to Re(lambda) as dt -> 0). Exponents
// come out in the QR order, which converges to descending order.
//
// Resumable: construct, call advance(budget) until done(); every call does at most `budget`
// steps and leaves consistent partial results, so a caller can report progress() between calls
// and stop by not calling again. The StepMap is held by reference and must outlive the analysis;
// changing the model's weights meanwhile changes what is measured.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/params.hpp"
#include "attractor/tangent_analysis.hpp"

namespace attractor {

class LyapunovSpectrum : public TangentAnalysis {
 public:
  // k, transient_steps, steps, records, seed, initial_scale.
  static const std::vector<ParamSpec>& param_specs();

  // `initial_state` empty: drawn from seed and initial_scale. Throws InvalidArgument for bad
  // configuration (k above the dimension, unknown names, ...) or a bad initial state.
  LyapunovSpectrum(const StepMap& map, const ParamValues& config,
                   const Eigen::VectorXd& initial_state = Eigen::VectorXd());

  // Runs at most `budget` more steps (transient first). Throws std::runtime_error if the
  // trajectory or the tangent basis stops being finite.
  void advance(double budget);

  // Per unit time; NaN until the first step after the transient.
  const Eigen::VectorXd& exponents() const { return exponents_; }
  // The same per step (log of the growth factor per step).
  Eigen::VectorXd exponents_per_step() const;
  // Running estimates: after every `records`-th part of the measured steps, the time measured
  // so far (history_times) and the k exponents then (history, k values per record).
  const std::vector<double>& history_times() const { return history_times_; }
  const std::vector<double>& history() const { return history_; }
  // The current orthonormal tangent basis, dimension x k (approximates the Lyapunov vectors).
  const Eigen::MatrixXd& basis() const { return basis_; }
  std::int64_t measured_steps() const;

 private:
  void update_exponents();

  std::int64_t record_every_ = 1;
  Eigen::MatrixXd basis_, image_;
  Eigen::VectorXd norms_, log_sums_, exponents_;
  std::vector<double> history_times_, history_;
};

}  // namespace attractor
