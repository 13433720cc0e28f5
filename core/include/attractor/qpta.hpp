// The QPTA initialization's admissible region and its sampler (Park, Sagodi, Sokol 2023).
//
// A block alpha R(theta) is admissible when alpha is in [1.001, 10] and theta lies in
// [L(alpha), pi/2 - L(alpha)] or [pi/2 + L(alpha), pi - L(alpha)], where L(alpha) is the half-width
// of the 1:1, 1:4 and 1:2 resonance tongues of the 2-D tanh map (tanh_map_explorer.hpp): there the
// map's attractor is an invariant circle instead of a fixed point or a period-4 or period-2 orbit.
#pragma once

#include <cstdint>
#include <vector>

#include "attractor/rng.hpp"

namespace attractor {

constexpr double kQptaAlphaMin = 1.001;
constexpr double kQptaAlphaMax = 10.0;

// L(alpha) for alpha in [1, 10]: the classifier's tongue half-width, computed once at
// alpha = 1 + k / 20 (k = 1 .. 180, L(1) = 0 exactly) and interpolated linearly in between.
// Throws InvalidArgument outside [1, 10].
double qpta_boundary(double alpha);
// The tabulated values, L(1 + k / 20) for k = 0 .. 180.
const std::vector<double>& qpta_boundary_table();
constexpr double kQptaTableStep = 0.05;

bool qpta_admissible(double alpha, double theta);

struct QptaBlock {
  double alpha = 0;
  double theta = 0;
};

// `count` blocks uniform over the admissible region, by rejection from the rectangle
// [1.001, 10] x [0, pi]: so alpha has density proportional to pi - 4 L(alpha) and each of the two
// theta intervals has probability 1/2.
std::vector<QptaBlock> sample_qpta_blocks(int count, Rng& rng);

}  // namespace attractor
