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

}  // namespace attractor::testing
