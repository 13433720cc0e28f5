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
  virtual const ParamValues& params() const = 0;
  virtual int input_size() const = 0;
  virtual int hidden_size() const = 0;
  virtual int output_size() const = 0;

  virtual std::vector<double>& parameters() = 0;
  virtual const std::vector<double>& parameters() const = 0;
  virtual void set_parameters(const std::vector<double>& values) = 0;
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
  virtual double loss(const SequenceBatch& batch) = 0;
  // Outputs y_t of the last forward pass, laid out like batch.targets.
  virtual const std::vector<double>& outputs() const = 0;
  // Hidden states h_0..h_T of the last forward pass, (T + 1) blocks of hidden x batch.
  virtual const std::vector<double>& hidden_states() const = 0;
};

}  // namespace attractor
