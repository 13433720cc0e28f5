// Lyapunov spectra of the lab's own attractor models, against what the theory says: a tuned
// ring has one exponent at zero (the neutral bump position) that a perturbation pushes below
// zero; a QPTA torus has one zero exponent per block that carries an invariant circle, and keeps
// them under a perturbation.
#include <doctest/doctest.h>

#include <cmath>

#include "attractor/lyapunov.hpp"
#include "attractor/ring_attractor.hpp"
#include "attractor/ring_fixed_points.hpp"
#include "attractor/tanh_map.hpp"
#include "attractor/torus_network.hpp"

using attractor::LyapunovSpectrum;

namespace {

Eigen::VectorXd top_exponents(const attractor::StepMap& map, const Eigen::VectorXd& start, int k,
                              double transient, double steps) {
  LyapunovSpectrum spectrum(map, {{"k", k}, {"transient_steps", transient}, {"steps", steps}},
                            start);
  while (!spectrum.done()) spectrum.advance(1e9);
  return spectrum.exponents();
}

}  // namespace

TEST_CASE("ring: one exponent at zero when tuned, pushed below zero by a perturbation") {
  attractor::RingAttractor ring({{"n", 48}});
  const Eigen::VectorXd tuned = top_exponents(ring, ring.state(), 2, 200, 3000);
  CAPTURE(tuned);
  CHECK(std::fabs(tuned[0]) < 0.02);  // per second, against a decay rate of about 70 per second
  CHECK(tuned[1] < -20);

  // A perturbation that leaves isolated fixed points (some leave none: the bump then circles).
  for (const std::uint64_t seed : {1u, 2u, 3u}) {
    CAPTURE(seed);
    ring.perturb(0.1, seed);
    if (attractor::ring_profile_fixed_points(attractor::ring_drift_profile(ring, 180)).empty()) {
      continue;
    }
    ring.reset();
    const Eigen::VectorXd perturbed = top_exponents(ring, ring.state(), 2, 40000, 5000);
    CAPTURE(perturbed);
    CHECK(perturbed[0] < -0.05);
    CHECK(perturbed[0] > tuned[1]);  // still the slow direction: only the neutral one moved
  }
}

TEST_CASE("QPTA torus: a zero exponent per circle-carrying block, kept under a perturbation") {
  for (const double seed : {1.0, 2.0}) {
    CAPTURE(seed);
    attractor::TorusNetwork torus({{"n", 16}, {"seed", seed}});
    // Which blocks carry an invariant circle (the rest lock onto periodic orbits).
    const Eigen::MatrixXd w = torus.weights();
    attractor::TanhMapClassifier classifier;
    int circles = 0;
    for (int b = 0; b < 8; ++b) {
      const attractor::Mat2 block{w(2 * b, 2 * b), w(2 * b, 2 * b + 1), w(2 * b + 1, 2 * b),
                                  w(2 * b + 1, 2 * b + 1)};
      circles +=
          classifier.classify(block, 0.5, 0.0).kind == attractor::AttractorKind::kInvariantCircle;
    }
    CAPTURE(circles);
    CHECK(circles >= 3);
    auto near_zero = [](const Eigen::VectorXd& exponents) {
      int count = 0;
      for (Eigen::Index i = 0; i < exponents.size(); ++i) count += std::fabs(exponents[i]) < 2e-3;
      return count;
    };
    const Eigen::VectorXd tuned = top_exponents(torus, torus.state(), 16, 2000, 6000);
    CAPTURE(tuned);
    CHECK(near_zero(tuned) == circles);
    // The same kind of perturbation that breaks the ring: the circles persist (zero exponents
    // stay), unless a shifted frequency happens to lock.
    torus.perturb(0.01, 5);
    const Eigen::VectorXd perturbed = top_exponents(torus, torus.state(), 16, 2000, 6000);
    CAPTURE(perturbed);
    CHECK(near_zero(perturbed) >= circles - 1);
  }
}
