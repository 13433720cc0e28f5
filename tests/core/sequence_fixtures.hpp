// Random sequence batches for tests of the RNN.
#pragma once

#include <cstdint>

#include "attractor/rng.hpp"
#include "attractor/sequence_batch.hpp"

namespace attractor::testing {

// Normal inputs, targets uniform in [-1, 1], each (step, trial) in the loss with the given
// probability (the first one always).
inline SequenceBatch random_batch(int steps, int trials, int inputs, int outputs,
                                  std::uint64_t seed, double mask_probability) {
  Rng rng(seed);
  SequenceBatch batch;
  batch.resize(steps, trials, inputs, outputs);
  for (auto& x : batch.inputs) x = rng.normal();
  for (auto& y : batch.targets) y = rng.uniform(-1, 1);
  for (auto& m : batch.mask) m = rng.uniform() < mask_probability ? 1.0 : 0.0;
  batch.mask[0] = 1.0;
  return batch;
}

// A random batch (one input, one output) whose loss counts only step `step`, in every trial.
inline SequenceBatch batch_counting_step(int steps, int trials, int step, std::uint64_t seed) {
  SequenceBatch batch = random_batch(steps, trials, 1, 1, seed, 0.0);
  for (auto& m : batch.mask) m = 0.0;
  for (int j = 0; j < trials; ++j) batch.weight(step, j) = 1.0;
  return batch;
}

}  // namespace attractor::testing
