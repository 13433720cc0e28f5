#include "attractor/torus_network.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "attractor/detmath.hpp"
#include "attractor/kernels.hpp"
#include "attractor/perturbation.hpp"
#include "attractor/phase.hpp"
#include "attractor/rng.hpp"
#include "attractor/tanh_map.hpp"

namespace attractor {
namespace {

const char* const kContext = "torus network";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

const std::vector<ParamSpec>& TorusNetwork::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"n", 2, 512, 64, true, "neurons", "Number of neurons; even: N/2 rotation blocks."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the blocks' (alpha, theta) and initial phases."},
      {"section_block", 0, 255, 0, true, "",
       "Block whose phase crossing 0 defines the Poincare section; below n/2."},
      {"observed_block", 0, 255, 1, true, "",
       "Block recorded in the trace and on the Poincare section; below n/2."},
  };
  return specs;
}

const ParamSpec& TorusNetwork::epsilon_spec() {
  static const ParamSpec spec = epsilon_spec_with(
      "Size of the weight perturbation: noise of standard deviation "
      "epsilon / sqrt(N) is added to every weight.");
  return spec;
}

const ParamSpec& TorusNetwork::seed_spec() {
  return perturbation_seed_spec();
}

const ParamSpec& TorusNetwork::steps_spec() {
  return run_steps_spec();
}

TorusNetwork::TorusNetwork(const ParamValues& params)
    : params_(resolve_params(param_specs(), params, kContext)) {
  n_ = static_cast<int>(params_.at("n"));
  if (n_ % 2 != 0) {
    throw InvalidArgument(std::string(kContext) + ": n = " + format_number(n_) +
                          " is not allowed; n must be even (one 2-D block per pair of neurons)");
  }
  for (const char* name : {"section_block", "observed_block"}) {
    const double block = params_.at(name);
    if (block >= n_ / 2) {
      throw InvalidArgument(std::string(kContext) + ": " + name + " = " + format_number(block) +
                            " is not below the number of blocks n/2 = " + format_number(n_ / 2) +
                            "; " + name + " must be at most " + format_number(n_ / 2 - 1));
    }
  }
  section_block_ = static_cast<int>(params_.at("section_block"));
  observed_block_ = static_cast<int>(params_.at("observed_block"));
  Rng rng(static_cast<std::uint64_t>(params_.at("seed")), streams::kWeights);
  blocks_ = sample_qpta_blocks(n_ / 2, rng);
  block_w_.resize(2 * static_cast<std::size_t>(n_));
  initial_.resize(n_);
  for (int i = 0; i < n_ / 2; ++i) {
    const Mat2 w = Mat2::scaled_rotation(blocks_[i].alpha, blocks_[i].theta);
    block_w_[4 * i] = w.a, block_w_[4 * i + 1] = w.b;
    block_w_[4 * i + 2] = w.c, block_w_[4 * i + 3] = w.d;
    const double phase = rng.uniform(-phase::kPi, phase::kPi);
    initial_[2 * i] = 0.5 * det::cos(phase);
    initial_[2 * i + 1] = 0.5 * det::sin(phase);
  }
  state_.resize(n_);
  next_.resize(n_);
  for (auto* v : {&rotation_numbers_, &amplitudes_, &phases_, &advance_sum_, &radius_sum_}) {
    v->assign(n_ / 2, 0.0);
  }
  section_.reserve(2 * static_cast<std::size_t>(kMaxSectionPoints));
  reset();
}

Eigen::MatrixXd TorusNetwork::weights() const {
  if (dense_) return dense_w_;
  Eigen::MatrixXd w = Eigen::MatrixXd::Zero(n_, n_);
  for (int i = 0; i < n_ / 2; ++i) {
    w(2 * i, 2 * i) = block_w_[4 * i];
    w(2 * i, 2 * i + 1) = block_w_[4 * i + 1];
    w(2 * i + 1, 2 * i) = block_w_[4 * i + 2];
    w(2 * i + 1, 2 * i + 1) = block_w_[4 * i + 3];
  }
  return w;
}

void TorusNetwork::reset() {
  for (int i = 0; i < n_; ++i) state_[i] = initial_[i];
  steps_ = 0;
  trace_.clear();
  section_.clear();
  measured_ = false;
  std::fill(rotation_numbers_.begin(), rotation_numbers_.end(), kNaN);
  std::fill(amplitudes_.begin(), amplitudes_.end(), kNaN);
  update_phases();
}

void TorusNetwork::perturb(double epsilon, std::uint64_t seed) {
  check_param(epsilon_spec(), epsilon, std::string(kContext) + " perturb");
  check_param(seed_spec(), static_cast<double>(seed), std::string(kContext) + " perturb");
  epsilon_ = epsilon;
  dense_ = epsilon > 0;
  if (dense_) {
    dense_ = false;
    dense_w_ = weights();
    dense_ = true;
    add_weight_noise(dense_w_.data(), n_ * n_, epsilon / std::sqrt(static_cast<double>(n_)), seed);
  } else {
    dense_w_.resize(0, 0);
  }
  section_.clear();
  measured_ = false;
}

void TorusNetwork::step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const {
  next.resize(n_);
  if (dense_) {
    kernels::matvec(dense_w_.data(), n_, n_, x.data(), next.data());
    for (int i = 0; i < n_; ++i) next[i] = det::tanh(next[i]);
    return;
  }
  for (int i = 0; i < n_ / 2; ++i) {
    const double* w = &block_w_[4 * i];
    const double u = x[2 * i], v = x[2 * i + 1];
    next[2 * i] = det::tanh(w[0] * u + w[1] * v);
    next[2 * i + 1] = det::tanh(w[2] * u + w[3] * v);
  }
}

void TorusNetwork::step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const {
  Eigen::VectorXd next;
  step(x, next);
  jacobian = weights();
  for (int i = 0; i < n_; ++i) jacobian.row(i) *= 1 - next[i] * next[i];
}

void TorusNetwork::run(int steps) {
  check_param(steps_spec(), steps, std::string(kContext) + " run");
  trace_.resize(2 * static_cast<std::size_t>(steps));
  std::fill(advance_sum_.begin(), advance_sum_.end(), 0.0);
  std::fill(radius_sum_.begin(), radius_sum_.end(), 0.0);
  double min_radius = INFINITY;
  const int blocks = n_ / 2;
  for (int s = 0; s < steps; ++s) {
    step(state_, next_);
    for (int i = 0; i < blocks; ++i) {
      const double x0 = state_[2 * i], y0 = state_[2 * i + 1];
      const double x1 = next_[2 * i], y1 = next_[2 * i + 1];
      // Unwrapped around the block's own rotation angle, so advances near a half turn stay whole.
      const double reference = blocks_[i].theta;
      advance_sum_[i] += reference + phase::wrap(phase::advance(x0, y0, x1, y1) - reference);
      const double r = std::sqrt(x1 * x1 + y1 * y1);
      radius_sum_[i] += r;
      min_radius = std::fmin(min_radius, r);
    }
    const double sy0 = state_[2 * section_block_ + 1];
    const double sx1 = next_[2 * section_block_], sy1 = next_[2 * section_block_ + 1];
    if (sy0 < 0 && sy1 >= 0 && sx1 > 0 &&
        section_.size() < 2 * static_cast<std::size_t>(kMaxSectionPoints)) {
      section_.push_back(next_[2 * observed_block_]);
      section_.push_back(next_[2 * observed_block_ + 1]);
    }
    state_.swap(next_);
    trace_[2 * static_cast<std::size_t>(s)] = state_[2 * observed_block_];
    trace_[2 * static_cast<std::size_t>(s) + 1] = state_[2 * observed_block_ + 1];
  }
  steps_ += steps;
  if (steps > 0) {
    measured_ = true;
    min_radius_ = min_radius;
    for (int i = 0; i < blocks; ++i) {
      rotation_numbers_[i] = advance_sum_[i] / (phase::kTwoPi * steps);
      amplitudes_[i] = radius_sum_[i] / steps;
    }
  }
  update_phases();
}

void TorusNetwork::update_phases() {
  for (int i = 0; i < n_ / 2; ++i) phases_[i] = phase::angle(state_[2 * i + 1], state_[2 * i]);
}

Measures TorusNetwork::measures() const {
  double mean_rotation = kNaN, min_rotation = kNaN, max_rotation = kNaN, mean_amplitude = kNaN;
  if (measured_) {
    mean_rotation = 0, mean_amplitude = 0, min_rotation = INFINITY, max_rotation = -INFINITY;
    for (int i = 0; i < n_ / 2; ++i) {
      mean_rotation += rotation_numbers_[i];
      mean_amplitude += amplitudes_[i];
      min_rotation = std::fmin(min_rotation, rotation_numbers_[i]);
      max_rotation = std::fmax(max_rotation, rotation_numbers_[i]);
    }
    mean_rotation /= n_ / 2;
    mean_amplitude /= n_ / 2;
  }
  return {
      {"time_steps", static_cast<double>(steps_)},
      {"epsilon", epsilon_},
      {"blocks", static_cast<double>(n_ / 2)},
      {"mean_rotation_number", mean_rotation},
      {"min_rotation_number", min_rotation},
      {"max_rotation_number", max_rotation},
      {"mean_amplitude", mean_amplitude},
      {"min_radius", measured_ ? min_radius_ : kNaN},
      {"section_points", static_cast<double>(section_.size() / 2)},
  };
}

}  // namespace attractor
