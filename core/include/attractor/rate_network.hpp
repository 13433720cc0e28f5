// A continuous-time random rate network with optional readout feedback:
//
//   tau dx/dt = -x + J r + B u(t) + f z,   r = tanh(x),   z = w^T r,
//
// J_ij ~ N(0, g^2 / (p N)) with probability p (else 0), the Sussillo & Abbott (2009) network.
// B (N x inputs) and the feedback vector f have entries uniform in [-1, 1] times their scales.
// The readout w starts at zero; learning rules (FORCE, LMS) set it. With feedback on, a trained
// readout changes the network's own dynamics, which is how a readout alone can create fixed
// points or limit cycles (Beer & Barak 2019). Time in seconds, Euler steps of size dt.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/measures.hpp"
#include "attractor/neuron_network.hpp"
#include "attractor/params.hpp"

namespace attractor {

class RateNetwork : public NeuronNetwork {
 public:
  static const std::vector<ParamSpec>& param_specs();
  static const ParamSpec& epsilon_spec();
  static const ParamSpec& input_spec();
  static const ParamSpec& weight_spec();

  explicit RateNetwork(const ParamValues& params = {});

  int input_count() const { return inputs_; }

  // State back to the seeded initial state x0 ~ N(0, initial_std^2), time zero, input zero.
  // Keeps the weights, the perturbation and the readout.
  void reset();
  // J = J0 + epsilon * Xi / sqrt(N); replaces any earlier perturbation.
  void perturb(double epsilon, std::uint64_t seed);
  // Holds the input u (length input_count()) from now on.
  void set_input(const std::vector<double>& input);
  // Puts the network in state x (length N, finite); time and input are kept.
  void set_state(const Eigen::VectorXd& x);
  // Sets the readout weights w (length N).
  void set_readout(const Eigen::VectorXd& weights);
  // Advances `steps` Euler steps; trace() then holds z after each.
  void run(int steps);

  double readout() const;
  const Eigen::VectorXd& rates() const { return rates_; }
  const Eigen::VectorXd& readout_weights() const { return readout_weights_; }
  const Eigen::VectorXd& feedback_weights() const { return feedback_weights_; }
  const Eigen::MatrixXd& recurrent_weights() const { return weights_; }
  const Eigen::MatrixXd& input_weights() const { return input_weights_; }
  // time_s, readout_z, mean_abs_rate, epsilon.
  Measures measures() const;

  // StepMap: the Euler step with the input off (feedback, if on, stays: it is part of the
  // closed loop).
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override;
  void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const override;

 private:
  // One Euler step from x into next, with external drive `drive` (B u) added.
  void euler_step(const double* x, const double* drive, double* next, double* rates,
                  double* scratch) const;
  void update_drive();

  int inputs_ = 0;
  bool feedback_ = false;

  Eigen::MatrixXd input_weights_;
  Eigen::VectorXd feedback_weights_;
  Eigen::VectorXd readout_weights_;
  Eigen::VectorXd initial_state_;
  Eigen::VectorXd rates_;
  Eigen::VectorXd next_;
  Eigen::VectorXd scratch_;
  Eigen::VectorXd input_;
  Eigen::VectorXd drive_;
};

}  // namespace attractor
