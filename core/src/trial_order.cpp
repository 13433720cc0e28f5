#include "attractor/trial_order.hpp"

#include <numeric>
#include <utility>

namespace attractor {

int TrialOrder::next(int count) {
  if (next_in_epoch_ == order_.size()) {
    order_.resize(static_cast<std::size_t>(count));
    std::iota(order_.begin(), order_.end(), 0);
    if (!sorted_) {
      for (int k = count - 1; k > 0; --k) {  // Fisher-Yates with the seeded generator
        const auto j = static_cast<int>(rng_.uniform() * (k + 1));
        std::swap(order_[static_cast<std::size_t>(k)], order_[static_cast<std::size_t>(j)]);
      }
    }
    next_in_epoch_ = 0;
  }
  return order_[next_in_epoch_++];
}

}  // namespace attractor
