// A trainable tanh recurrent network with a linear readout, in two forms:
//
//   discrete (Elman):          h_t = tanh(W h_{t-1} + U x_t + b)
//   continuous (Euler, dt):    h_t = (1 - dt) h_{t-1} + dt tanh(W h_{t-1} + U x_t + b)
//   readout:                   y_t = V h_t + c,   h_0 = 0 (or trained: initial_state = 1)
//
// Initializations of W (the recurrent bias always starts at 0; U ~ N(0, (input_scale/sqrt N)^2)
// and V ~ N(0, (output_scale/sqrt N)^2) are drawn after W from the same weights stream):
//   gaussian     W_ij ~ N(0, gain^2 / N)
//   orthogonal   gain * Q, Q Haar-distributed (QR of a Gaussian matrix, R's diagonal positive)
//   identity     gain * I (Le, Jaitly & Hinton 2015)
//   qpta         blockdiag(alpha_1 R(theta_1), ..., alpha_{N/2} R(theta_{N/2})), (alpha, theta)
//                uniform on the QPTA admissible region (qpta.hpp); N even; gain is not used
//   line         gain * m m^T, m a random unit vector: eigenvalue gain along m, 0 elsewhere;
//                gain = 1 is a line attractor of the linearized network (tuned)
//   ring         gain * (4 / N) cos(psi_i - psi_j), psi_i = 2 pi i / N: rank two, eigenvalue
//                2 gain on the plane of the two cosine profiles; for gain > 1/2 a ring of bump
//                states (the cosine ring network); N >= 3
// After any of them, epsilon > 0 adds epsilon / sqrt(N) * N(0, 1) to every entry of W, drawn by
// add_weight_noise (perturbation.hpp) from perturbation_seed: the weight perturbation of every
// other model, so a student can start training from a perturbed attractor.
//
// loss_and_gradients() gives the masked mean squared error and its exact gradient by
// backpropagation through time. All parameters live in one flat vector (W, U, b, V, c, each
// column-major; then h_0 when it is trained) so optimizers work on plain arrays. Every product runs
// through gemm:: and every tanh through det::, so a seed gives bit-identical training natively and
// in WebAssembly.
//
// precision = 64 (the default) runs the forward pass and BPTT in float64. precision = 32 runs
// them in float32 (float32 gemm:: products in the same fixed order, det::tanh_float, float32
// hidden states, errors and gradient sums): about twice the throughput of the SIMD units, and
// still bit-identical between builds. The parameters stay float64 in both cases (they are
// rounded to float32 at the start of each forward pass, and the float32 gradient is widened back),
// so the layout, set_parameters(), checkpoints and the optimizer do not change, and small
// optimizer updates are not lost to float32 rounding of the weights. The loss is summed in float64
// from the float32 outputs; step() and step_jacobian() (the analyses) always run in float64.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "attractor/params.hpp"
#include "attractor/sequence_batch.hpp"
#include "attractor/trainable_network.hpp"

namespace attractor {

class Rnn : public TrainableNetwork {
 public:
  static const std::vector<ParamSpec>& param_specs();
  // Names accepted by the `initialization` argument.
  static const std::vector<std::string>& initializations();

  // Throws InvalidArgument for bad parameters or an unknown initialization.
  explicit Rnn(const ParamValues& params = {}, const std::string& initialization = "gaussian");

  const std::string& initialization() const { return initialization_; }
  bool continuous() const { return continuous_; }
  bool has_bias() const { return bias_; }
  // 32 or 64: the floating-point width of the forward pass and BPTT.
  int precision() const { return precision_; }

  // Named views into the flat parameter vector.
  Eigen::Map<const Eigen::MatrixXd> recurrent() const;     // W, hidden x hidden
  Eigen::Map<const Eigen::MatrixXd> input() const;         // U, hidden x inputs
  Eigen::Map<const Eigen::VectorXd> bias() const;          // b, hidden
  Eigen::Map<const Eigen::MatrixXd> readout() const;       // V, outputs x hidden
  Eigen::Map<const Eigen::VectorXd> readout_bias() const;  // c, outputs
  std::size_t recurrent_offset() const override { return 0; }
  std::size_t input_offset() const override;
  std::size_t bias_offset() const override;
  std::size_t readout_offset() const override;
  std::size_t readout_bias_offset() const override;
  // h_0, trained when initial_state = 1 (the last block; absent otherwise).
  bool trains_initial_state() const { return trained_initial_state_; }
  std::size_t initial_state_offset() const;

  // Masked mean squared error over the batch: sum of mask * (y - target)^2 over every output,
  // step and trial, divided by outputs * sum(mask). Fills `gradient` (same layout as
  // parameters(); the bias part stays zero without a bias) and, if given, the Frobenius norm of
  // dL/dh_t for every step t = 1..T (how far back the learning signal reaches).
  double loss_and_gradient(const SequenceBatch& batch, std::vector<double>& gradient,
                           std::vector<double>* hidden_gradient_norms) override;
  using TrainableNetwork::loss_and_gradient;

  // StepMap: the autonomous step with zero input.
  const std::string& architecture() const override;
  int dimension() const override { return hidden_; }
  double time_step() const override { return continuous_ ? dt_ : 1.0; }
  void step(const Eigen::VectorXd& h, Eigen::VectorXd& next) const override;
  void step_jacobian(const Eigen::VectorXd& h, Eigen::MatrixXd& jacobian) const override;

 private:
  void initialize(std::uint64_t seed);
  UnusedBlock unused_parameters() const override;
  void check_batch(const SequenceBatch& batch) const override;
  void forward(const SequenceBatch& batch) override;
  // Copies the trained h_0 into the first state block of every trial (nothing when untrained).
  template <typename Real>
  void fill_initial_state(const Real* flat, Real* hidden, int trials) const;

  std::string initialization_;
  bool continuous_ = false;
  bool bias_ = true;
  bool trained_initial_state_ = false;
  double dt_ = 1.0;
  int precision_ = 64;

  // Workspace, resized to the batch; reused between calls.
  std::vector<double> squashed_buffer_;  // tanh(a_t), t = 1..T (the continuous form needs it)
  std::vector<double> recurrent_transposed_;
  std::vector<double> readout_transposed_;
  std::vector<double> dh_;
  std::vector<double> da_;
  std::vector<double> dy_;  // output errors of every step
  std::vector<double> carry_;

  // The float32 workspace (precision 32); the float64 buffers above then hold widened copies of
  // the hidden states and outputs.
  struct Float32Workspace {
    std::vector<float> parameters;
    std::vector<float> inputs;
    std::vector<float> hidden;
    std::vector<float> squashed;
    std::vector<float> outputs;
    std::vector<float> recurrent_transposed;
    std::vector<float> readout_transposed;
    std::vector<float> dh;
    std::vector<float> da;
    std::vector<float> dy;
    std::vector<float> carry;
    std::vector<float> gradient;
  };
  Float32Workspace f32_;
};

}  // namespace attractor
