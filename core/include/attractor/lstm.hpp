// An LSTM without a forget gate, with a linear readout: the baseline of Park, Ságodi and Sokół
// (2023), as their released code defines it (Code/lstm.py, LSTM_noforget):
//
//   z_t = U x_t + W h_{t-1} + b            (3N rows: input gate, candidate, output gate)
//   i_t = sigmoid(z_i), g_t = tanh(z_g), o_t = sigmoid(z_o)
//   c_t = i_t g_t                          cell_memory = 0 (their code)
//   c_t = c_{t-1} + i_t g_t                cell_memory = 1 (Hochreiter & Schmidhuber 1997)
//   h_t = o_t tanh(c_t),  y_t = V h_t + c,  h_0 = c_0 = 0
//
// Their cell has no memory of its own: c_t = i_t g_t, so the only recurrence runs through the
// gates. cell_memory = 1 is the original LSTM, whose cell integrates without loss (the constant
// error carousel). Every weight and bias starts uniform in [-1/sqrt(N), 1/sqrt(N)], as theirs;
// their readout has no bias (readout_bias = 0).
//
// Parameters live in one flat vector (U, W, b, V, c, each column-major; the gate rows in the
// order i, g, o) like Rnn's, so the same optimizers train it. Every product runs through gemm::
// and every tanh and exp through det::, so a seed gives bit-identical results natively and in
// WebAssembly. Float64 throughout.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "attractor/params.hpp"
#include "attractor/sequence_batch.hpp"
#include "attractor/trainable_network.hpp"

namespace attractor {

class Lstm : public TrainableNetwork {
 public:
  static const std::vector<ParamSpec>& param_specs();

  // Throws InvalidArgument for bad parameters.
  explicit Lstm(const ParamValues& params = {});

  bool cell_memory() const { return cell_memory_; }
  bool has_readout_bias() const { return readout_bias_; }
  // Parameters of an LSTM with these sizes: 3N (I + N + 1) + O N + O.
  static std::size_t parameter_count(int inputs, int hidden, int outputs);

  Eigen::Map<const Eigen::MatrixXd> input() const;         // U, 3N x inputs
  Eigen::Map<const Eigen::MatrixXd> recurrent() const;     // W, 3N x N
  Eigen::Map<const Eigen::VectorXd> bias() const;          // b, 3N
  Eigen::Map<const Eigen::MatrixXd> readout() const;       // V, outputs x N
  Eigen::Map<const Eigen::VectorXd> readout_bias() const;  // c, outputs
  std::size_t input_offset() const override { return 0; }
  std::size_t recurrent_offset() const override;
  std::size_t bias_offset() const override;
  std::size_t readout_offset() const override;
  std::size_t readout_bias_offset() const override;

  // The gradient as TrainableNetwork documents it; set_parameters() refuses a non-zero readout
  // bias when the network has none.
  double loss_and_gradient(const SequenceBatch& batch, std::vector<double>& gradient,
                           std::vector<double>* hidden_gradient_norms) override;
  using TrainableNetwork::loss_and_gradient;
  const std::string& architecture() const override;

  // StepMap, with zero input. The state is h (N values) when the cell has no memory, since c_t
  // then follows from h_{t-1}; it is (h, c) (2N values) when it has.
  int dimension() const override { return cell_memory_ ? 2 * hidden_ : hidden_; }
  double time_step() const override { return 1.0; }
  void step(const Eigen::VectorXd& state, Eigen::VectorXd& next) const override;
  void step_jacobian(const Eigen::VectorXd& state, Eigen::MatrixXd& jacobian) const override;

 private:
  UnusedBlock unused_parameters() const override;
  void check_batch(const SequenceBatch& batch) const override;
  void forward(const SequenceBatch& batch) override;

  bool cell_memory_ = false;
  bool readout_bias_ = false;

  // Workspace, resized to the batch; reused between calls.
  std::vector<double> gates_buffer_;     // i, g, o after their nonlinearities, 3N x batch per step
  std::vector<double> cell_buffer_;      // c_0..c_T
  std::vector<double> squashed_buffer_;  // tanh(c_t), t = 1..T
  std::vector<double> dy_;
};

}  // namespace attractor
