// The Stuart-Landau (Hopf normal form) oscillator, the textbook limit cycle:
//
//   dx/dt = A (x, y)^T - (x^2 + y^2) (x, y)^T,   A = [[mu, -omega], [omega, mu]],
//
// i.e. dr/dt = r (mu - r^2), dphi/dt = omega: a cycle of radius sqrt(mu) and period 2 pi / omega
// with Floquet multipliers 1 (along the cycle) and exp(-2 mu T) (across it). A is the
// oscillator's "recurrent weight matrix": perturb(epsilon, seed) adds N(0, epsilon^2 / 2) to each
// of its four entries (the network rule epsilon / sqrt(N) with N = 2). The cycle persists; its
// period, amplitude and multiplier shift. Simulated with Euler steps of size dt.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/measures.hpp"
#include "attractor/params.hpp"
#include "attractor/planar_system.hpp"

namespace attractor {

struct FloquetResult {
  double period = 0;              // s; NaN if no cycle was found
  double multiplier[2] = {0, 0};  // the one nearest 1 first
  double amplitude = 0;           // mean radius over the cycle
};

// Floquet analysis of the flow dx/dt = A x - |x|^2 x by RK4 (not the Euler simulation): settle on
// the cycle, find the period by the phase's return to its start, integrate the variational
// equation over one period and take the eigenvalues of the monodromy matrix.
FloquetResult stuart_landau_floquet(const Mat2& a);

class StuartLandau : public PlanarSystem {
 public:
  static const std::vector<ParamSpec>& param_specs();
  static const ParamSpec& epsilon_spec();

  explicit StuartLandau(const ParamValues& params = {});

  void perturb(double epsilon, std::uint64_t seed);
  // Advances `steps` Euler steps; trace() holds x, y after each; amplitude and frequency describe
  // these steps.
  void run(int steps);

  const FloquetResult& floquet() const { return floquet_; }
  // time_s, x, y, radius, phase, epsilon, amplitude and frequency_rad_per_s (last run), and of
  // the flow's cycle: period_s, floquet_multiplier_1 (~1), floquet_multiplier_2.
  Measures measures() const;

  double time_step() const override { return dt_; }
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override;
  void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const override;

 private:
  double dt_ = 0;
  FloquetResult floquet_;
  double frequency_ = 0;
};

}  // namespace attractor
