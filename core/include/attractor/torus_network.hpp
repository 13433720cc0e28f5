// A network on an invariant torus: h <- tanh(W h) with W = blockdiag(alpha_i R(theta_i)), the
// QPTA initialization (Park, Sagodi, Sokol 2023). Each block is a 2-D tanh map with an attracting
// invariant circle, (alpha_i, theta_i) drawn uniformly from the admissible region (qpta.hpp), so
// the network starts on an N/2-torus. The torus is normally hyperbolic: after a weight
// perturbation it persists and only the blocks' rotation numbers shift.
//
// Unperturbed, a step costs O(N) (2x2 blocks); perturb(epsilon, seed) adds N(0, epsilon^2 / N)
// to all N^2 weights, which makes W dense and a step O(N^2).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/measures.hpp"
#include "attractor/params.hpp"
#include "attractor/qpta.hpp"

namespace attractor {

class TorusNetwork : public StepMap {
 public:
  static const std::vector<ParamSpec>& param_specs();
  static const ParamSpec& epsilon_spec();
  static const ParamSpec& seed_spec();
  static const ParamSpec& steps_spec();

  explicit TorusNetwork(const ParamValues& params = {});

  const ParamValues& params() const { return params_; }
  int size() const { return n_; }
  int blocks() const { return n_ / 2; }
  const std::vector<QptaBlock>& block_params() const { return blocks_; }

  // Back to the initial state (radius 0.5 per block, random phases from the seed); clears the
  // Poincare section. Keeps the perturbation.
  void reset();
  // Replaces any earlier perturbation; epsilon = 0 restores the block-diagonal W. Clears the
  // Poincare section.
  void perturb(double epsilon, std::uint64_t seed);
  // Advances `steps` steps. Afterwards rotation_numbers() and amplitudes() describe these steps,
  // trace() holds the observed block's (x, y) after each step.
  void run(int steps);

  double epsilon() const { return epsilon_; }
  bool dense() const { return dense_; }
  // W as a dense matrix (column-major), tuned or perturbed.
  Eigen::MatrixXd weights() const;
  const Eigen::VectorXd& state() const { return state_; }
  const std::vector<double>& trace() const { return trace_; }
  // Per block, over the last run: mean phase advance per step / 2 pi, and mean radius.
  const std::vector<double>& rotation_numbers() const { return rotation_numbers_; }
  const std::vector<double>& amplitudes() const { return amplitudes_; }
  // Per block, now: the phase angle in (-pi, pi].
  const std::vector<double>& phases() const { return phases_; }
  // Poincare section: the observed block's (x, y) (2 values per point) each time the section
  // block's phase crosses 0 upwards, since the last reset or perturbation (at most
  // kMaxSectionPoints points).
  const std::vector<double>& section() const { return section_; }
  static constexpr int kMaxSectionPoints = 50000;

  // time_steps, epsilon, blocks, mean_rotation_number, min_rotation_number,
  // max_rotation_number, mean_amplitude, min_radius (smallest block radius seen in the last run),
  // section_points.
  Measures measures() const;

  int dimension() const override { return n_; }
  double time_step() const override { return 1.0; }
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override;
  void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const override;

 private:
  void update_phases();

  ParamValues params_;
  int n_ = 0;
  int section_block_ = 0, observed_block_ = 0;
  std::vector<QptaBlock> blocks_;
  std::vector<double> block_w_;  // a, b, c, d per block
  std::vector<double> initial_;
  Eigen::MatrixXd dense_w_;
  bool dense_ = false;
  double epsilon_ = 0.0;
  Eigen::VectorXd state_, next_;
  std::vector<double> trace_, rotation_numbers_, amplitudes_, phases_, section_;
  std::vector<double> advance_sum_, radius_sum_;
  std::int64_t steps_ = 0;
  double min_radius_ = 0.0;
  bool measured_ = false;
};

}  // namespace attractor
