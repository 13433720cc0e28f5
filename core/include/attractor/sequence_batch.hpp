// A batch of input/target sequences for training, as the tasks produce it.
//
// Layout: for each time step t a column-major (features x batch) block, so x_t is the matrix at
// offset t * features * batch; that is what the products in the RNN consume directly. The loss
// mask is per (t, trial) and applies to every output.
#pragma once

#include <cstddef>
#include <vector>

namespace attractor {

struct SequenceBatch {
  int steps = 0;
  int batch = 0;
  int input_size = 0;
  int output_size = 0;
  std::vector<double> inputs;   // steps * input_size * batch
  std::vector<double> targets;  // steps * output_size * batch
  std::vector<double> mask;     // steps * batch, 0 or 1 (or a weight)

  void resize(int steps_, int batch_, int input_size_, int output_size_) {
    steps = steps_;
    batch = batch_;
    input_size = input_size_;
    output_size = output_size_;
    const auto t = static_cast<std::size_t>(steps_);
    const auto b = static_cast<std::size_t>(batch_);
    inputs.assign(t * static_cast<std::size_t>(input_size_) * b, 0.0);
    targets.assign(t * static_cast<std::size_t>(output_size_) * b, 0.0);
    mask.assign(t * b, 0.0);
  }
  double& input(int t, int trial, int i) {
    return inputs[(static_cast<std::size_t>(t) * batch + trial) * input_size + i];
  }
  double& target(int t, int trial, int o) {
    return targets[(static_cast<std::size_t>(t) * batch + trial) * output_size + o];
  }
  double& weight(int t, int trial) { return mask[static_cast<std::size_t>(t) * batch + trial]; }
  double input(int t, int trial, int i) const {
    return inputs[(static_cast<std::size_t>(t) * batch + trial) * input_size + i];
  }
  double target(int t, int trial, int o) const {
    return targets[(static_cast<std::size_t>(t) * batch + trial) * output_size + o];
  }
  double weight(int t, int trial) const {
    return mask[static_cast<std::size_t>(t) * batch + trial];
  }
};

}  // namespace attractor
