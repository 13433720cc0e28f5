// Trains an Rnn on a Task with an Optimizer, one fresh seeded batch per step. train(k) can be
// called repeatedly (a web worker calls it in chunks to report progress and to allow stopping):
// train(10) twice gives exactly the same weights as train(20), natively and in WebAssembly.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "attractor/lstm.hpp"
#include "attractor/measures.hpp"
#include "attractor/optimizer.hpp"
#include "attractor/params.hpp"
#include "attractor/rnn.hpp"
#include "attractor/tasks.hpp"
#include "attractor/trainer_config.hpp"

namespace attractor {

class Trainer {
 public:
  static const std::vector<ParamSpec>& param_specs();

  explicit Trainer(const TrainerConfig& config);

  const TrainerConfig& config() const { return config_; }
  TrainableNetwork& network() { return *network_; }
  const TrainableNetwork& network() const { return *network_; }
  // The network as an Rnn; throws InvalidArgument naming `what` for an LSTM.
  const Rnn& rnn(const std::string& what) const;
  const Task& task() const { return *task_; }
  const Optimizer& optimizer() const { return optimizer_; }

  // Up to `steps` optimizer steps; returns how many were taken. Stops early once the training
  // loss falls below target_loss, or when the loss or the gradient is not finite: then the
  // weights stay as they were before that step and stop_reason() says what happened.
  int train(int steps);
  long steps_taken() const { return optimizer_.steps_taken(); }
  bool stopped() const { return !stop_reason_.empty(); }
  const std::string& stop_reason() const { return stop_reason_; }

  // Training loss of every step so far.
  const std::vector<double>& losses() const { return losses_; }
  // Gradient norm before clipping, every step so far.
  const std::vector<double>& gradient_norms() const { return gradient_norms_; }
  // |dL/dh_t| for t = 1..T from the last step.
  const std::vector<double>& hidden_gradient_norms() const { return hidden_gradient_norms_; }

  // Eigenvalues of the current recurrent matrix W (an RNN's; an LSTM has none), as real and
  // imaginary parts, sorted by modulus (largest first; ties: larger real part, then larger
  // imaginary part first). Eigen's eigensolver: natively and in wasm they agree to rounding, not to
  // the bit.
  struct Eigenvalues {
    std::vector<double> real;
    std::vector<double> imag;
  };
  Eigenvalues recurrent_eigenvalues() const;
  // The largest Lyapunov exponents (per step for the discrete form, per unit time for the
  // continuous one) of the current network with zero input, by LyapunovSpectrum on network().
  // `options` are LyapunovSpectrum's (k, transient_steps, steps, records, seed, initial_scale;
  // its defaults: all exponents, 1000 transient steps, 10000 averaged, from N(0, 0.5^2) per unit
  // drawn from seed 1). Bit-identical natively and in wasm. Throws InvalidArgument naming the
  // option for a bad one (k above the hidden size, steps out of range, an unknown name).
  std::vector<double> lyapunov_exponents(const ParamValues& options) const;
  std::vector<double> lyapunov_exponents(int k, int steps) const {
    return lyapunov_exponents({{"k", k}, {"steps", steps}});
  }

  // |dL/dh_t| for t = 1..T of the current network on the validation batch: the learning signal
  // across the trial, the same for every initialization with the same training seed (and
  // available before any training step). Changes neither the weights nor the training.
  std::vector<double> validation_gradient_norms();

  // Loss and accuracy on a fixed validation batch (drawn once from the seed).
  double validation_loss();
  double validation_accuracy();
  // steps, loss (last training loss), validation_loss, accuracy, gradient_norm, learning_rate.
  Measures measures();

  // A versioned JSON checkpoint: the resolved configuration, the step count, the weights, the
  // optimizer's and the data generator's state and the loss history. Loading it and training
  // on gives exactly the weights an uninterrupted run would have.
  std::string to_checkpoint() const;
  // Throws InvalidArgument saying what is wrong with the text (JSON position, format, version,
  // sizes), never returning a half-restored trainer.
  static std::unique_ptr<Trainer> from_checkpoint(const std::string& text);
  static constexpr int kCheckpointVersion = 1;

 private:
  TrainerConfig config_;
  std::unique_ptr<Task> task_;
  std::unique_ptr<TrainableNetwork> network_;
  Optimizer optimizer_;
  Rng data_rng_;
  SequenceBatch batch_;
  SequenceBatch validation_;
  std::vector<double> gradient_;
  std::vector<double> losses_;
  std::vector<double> gradient_norms_;
  std::vector<double> hidden_gradient_norms_;
  std::string stop_reason_;
};

}  // namespace attractor
