// Small StepMaps with known answers, for testing the analysis tools.
#pragma once

#include <Eigen/Core>
#include <Eigen/LU>
#include <cmath>
#include <utility>
#include <vector>

#include "attractor/dynamics.hpp"

namespace attractor::testing {

// x <- A x (time_step 1), or the Euler step x <- x + dt A x of the flow dx/dt = A x.
class LinearSystem : public StepMap {
 public:
  LinearSystem(Eigen::MatrixXd a, double dt = 1.0) : a_(std::move(a)), dt_(dt) {}
  int dimension() const override { return static_cast<int>(a_.rows()); }
  double time_step() const override { return dt_; }
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override {
    next = dt_ == 1.0 ? Eigen::VectorXd(a_ * x) : Eigen::VectorXd(x + dt_ * (a_ * x));
  }
  void step_jacobian(const Eigen::VectorXd& /*x*/, Eigen::MatrixXd& jacobian) const override {
    if (dt_ == 1.0) {
      jacobian = a_;
    } else {
      jacobian = dt_ * a_;
      jacobian.diagonal().array() += 1.0;
    }
  }

 private:
  Eigen::MatrixXd a_;
  double dt_;
};

// S blockdiag(...) S^-1 with the given real eigenvalues and complex pairs r e^{+-i phi}, S a
// fixed well-conditioned mixing matrix, so the eigenvalues are known but the matrix is not
// normal.
inline Eigen::MatrixXd matrix_with_eigenvalues(
    const std::vector<double>& real, const std::vector<std::pair<double, double>>& pairs) {
  const int n = static_cast<int>(real.size() + 2 * pairs.size());
  Eigen::MatrixXd block = Eigen::MatrixXd::Zero(n, n);
  int i = 0;
  for (const double value : real) {
    block(i, i) = value;
    ++i;
  }
  for (const auto& [r, phi] : pairs) {
    block(i, i) = r * std::cos(phi);
    block(i, i + 1) = -r * std::sin(phi);
    block(i + 1, i) = r * std::sin(phi);
    block(i + 1, i + 1) = r * std::cos(phi);
    i += 2;
  }
  Eigen::MatrixXd s = Eigen::MatrixXd::Identity(n, n);
  for (int r = 0; r < n; ++r) {
    for (int c = 0; c < n; ++c) s(r, c) += 0.3 * std::sin(1.7 * r + 2.9 * c + 0.4);
  }
  return s * block * s.inverse();
}

// Independent Hopf normal forms dz/dt = (mu + i omega) z - |z|^2 z, one per pair of coordinates,
// Euler steps of size dt. Each has a stable limit cycle of radius ~sqrt(mu); together they make
// an attracting torus.
class HopfOscillators : public StepMap {
 public:
  HopfOscillators(std::vector<double> mu, std::vector<double> omega, double dt)
      : mu_(std::move(mu)), omega_(std::move(omega)), dt_(dt) {}
  int dimension() const override { return 2 * static_cast<int>(mu_.size()); }
  double time_step() const override { return dt_; }
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override {
    next.resize(x.size());
    for (std::size_t b = 0; b < mu_.size(); ++b) {
      const double u = x[2 * b], v = x[2 * b + 1], r2 = u * u + v * v;
      next[2 * b] = u + dt_ * ((mu_[b] - r2) * u - omega_[b] * v);
      next[2 * b + 1] = v + dt_ * (omega_[b] * u + (mu_[b] - r2) * v);
    }
  }
  void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const override {
    jacobian = Eigen::MatrixXd::Identity(x.size(), x.size());
    for (std::size_t b = 0; b < mu_.size(); ++b) {
      const auto i = static_cast<Eigen::Index>(2 * b);
      const double u = x[i], v = x[i + 1], r2 = u * u + v * v;
      jacobian(i, i) += dt_ * (mu_[b] - r2 - 2 * u * u);
      jacobian(i, i + 1) += dt_ * (-omega_[b] - 2 * u * v);
      jacobian(i + 1, i) += dt_ * (omega_[b] - 2 * u * v);
      jacobian(i + 1, i + 1) += dt_ * (mu_[b] - r2 - 2 * v * v);
    }
  }
  // The Euler map's circle and its radial exponent, exactly: the map commutes with rotations,
  // so on its invariant circle r^2 = mu + (1 - sqrt(1 - dt^2 omega^2)) / dt the radial
  // multiplier is the constant 1 - 2 dt r^2 sqrt(1 - dt^2 omega^2); the phase direction is
  // neutral.
  double radial_exponent(std::size_t b) const {
    const double a = std::sqrt(1 - dt_ * dt_ * omega_[b] * omega_[b]);
    const double r2 = mu_[b] + (1 - a) / dt_;
    return std::log(1 - 2 * dt_ * r2 * a) / dt_;
  }

 private:
  std::vector<double> mu_, omega_;
  double dt_;
};

// h <- tanh(W h) with W = blockdiag(alpha_b R(theta_b)) built here (the QPTA form of Park,
// Sagodi & Sokol 2023): each block carries an attracting invariant circle for alpha > 1.
class RotationTanhNetwork : public StepMap {
 public:
  RotationTanhNetwork(const std::vector<double>& alpha, const std::vector<double>& theta) {
    const int n = 2 * static_cast<int>(alpha.size());
    w_ = Eigen::MatrixXd::Zero(n, n);
    for (std::size_t b = 0; b < alpha.size(); ++b) {
      const auto i = static_cast<Eigen::Index>(2 * b);
      w_(i, i) = alpha[b] * std::cos(theta[b]);
      w_(i, i + 1) = -alpha[b] * std::sin(theta[b]);
      w_(i + 1, i) = alpha[b] * std::sin(theta[b]);
      w_(i + 1, i + 1) = alpha[b] * std::cos(theta[b]);
    }
  }
  explicit RotationTanhNetwork(Eigen::MatrixXd w) : w_(std::move(w)) {}
  int dimension() const override { return static_cast<int>(w_.rows()); }
  double time_step() const override { return 1.0; }
  void step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const override {
    next = (w_ * x).array().tanh().matrix();
  }
  void step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const override {
    const Eigen::VectorXd h = (w_ * x).array().tanh().matrix();
    jacobian = (1 - h.array().square()).matrix().asDiagonal() * w_;
  }
  const Eigen::MatrixXd& weights() const { return w_; }

 private:
  Eigen::MatrixXd w_;
};

}  // namespace attractor::testing
