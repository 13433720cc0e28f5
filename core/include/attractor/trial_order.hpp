// The order in which trials visit a fixed set of items (the stored values of MemoryTrials, the
// levels of PatternTrials): epochs in which every item comes once, in increasing order or in a
// new seeded shuffle each epoch.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "attractor/rng.hpp"

namespace attractor {

class TrialOrder {
 public:
  TrialOrder(std::uint64_t seed, bool sorted) : rng_(seed, streams::kTaskData), sorted_(sorted) {}

  // The item of the next trial, among `count` items (the same count every call).
  int next(int count);

 private:
  Rng rng_;
  bool sorted_ = false;
  std::vector<int> order_;
  std::size_t next_in_epoch_ = 0;
};

}  // namespace attractor
