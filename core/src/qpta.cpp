#include "attractor/qpta.hpp"

#include <algorithm>
#include <cmath>

#include "attractor/params.hpp"
#include "attractor/phase.hpp"
#include "attractor/tanh_map_explorer.hpp"

namespace attractor {

const std::vector<double>& qpta_boundary_table() {
  // Computed on first use (about 0.1 s), from the same deterministic classifier everywhere.
  static const std::vector<double> table = [] {
    std::vector<double> values(181, 0.0);
    // Only "fixed point or not" matters here and Newton's method decides it near the edge, so a
    // short look suffices.
    ClassifierOptions options;
    options.transient = 300;
    options.window = 64;
    options.max_period = 4;
    TanhMapClassifier classifier(options);
    double previous = 0.0;
    for (int k = 1; k <= 180; ++k) {
      const double alpha = 1.0 + k * kQptaTableStep;
      // L grows with alpha by less than 0.02 per step: the previous value and 0.03 above it
      // bracket the edge (widened to pi/4 if not).
      const double start = tanh_map_diagonal_start(alpha);
      double high = std::min(previous + 0.03, phase::kPi / 4);
      if (classifier.classify(Mat2::scaled_rotation(alpha, high), start, start).kind ==
          AttractorKind::kFixedPoint) {
        high = phase::kPi / 4;
      }
      values[k] = tongue_half_width(alpha, classifier, previous, high);
      previous = values[k];
    }
    return values;
  }();
  return table;
}

double qpta_boundary(double alpha) {
  if (!(alpha >= 1.0 && alpha <= kQptaAlphaMax)) {
    throw InvalidArgument("qpta boundary: alpha = " + format_number(alpha) +
                          " is not allowed; alpha must be a number from 1 to 10");
  }
  const std::vector<double>& table = qpta_boundary_table();
  const double position = (alpha - 1.0) / kQptaTableStep;
  const int k = std::min(static_cast<int>(position), 179);
  const double fraction = position - k;
  return table[k] + fraction * (table[k + 1] - table[k]);
}

bool qpta_admissible(double alpha, double theta) {
  if (!(alpha >= kQptaAlphaMin && alpha <= kQptaAlphaMax)) return false;
  const double l = qpta_boundary(alpha);
  return (theta >= l && theta <= phase::kPi / 2 - l) ||
         (theta >= phase::kPi / 2 + l && theta <= phase::kPi - l);
}

std::vector<QptaBlock> sample_qpta_blocks(int count, Rng& rng) {
  std::vector<QptaBlock> blocks;
  blocks.reserve(count);
  while (static_cast<int>(blocks.size()) < count) {
    const double alpha = rng.uniform(kQptaAlphaMin, kQptaAlphaMax);
    const double theta = rng.uniform(0.0, phase::kPi);
    if (qpta_admissible(alpha, theta)) blocks.push_back({alpha, theta});
  }
  return blocks;
}

}  // namespace attractor
