// What the Trainer needs of a network: a flat parameter vector, the masked loss and its gradient
// by backpropagation through time, and the zero-input step map for analyses. Rnn and Lstm
// implement it; the layout offsets name the same blocks in both (see each class).
#pragma once

#include <string>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/params.hpp"
#include "attractor/sequence_batch.hpp"

namespace attractor {

class TrainableNetwork : public StepMap {
 public:
  // "rnn" or "lstm".
  virtual const std::string& architecture() const = 0;
  const ParamValues& params() const { return params_; }
  int input_size() const { return inputs_; }
  int hidden_size() const { return hidden_; }
  int output_size() const { return outputs_; }

  // The flat parameter vector; the offsets below name its blocks.
  std::vector<double>& parameters() { return parameters_; }
  const std::vector<double>& parameters() const { return parameters_; }
  // Replaces all parameters; throws unless `values` has the right length and is finite, and is 0
  // in the block the network does not use (an absent bias).
  void set_parameters(const std::vector<double>& values);
  virtual std::size_t input_offset() const = 0;
  virtual std::size_t recurrent_offset() const = 0;
  virtual std::size_t bias_offset() const = 0;
  virtual std::size_t readout_offset() const = 0;
  virtual std::size_t readout_bias_offset() const = 0;

  // The masked mean squared error (masked_squared_error()) and its gradient in the layout of
  // parameters(); if given, |dL/dh_t| for t = 1..T.
  virtual double loss_and_gradient(const SequenceBatch& batch, std::vector<double>& gradient,
                                   std::vector<double>* hidden_gradient_norms) = 0;
  double loss_and_gradient(const SequenceBatch& batch, std::vector<double>& gradient) {
    return loss_and_gradient(batch, gradient, nullptr);
  }
  // The loss alone (one forward pass).
  double loss(const SequenceBatch& batch);
  // Outputs y_t of the last forward pass, laid out like batch.targets.
  const std::vector<double>& outputs() const { return outputs_buffer_; }
  // Hidden states h_0..h_T of the last forward pass, (T + 1) blocks of hidden x batch.
  const std::vector<double>& hidden_states() const { return hidden_buffer_; }

 protected:
  // Resolves `params` against `specs` (errors name `context`) and reads the sizes inputs, hidden
  // and outputs from them.
  TrainableNetwork(const std::vector<ParamSpec>& specs, const ParamValues& params,
                   const char* context);

  // A block of parameters the network does not use: kept at 0, set_parameters refuses others.
  struct UnusedBlock {
    std::size_t begin = 0;
    std::size_t end = 0;
    const char* name = "";
  };
  virtual UnusedBlock unused_parameters() const = 0;
  // Throws InvalidArgument naming the network unless `batch` fits it.
  virtual void check_batch(const SequenceBatch& batch) const = 0;
  // Fills outputs_buffer_ and hidden_buffer_ for a checked batch.
  virtual void forward(const SequenceBatch& batch) = 0;

  ParamValues params_;
  int inputs_ = 0;
  int hidden_ = 0;
  int outputs_ = 0;
  std::vector<double> parameters_;
  std::vector<double> hidden_buffer_;  // h_0..h_T
  std::vector<double> outputs_buffer_;
};

}  // namespace attractor
