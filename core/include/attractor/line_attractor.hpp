// A line attractor: a linear rate network that holds an analog value indefinitely.
//
//   tau dx/dt = -x + W x + m u(t),   readout r = m^T x,
//
// with W = lambda0 m m^T + W_off. The unit vector m is the memory direction; with
// lambda0 = 1 the network has a line of fixed points along m (Seung 1996), and every other
// direction decays because W_off (W's part orthogonal to m, Frobenius norm `heterogeneity` < 1)
// has eigenvalues of magnitude at most `heterogeneity`. A brief input pulse along m writes a
// value; perturb(epsilon, seed) adds Gaussian weight noise, which moves the memory eigenvalue
// off 1 so that the stored value leaks away (lambda < 1) or runs off (lambda > 1) at the rate
// (lambda - 1) / tau. Time is in seconds; Euler steps of size dt.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/measures.hpp"
#include "attractor/neuron_network.hpp"
#include "attractor/params.hpp"

namespace attractor {

class LineAttractor : public NeuronNetwork {
 public:
  static const std::vector<ParamSpec>& param_specs();
  // Arguments of perturb(), store() and run(), for validation and for user interfaces.
  static const ParamSpec& epsilon_spec();
  static const ParamSpec& value_spec();

  // Throws InvalidArgument for unknown names, out-of-range or non-finite values.
  explicit LineAttractor(const ParamValues& params = {});

  // Back to rest: state zero, time zero, nothing stored. Keeps the current perturbation.
  void reset();
  // W = W0 + epsilon * Xi / sqrt(N), Xi_ij ~ N(0, 1) drawn from `seed`. Replaces any earlier
  // perturbation (it does not accumulate), so epsilon = 0 restores the tuned network.
  void perturb(double epsilon, std::uint64_t seed);
  // Starts an input pulse along m that moves the readout from its current value to `value`
  // (exactly so for a perfectly tuned network).
  void store(double value);
  // Advances `steps` Euler steps; trace() then holds the readout after each of them.
  void run(int steps);

  double readout() const;
  double stored_value() const { return stored_value_; }
  const Eigen::VectorXd& memory_direction() const { return memory_direction_; }
  const Eigen::MatrixXd& weights() const { return weights_; }

  // The eigenvalue of W nearest the tuned one, found by inverse iteration; NaN if that
  // eigenvalue is not real (possible only for large epsilon).
  double memory_eigenvalue() const { return memory_eigenvalue_; }
  // (lambda - 1) / tau, per second: negative leaks, positive runs away, zero holds.
  double predicted_drift_rate() const;
  // d ln|r| / dt measured on the trajectory since the network settled after the last store or
  // perturbation; NaN until at least `kMinimumMeasureTime` seconds have been observed.
  double measured_drift_rate() const;
  // time_s, remembered_value, stored_value, epsilon, memory_eigenvalue,
  // predicted_drift_rate_per_s, measured_drift_rate_per_s, and the point the drift is measured
  // from: drift_reference_time_s, drift_reference_value.
  Measures measures() const;

  static constexpr double kMinimumMeasureTime = 0.1;

  // StepMap: the Euler step x + (dt / tau)(W x - x) with the input off.
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override;
  void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const override;

 private:
  void build_weights();
  void update_memory_eigenvalue();
  void restart_measurement();

  double tuned_eigenvalue_ = 1.0;
  double heterogeneity_ = 0.0;
  int pulse_steps_ = 0;
  double settle_time_ = 0.0;

  Eigen::VectorXd memory_direction_;
  Eigen::VectorXd scratch_;

  double memory_eigenvalue_ = 1.0;
  double stored_value_ = 0.0;
  double pulse_amplitude_ = 0.0;
  int pulse_steps_left_ = 0;

  // Drift is measured from an anchor taken once transients have died down.
  double anchor_due_time_ = 0.0;
  bool anchor_set_ = false;
  double anchor_time_ = 0.0;
  double anchor_readout_ = 0.0;
};

}  // namespace attractor
