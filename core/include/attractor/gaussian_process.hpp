// Samples of a Gaussian process with the squared-exponential kernel
//
//   k(x, y) = exp(-(x - y)^2 / 2),   |x|, |y| <= 1,
//
// the angular-velocity signal of Park, Ságodi and Sokół's angular-integration task (their
// velocity is this process on x = linspace(-1, 1, T), whatever the trial length T).
//
// The kernel factors exactly: k(x, y) = exp(-x^2/2) exp(-y^2/2) sum_n (x y)^n / n!, so
//
//   f(x) = exp(-x^2/2) sum_{n=0}^{K-1} z_n x^n / sqrt(n!),   z_n ~ N(0, 1) independent,
//
// has covariance k(x, y) up to the tail sum_{n>=K} 1/n!, below 1e-47 for K = 40 on |x| <= 1:
// exact in double precision. It needs K normal draws per trial instead of a factorization of a
// T x T covariance matrix (ill-conditioned for this smooth kernel), and every operation has a
// fixed order, so a seed gives bit-identical samples natively and in WebAssembly.
#pragma once

#include <vector>

#include "attractor/rng.hpp"

namespace attractor {

// Terms of the series (normal draws per sample).
constexpr int kSquaredExponentialTerms = 40;

// One sample path at `points` (each in [-1, 1]) into `values`; draws kSquaredExponentialTerms
// normals from `rng`. Throws InvalidArgument for a point outside [-1, 1] or not finite.
void sample_squared_exponential(Rng& rng, const std::vector<double>& points,
                                std::vector<double>& values);

// T points spread evenly over [-1, 1] (numpy's linspace(-1, 1, T)); T = 1 gives {-1}.
std::vector<double> linspace_unit(int count);

}  // namespace attractor
