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

struct StepAgreement {
  bool same_state;        // step() from the state lands on the same bits as the simulation
  double jacobian_error;  // jacobian_error() at the state the step started from
};

// Takes one step of `model` both ways, as a StepMap and as the simulation (`advance`, e.g.
// [&] { model.run(1); }), from the model's current state.
template <typename Model, typename Advance>
StepAgreement step_against_simulation(Model& model, Advance advance) {
  Eigen::VectorXd next;
  model.step(model.state(), next);
  const Eigen::VectorXd before = model.state();
  advance();
  return {next == model.state(), jacobian_error(model, before)};
}

}  // namespace attractor::testing
