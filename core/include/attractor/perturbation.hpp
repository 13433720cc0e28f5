// The weight perturbation every model's perturb(epsilon, seed) applies, in one place so that
// "the same kind of weight perturbation" means the same draws for every mechanism.
#pragma once

#include <cstdint>

namespace attractor {

// Adds std * N(0, 1) to each of `count` weights, in storage order (column-major for matrices),
// drawn from Rng(seed, streams::kPerturbation). std = epsilon / sqrt(N) for an N x N matrix.
void add_weight_noise(double* weights, int count, double std, std::uint64_t seed);

}  // namespace attractor
