// Gradient persistence (Park, Sagodi & Sokol 2023): how a learning signal survives the trip back
// through time. Along a trajectory, P_T = dh_T/dh_0 = J(h_{T-1}) ... J(h_0); back-propagation
// multiplies a gradient by P_T^T, so the singular values of P_T bound how much of it is left
// after T steps. Zero Lyapunov exponents keep them near 1; negative ones make them vanish.
//
// The product is carried as M * 2^e (M renormalized by an exact power of two whenever its
// entries leave [2^-500, 2^500]), so it neither overflows nor underflows; at `records` evenly
// spaced T the singular values of M are computed (Eigen's BDCSVD) and reported as logs.
// Singular values below about 1e-15 times the largest are lost to rounding in M and come out
// inaccurate (or as log 0 = -inf); the leading ones, which the lessons use, are accurate.
// Cost: dimension^3 per step, plus an SVD per record.
//
// Resumable like the other analyses; the StepMap must outlive the analysis.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/params.hpp"
#include "attractor/tangent_analysis.hpp"

namespace attractor {

class GradientPersistence : public TangentAnalysis {
 public:
  // k, transient_steps, steps, records, seed, initial_scale.
  static const std::vector<ParamSpec>& param_specs();

  GradientPersistence(const StepMap& map, const ParamValues& config,
                      const Eigen::VectorXd& initial_state = Eigen::VectorXd());

  void advance(double budget);

  // One entry per record so far: T (steps), T * time_step(), and the k largest
  // log singular values of dh_T/dh_0 (k per record, largest first). The norm ||dh_T/dh_0|| is
  // the first of them.
  const std::vector<double>& record_steps() const { return record_steps_; }
  const std::vector<double>& record_times() const { return record_times_; }
  const std::vector<double>& log_singular_values() const { return log_singular_values_; }

 private:
  void record();

  std::int64_t records_ = 1;
  int records_made_ = 0;
  double log_scale_ = 0.0;  // log of the power of two taken out of the product
  Eigen::MatrixXd product_, scratch_;
  std::vector<double> record_steps_, record_times_, log_singular_values_;
};

}  // namespace attractor
