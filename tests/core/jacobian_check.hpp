// Checks a StepMap's analytic Jacobian against central finite differences of its step.
#pragma once

#include <Eigen/Core>
#include <cmath>

#include "attractor/dynamics.hpp"

namespace attractor::testing {

// Largest |analytic - numeric| over all entries, relative to max(1, |analytic|).
inline double jacobian_error(const StepMap& map, const Eigen::VectorXd& x, double h = 1e-6) {
  Eigen::MatrixXd analytic;
  map.step_jacobian(x, analytic);
  Eigen::VectorXd plus, minus;
  double worst = 0.0;
  for (int j = 0; j < map.dimension(); ++j) {
    Eigen::VectorXd xp = x, xm = x;
    xp[j] += h;
    xm[j] -= h;
    map.step(xp, plus);
    map.step(xm, minus);
    const Eigen::VectorXd column = (plus - minus) / (2 * h);
    for (int i = 0; i < map.dimension(); ++i) {
      const double scale = std::fmax(1.0, std::fabs(analytic(i, j)));
      worst = std::fmax(worst, std::fabs(analytic(i, j) - column[i]) / scale);
    }
  }
  return worst;
}

}  // namespace attractor::testing
