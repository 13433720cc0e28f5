#include "attractor/perturbation.hpp"

#include "attractor/rng.hpp"

namespace attractor {

void add_weight_noise(double* weights, int count, double std, std::uint64_t seed) {
  Rng rng(seed, streams::kPerturbation);
  for (int k = 0; k < count; ++k) weights[k] += std * rng.normal();
}

}  // namespace attractor
