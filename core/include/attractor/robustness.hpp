// The robustness measure: what a weight perturbation does to a memory held on an attractor
// (science.md section 1, "Consequence the lab must make tangible").
//
// For one mechanism and one perturbation (epsilon, seed): M values spread evenly over the
// attractor's manifold are stored, each in its own copy of the same perturbed network; every copy
// runs `steps` steps (inputs off, or a common angular velocity for the head-direction
// integrators); the recalled values are compared with the stored ones after the best common map
// (a rotation for angles, an affine map for the line's value), and the measure reports
//   - residual: RMS error left after that map, as a fraction of the manifold's range
//     (360 degrees for angles, 2 for the line's values [-1, 1]);
//   - decoded_error, the measure of kept information: readout noise of standard deviation
//     state_noise times the stored values' spread is added to every recalled value (the same
//     draw at every horizon, from the perturbation seed), the best decoder is fitted on the noisy
//     recalled values (affine for the line, one common rotation for angles), and the RMS error of
//     its estimates is divided by the spread (the RMS error of the best constant guess). 0: kept;
//     about 1: lost. With state_noise 0 a pure affine squeeze of the line scores 0; with noise,
//     contraction along the manifold shows as loss;
//   - pairwise_error: RMS over all pairs of the error of recalled differences, divided by the
//     RMS of the stored differences (wrapped to half a turn for angles): 0 when every memory moved
//     by the same amount, 1 when every memory ends on the same point. It counts any change of the
//     differences as loss, also a squeeze that one slope undoes;
//   - distinct_end_states: recalled values grouped by single linkage, two values joining when
//     they are closer than cluster_tolerance times the stored spacing;
//   - the gradient along the manifold: |h_T(s + d) - h_T(s)| / |h_0(s + d) - h_0(s)| for the
//     stored coordinate s and d = 1e-6 of the range (a forward difference of dh_T/dh_0 applied to
//     the manifold's tangent), reported as log10, mean / min / max over the memories, and as the
//     finite-time exponent along the manifold, ln(gradient) / T (mean over the memories);
//   - optionally the top Lyapunov exponents of the perturbed network, from the first memory's
//     recalled state, and how many lie within lyapunov_tolerance of zero.
// Results are recorded at `records` evenly spaced horizons up to `steps`, so one run gives the
// curves against T.
//
// Mechanisms (their model parameters are the models' own):
//   line           LineAttractor; values in [-1, 1] by store() (the pulse runs before T starts);
//                  readout m^T x.
//   ring           RingAttractor; bump angles by cue(); readout the bump angle.
//   limit_cycle    StuartLandau; states on the tuned Euler cycle at evenly spaced angles;
//                  readout the angle of (x, y).
//   torus          TorusNetwork; one storage block holds the phases (automatic: among the blocks
//                  whose tuned orbit repeats no angle in 16384 steps, i.e. quasi-periodic, the one
//                  with alpha closest to 1.5, see docs/robustness.md); values are phases of the
//                  tuned block map's own coordinate, in which it turns rigidly (estimated from a
//                  16384-step orbit); the other blocks start at the same settled state in every
//                  memory; readout the storage block's phase in that coordinate.
//   hd_ring        RingAttractor driven by a constant angular velocity `velocity` (deg/s);
//                  the target is stored + velocity T.
//   hd_oscillator  HeadDirectionOscillator with heading0 = the stored heading, driven the same
//                  way; readout the decoded heading.
//
// Every step is a model's own deterministic step, and the fits use only IEEE arithmetic, det::
// and phase::angle, so results are bit-identical natively and in WebAssembly.
//
// Resumable like the analyses: advance(budget) does at most `budget` steps of the memories'
// time (each moving the memory and, with the gradient on, its neighbour) or Lyapunov steps.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/lyapunov.hpp"
#include "attractor/params.hpp"

namespace attractor {

// line, ring, limit_cycle, torus, hd_ring, hd_oscillator.
const std::vector<std::string>& robustness_mechanisms();
// The model parameters of a mechanism (the model's own specs). Throws for an unknown name.
const std::vector<ParamSpec>& robustness_model_specs(const std::string& mechanism);

// One recorded horizon.
struct RobustnessRecord {
  double steps = 0;           // T in steps
  double time = 0;            // T in the model's time (s for flows, steps for the torus)
  double residual = 0;        // fraction of the range, after the best common map
  double residual_units = 0;  // the same in degrees (angles) or value units (line)
  double pairwise_error = 0;  // relative, see above
  double common_shift = 0;    // rotation (degrees) or the affine intercept (line)
  double slope = 0;           // the affine slope (line); 1 for angles
  double distinct_end_states = 0;
  double decoded_error = 0;        // relative, with readout noise, see above
  double gradient_log10_mean = 0;  // NaN without the gradient
  double gradient_log10_min = 0;
  double gradient_log10_max = 0;
  double manifold_exponent = 0;  // ln(gradient) / T per unit time, mean over memories; NaN without
};

class RobustnessMeasure {
 public:
  // epsilon, perturbation_seed, memories, steps, records, velocity, block, cluster_tolerance,
  // state_noise, gradient, lyapunov_k, lyapunov_transient, lyapunov_steps, lyapunov_tolerance,
  // lyapunov_seed.
  static const std::vector<ParamSpec>& param_specs();

  // Throws InvalidArgument for an unknown mechanism, bad model parameters or configuration.
  RobustnessMeasure(const std::string& mechanism, const ParamValues& model_params,
                    const ParamValues& config);
  ~RobustnessMeasure();
  RobustnessMeasure(const RobustnessMeasure&) = delete;
  RobustnessMeasure& operator=(const RobustnessMeasure&) = delete;

  void advance(double budget);
  bool done() const { return work_done_ >= total_work_; }
  double progress() const;
  // Steps done so far and in all (memories x steps, plus the Lyapunov steps).
  std::int64_t work_done() const { return work_done_; }
  std::int64_t total_work() const { return total_work_; }

  const std::string& mechanism() const { return mechanism_; }
  const ParamValues& config() const { return config_; }
  bool angular() const { return angular_; }
  int memories() const { return memories_; }
  // Range of the manifold in its units: 360 (degrees) or 2 (the line's values).
  double range() const { return angular_ ? 360.0 : 2.0; }
  double time_step() const;
  // Stored values (degrees or value units); the targets are stored + velocity * T per record.
  const std::vector<double>& stored() const { return stored_; }
  // Recalled values of the memories finished so far: records x memories, row by row (record r,
  // memory i at r * memories + i); NaN for memories not yet run.
  const std::vector<double>& recalled() const { return recalled_; }
  // Filled once every memory has run (empty before).
  const std::vector<RobustnessRecord>& records() const { return summaries_; }
  // Top Lyapunov exponents (per unit time) once done; empty when lyapunov_k = 0.
  const std::vector<double>& lyapunov_exponents() const { return exponents_; }
  // Exponents with |LE| <= lyapunov_tolerance; NaN when not computed.
  double near_zero_exponents() const { return near_zero_; }
  // The storage block of the torus (-1 for other mechanisms).
  int storage_block() const { return storage_block_; }

  class Mechanism;
  class MemoryRun;

 private:
  void start_memory();
  void finish_memory();
  void summarize();

  std::string mechanism_;
  ParamValues config_;
  std::unique_ptr<Mechanism> model_;
  bool angular_ = true;
  int memories_ = 0, records_ = 0, storage_block_ = -1;
  std::int64_t steps_ = 0;
  bool gradient_ = true;
  double velocity_deg_ = 0, cluster_tolerance_ = 0, delta_ = 0, state_noise_ = 0;
  std::vector<double> noise_draws_;  // one standard normal per memory
  int lyapunov_k_ = 0;
  std::int64_t lyapunov_steps_ = 0;

  std::int64_t total_work_ = 0, work_done_ = 0;
  int memory_ = 0;
  std::int64_t memory_steps_ = 0;
  int next_record_ = 0;
  std::unique_ptr<MemoryRun> run_, neighbour_;
  Eigen::VectorXd initial_difference_;
  double initial_distance_ = 0;

  std::vector<double> stored_, recalled_, gradients_log10_;
  std::vector<RobustnessRecord> summaries_;
  Eigen::VectorXd lyapunov_start_;
  std::unique_ptr<LyapunovSpectrum> lyapunov_;
  std::vector<double> exponents_;
  double near_zero_ = 0;
};

// Fits and counts used by the measure, exposed for tests. Values in the manifold's units.
struct RecallFit {
  double residual_units = 0;  // RMS after the best common map
  double common_shift = 0;    // rotation (angles) or intercept (line)
  double slope = 1;
  double pairwise_error = 0;
  int distinct = 0;
};
// angular: values in degrees, target = stored + shift expected (e.g. velocity T).
RecallFit fit_recall(bool angular, const std::vector<double>& targets,
                     const std::vector<double>& recalled, double cluster_distance);
// The spread of values: the RMS error of the best constant guess (the population standard
// deviation for the line; for angles the smallest RMS wrapped distance to one angle).
double value_spread(bool angular, const std::vector<double>& values);
// The decoded error: the best decoder (targets ~ a recalled + b for the line, targets ~ recalled
// - rotation for angles) fitted on `recalled`, its RMS error divided by value_spread(targets).
double decoded_error(bool angular, const std::vector<double>& targets,
                     const std::vector<double>& recalled);

}  // namespace attractor
