// Principal components of a set of states, for 2-D and 3-D views of high-dimensional
// trajectories. The fitted projection can be applied to any other points, e.g. fixed points, so
// they can be drawn over the trajectory they belong to.
//
// The components are the leading eigenvectors of the sample covariance (Eigen's
// SelfAdjointEigenSolver), each with the sign that makes its largest-magnitude entry positive,
// so the picture does not flip between builds. Cost: dimension^2 * samples + dimension^3.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/params.hpp"

namespace attractor {

class Pca {
 public:
  // k and, for from_trajectory, transient_steps, steps, every, seed, initial_scale.
  static const std::vector<ParamSpec>& param_specs();

  // `data`: one state per column (dimension x samples, at least 2 samples, all finite).
  // k = 0 keeps every component.
  Pca(const Eigen::MatrixXd& data, double k);

  // Samples every `every`-th state of a trajectory of `map` after a transient and fits to them.
  // Short: no resumable form (cost steps * dimension^2 + the fit).
  static Pca from_trajectory(const StepMap& map, const ParamValues& config,
                             const Eigen::VectorXd& initial_state, Eigen::MatrixXd* samples);

  int dimension() const { return static_cast<int>(mean_.size()); }
  int count() const { return static_cast<int>(components_.cols()); }
  const Eigen::VectorXd& mean() const { return mean_; }
  // dimension x k, orthonormal columns, by decreasing variance.
  const Eigen::MatrixXd& components() const { return components_; }
  // Variance along each component, and its fraction of the total variance.
  const Eigen::VectorXd& variances() const { return variances_; }
  Eigen::VectorXd explained_ratio() const;
  double total_variance() const { return total_variance_; }
  // Coordinates of points (one per column) on the components: k x points.
  Eigen::MatrixXd project(const Eigen::MatrixXd& points) const;

 private:
  Eigen::VectorXd mean_;
  Eigen::MatrixXd components_;
  Eigen::VectorXd variances_;
  double total_variance_ = 0.0;
};

}  // namespace attractor
