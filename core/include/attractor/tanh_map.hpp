// The 2-D tanh map h <- tanh(W h) with W = alpha R(theta), the building block of the QPTA
// initialization (Park, Sagodi, Sokol 2023).
//
// At the origin the Jacobian is alpha R(theta), eigenvalues alpha e^{+-i theta}: for alpha > 1 the
// origin is unstable and a Neimark-Sacker bifurcation leaves an attracting invariant circle. On
// that circle the map rotates by about theta per step; near theta = 0, pi/2 and pi the rotation
// locks to a fixed point, a period-4 or a period-2 orbit (strong resonances, wide Arnold tongues;
// tanh acting on each coordinate commutes with rotation by pi/2, which makes the three tongues
// exactly as wide as each other). Elsewhere the circle carries a quasi-periodic orbit, or a
// periodic one in a narrow higher-order tongue.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/measures.hpp"
#include "attractor/params.hpp"
#include "attractor/planar_system.hpp"

namespace attractor {

enum class AttractorKind : int {
  kFixedPoint = 0,
  kPeriodic = 1,         // period 2 .. max_period
  kInvariantCircle = 2,  // quasi-periodic, or periodic with a period above max_period
  kOther = 3,            // none of these (chaotic, or not settled)
};

const char* attractor_kind_name(AttractorKind kind);

struct ClassifierOptions {
  int transient = 600;  // steps before looking
  int window = 256;     // steps looked at
  int max_period = 16;  // longest period reported as periodic
  double tolerance = 1e-9;
};

struct Classification {
  AttractorKind kind = AttractorKind::kOther;
  int period = 0;                // 1 for a fixed point, k for period k, 0 otherwise
  double rotation_number = 0.0;  // mean phase advance per step / 2 pi, over the window
  double mean_radius = 0.0;      // mean |h| over the window
  double min_radius = 0.0;
  // Per-step Lyapunov exponents over the window (lyapunov[0] >= lyapunov[1] up to noise).
  double lyapunov[2] = {0, 0};
  // Floquet multipliers (moduli, largest first) of the periodic orbit found by Newton's method;
  // NaN when no periodic orbit was found.
  double multiplier[2] = {0, 0};
  double x = 0, y = 0;  // state at the end, a good start for a neighbouring (alpha, theta)
};

// kind (AttractorKind as a number), period, rotation_number, mean_radius, lyapunov_1, lyapunov_2,
// multiplier_1, multiplier_2: a classification as the command line and the page report it.
Measures classification_measures(const Classification& c);

// Classifies the attractor reached from (x0, y0) by iterating h <- tanh(W h): it iterates
// `transient` steps, then looks at `window` more. A period k is accepted when every point of the
// window returns within `tolerance` after k steps, or when Newton's method on F^k(h) = h started
// from the window's closest return converges to a periodic orbit that is stable or away from the
// origin (periodic orbits off the origin exist only inside a tongue, so this makes the tongue
// edges sharp even where convergence is slow). Otherwise an orbit that keeps away from the origin
// and whose cyclic order by angle the map preserves (a circle homeomorphism) is an invariant
// circle. Deterministic: det:: functions and IEEE arithmetic only.
class TanhMapClassifier {
 public:
  explicit TanhMapClassifier(const ClassifierOptions& options = {});
  const ClassifierOptions& options() const { return options_; }
  Classification classify(const Mat2& w, double x0, double y0);

 private:
  bool newton_periodic(const Mat2& w, int k, double& x, double& y, double multiplier[2]) const;

  ClassifierOptions options_;
  std::vector<double> xs_, ys_, angles_;
  std::vector<int> order_;
  std::vector<double> closest_;  // per period k: the window's closest return and where
  std::vector<int> closest_at_;
  std::vector<double> ring_x_, ring_y_;  // the transient's last max_period states
};

// The positive root of x = tanh(alpha x) (0 for alpha <= 1): (x*, x*) is the stable fixed point at
// theta = 0, and a start on the invariant circle's neighbourhood for every theta.
double tanh_map_diagonal_start(double alpha);

// One 2-D tanh map as a model. perturb(epsilon, seed) adds N(0, (epsilon / sqrt 2)^2) to each of
// the four entries of W (the network rule "std epsilon / sqrt(N)" with N = 2).
class TanhMap : public PlanarSystem {
 public:
  static const std::vector<ParamSpec>& param_specs();
  static const ParamSpec& epsilon_spec();

  explicit TanhMap(const ParamValues& params = {});

  void perturb(double epsilon, std::uint64_t seed);
  // Advances `steps` steps; trace() then holds x, y after each step (2 values per step), and the
  // amplitude, rotation number and Lyapunov exponents describe these steps.
  void run(int steps);

  // Classifies the attractor of the current W, starting from the current state.
  Classification classify() const;
  // time_steps, x, y, radius, phase, epsilon, amplitude (mean radius over the last run),
  // rotation_number and frequency_rad_per_step (over the last run), lyapunov_1/2 (per step, last
  // run), then from classify(): attractor_kind, period, floquet_multiplier_1/2.
  Measures measures() const;

  double time_step() const override { return 1.0; }
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override;
  void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const override;

 private:
  double rotation_number_ = 0.0, lyapunov_[2] = {0, 0};
};

}  // namespace attractor
