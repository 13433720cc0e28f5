// Where a perturbed ring's bumps end up: M bumps started evenly around the ring relax (input
// and noise off) until they stop, and their end angles are grouped. A tuned ring keeps all M
// where they were started (a continuum of fixed points); a perturbed one collapses them onto a
// few stable fixed points, and the stored angles are lost.
//
// Cost: every step moves each of the M bumps by one Euler step, M (N^2 + O(N)) multiply-adds,
// e.g. 36 bumps at N = 128 are 6e5 per step. Bumps drift at a speed proportional to epsilon, so
// reaching the fixed points takes time of order 1 / epsilon; the search is therefore advanced
// in chunks (advance(steps)), and max_speed() says when it has settled.
#pragma once

#include <Eigen/Core>
#include <vector>

#include "attractor/params.hpp"
#include "attractor/ring_attractor.hpp"

namespace attractor {

class RingFixedPointSearch {
 public:
  static const ParamSpec& bumps_spec();
  static const ParamSpec& tolerance_spec();
  static const ParamSpec& steps_spec();

  struct Cluster {
    double angle_deg;  // circular mean of the members' end angles, in [0, 360)
    int members;
  };

  // Snapshots the model's current weights; later changes to the model do not affect it.
  RingFixedPointSearch(const RingAttractor& model, int bumps);

  // Moves every bump `steps` Euler steps.
  void advance(int steps);

  int bumps() const { return bumps_; }
  double time() const { return time_; }
  const std::vector<double>& start_angles() const { return start_angles_deg_; }
  // Current angles, degrees in [0, 360).
  const std::vector<double>& angles() const { return angles_deg_; }
  // Unwrapped distance each bump has travelled since the start (degrees).
  const std::vector<double>& displacements() const { return displacements_deg_; }
  // Each bump's speed over the last advance (degrees per second); NaN before the first.
  const std::vector<double>& speeds() const { return speeds_; }
  double max_speed() const;
  // End angles grouped around the circle: neighbours closer than `tolerance_deg` join one
  // cluster. At a fixed point's basin boundary bumps part ways, so once settled the clusters
  // are the stable fixed points that the M starts reach.
  std::vector<Cluster> clusters(double tolerance_deg) const;

 private:
  RingAttractor model_;
  int bumps_ = 0;
  int n_ = 0;
  double time_ = 0.0;
  std::int64_t step_count_ = 0;
  Eigen::MatrixXd states_;  // N x M
  Eigen::VectorXd next_;
  Eigen::VectorXd rates_;
  std::vector<double> start_angles_deg_;
  std::vector<double> angles_deg_;
  std::vector<double> last_angles_rad_;
  std::vector<double> displacements_deg_;
  std::vector<double> speeds_;
};

// The bump's drift speed (degrees per second) when held at each of `angles` evenly spaced angles
// (360 k / angles), by projecting the vector field at the tuned bump onto the ring's neutral
// direction with the left null vector phi'(x) * dx/dpsi: exact to first order in the
// perturbation, and it includes the discrete ring's pinning. Cost: angles (N^2 + O(N)), no
// simulation, so it is cheap where the relaxation is slow (small epsilon).
std::vector<double> ring_drift_profile(const RingAttractor& model, int angles);
const ParamSpec& ring_profile_angles_spec();

struct RingPredictedFixedPoint {
  double angle_deg;
  bool stable;  // the drift pushes towards it from both sides
};
// Zero crossings of a drift profile sampled at 360 k / size degrees, linearly interpolated.
// Samples with |speed| <= neutral_speed count as zero and are skipped, so a tuned ring (a
// continuum: the whole profile is rounding noise) has no isolated fixed points.
std::vector<RingPredictedFixedPoint> ring_profile_fixed_points(const std::vector<double>& profile,
                                                               double neutral_speed = 1e-6);

}  // namespace attractor
