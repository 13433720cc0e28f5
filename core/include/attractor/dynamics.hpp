// The view of a model that the analysis tools (fixed points, Lyapunov spectra, gradient
// persistence) work on: one autonomous step x_{t+1} = step(x_t) and its Jacobian.
//
// Continuous-time models are simulated with Euler steps, so their step is
// x + dt f(x) and time_step() is dt: per-second rates are per-step rates divided by dt, and the
// fixed points of the step are the zeros of f. Discrete maps return 1.
#pragma once

#include <Eigen/Core>

namespace attractor {

class StepMap {
 public:
  virtual ~StepMap() = default;
  virtual int dimension() const = 0;
  virtual double time_step() const = 0;
  // The state after one step from x, with inputs off and the current weights.
  virtual void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const = 0;
  // d step(x) / dx, dimension() x dimension().
  virtual void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const = 0;
};

}  // namespace attractor
