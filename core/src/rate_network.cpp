#include "attractor/rate_network.hpp"

#include <cmath>

#include "attractor/detmath.hpp"
#include "attractor/kernels.hpp"
#include "attractor/rng.hpp"

namespace attractor {
namespace {

const char* const kContext = "rate network";

}  // namespace

const std::vector<ParamSpec>& RateNetwork::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"n", 2, 2000, 200, true, "neurons", "Number of neurons."},
      {"g", 0, 5, 1.5, false, "",
       "Gain of the random recurrent weights; above 1 the network is chaotic."},
      {"connection_probability", 0.01, 1, 1, false, "",
       "Probability that a recurrent connection exists (sparse networks)."},
      {"tau", 0.001, 10, 0.01, false, "s", "Time constant of each neuron."},
      {"dt", 1e-5, 0.1, 0.001, false, "s", "Euler time step; at most tau / 2."},
      {"inputs", 0, 16, 1, true, "", "Number of input channels."},
      {"input_scale", 0, 10, 1, false, "",
       "Input weights are uniform in [-input_scale, input_scale]."},
      {"feedback", 0, 1, 0, true, "", "1 feeds the readout z back into the network, 0 does not."},
      {"feedback_scale", 0, 10, 1, false, "",
       "Feedback weights are uniform in [-feedback_scale, feedback_scale]."},
      {"initial_std", 0, 5, 0.5, false, "", "Standard deviation of the initial state."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the weights and the initial state."},
  };
  return specs;
}

const ParamSpec& RateNetwork::epsilon_spec() {
  static const ParamSpec spec = epsilon_spec_with(
      "Size of the weight perturbation: noise of standard deviation "
      "epsilon / sqrt(N) is added to every recurrent weight.");
  return spec;
}

const ParamSpec& RateNetwork::input_spec() {
  static const ParamSpec spec{"input", -1000, 1000, 0, false, "", "Value of an input channel."};
  return spec;
}

const ParamSpec& RateNetwork::weight_spec() {
  static const ParamSpec spec{"readout_weight", -1e6, 1e6, 0, false, "", "A readout weight."};
  return spec;
}

RateNetwork::RateNetwork(const ParamValues& params)
    : NeuronNetwork(param_specs(), params, kContext, 2) {
  inputs_ = static_cast<int>(params_.at("inputs"));
  feedback_ = params_.at("feedback") == 1;

  Rng rng(static_cast<std::uint64_t>(params_.at("seed")), streams::kWeights);
  const double p = params_.at("connection_probability");
  const double scale = params_.at("g") / std::sqrt(p * n_);
  tuned_weights_.resize(n_, n_);
  for (int j = 0; j < n_; ++j) {
    for (int i = 0; i < n_; ++i) {
      const bool connected = p >= 1 || rng.uniform() < p;
      tuned_weights_(i, j) = connected ? scale * rng.normal() : 0.0;
    }
  }
  input_weights_.resize(n_, inputs_);
  const double input_scale = params_.at("input_scale");
  for (int j = 0; j < inputs_; ++j) {
    for (int i = 0; i < n_; ++i) input_weights_(i, j) = input_scale * rng.uniform(-1, 1);
  }
  feedback_weights_.resize(n_);
  const double feedback_scale = feedback_ ? params_.at("feedback_scale") : 0.0;
  for (int i = 0; i < n_; ++i) feedback_weights_[i] = feedback_scale * rng.uniform(-1, 1);
  initial_state_.resize(n_);
  const double initial_std = params_.at("initial_std");
  for (int i = 0; i < n_; ++i) initial_state_[i] = initial_std * rng.normal();

  weights_ = tuned_weights_;
  readout_weights_ = Eigen::VectorXd::Zero(n_);
  input_ = Eigen::VectorXd::Zero(inputs_);
  drive_ = Eigen::VectorXd::Zero(n_);
  rates_.resize(n_);
  next_.resize(n_);
  scratch_.resize(n_);
  reset();
}

void RateNetwork::reset() {
  state_ = initial_state_;
  for (int i = 0; i < n_; ++i) rates_[i] = det::tanh(state_[i]);
  input_.setZero();
  drive_.setZero();
  step_count_ = 0;
  time_ = 0.0;
  trace_.clear();
}

void RateNetwork::perturb(double epsilon, std::uint64_t seed) {
  perturb_weights(epsilon_spec(), epsilon, seed);
}

void RateNetwork::set_input(const std::vector<double>& input) {
  if (static_cast<int>(input.size()) != inputs_) {
    throw InvalidArgument(std::string(kContext) + " set_input: " + std::to_string(input.size()) +
                          " values given; the network has " + std::to_string(inputs_) +
                          " input channels");
  }
  for (const double value : input)
    check_param(input_spec(), value, std::string(kContext) + " set_input");
  for (int j = 0; j < inputs_; ++j) input_[j] = input[static_cast<std::size_t>(j)];
  update_drive();
}

void RateNetwork::update_drive() {
  if (inputs_ == 0) return;
  kernels::matvec(input_weights_.data(), n_, inputs_, input_.data(), drive_.data());
}

void RateNetwork::set_state(const Eigen::VectorXd& x) {
  if (x.size() != n_ || !x.allFinite()) {
    throw InvalidArgument(std::string(kContext) + " set_state: the state must have " +
                          std::to_string(n_) + " finite values");
  }
  state_ = x;
  for (int i = 0; i < n_; ++i) rates_[i] = det::tanh(state_[i]);
}

void RateNetwork::set_readout(const Eigen::VectorXd& weights) {
  if (weights.size() != n_) {
    throw InvalidArgument(std::string(kContext) +
                          " set_readout: " + std::to_string(weights.size()) +
                          " weights given; the network has " + std::to_string(n_) + " neurons");
  }
  for (Eigen::Index i = 0; i < weights.size(); ++i) {
    check_param(weight_spec(), weights[i], std::string(kContext) + " set_readout");
  }
  readout_weights_ = weights;
}

void RateNetwork::euler_step(const double* x, const double* drive, double* next, double* rates,
                             double* scratch) const {
  const double rate = dt_ / tau_;
  kernels::matvec(weights_.data(), n_, n_, rates, scratch);
  const double z = kernels::dot(readout_weights_.data(), rates, n_);
  const double* f = feedback_weights_.data();
  for (int i = 0; i < n_; ++i)
    next[i] = x[i] + rate * (((scratch[i] - x[i]) + drive[i]) + f[i] * z);
  for (int i = 0; i < n_; ++i) rates[i] = det::tanh(next[i]);
}

void RateNetwork::run(int steps) {
  start_run(steps);
  for (int s = 0; s < steps; ++s) {
    euler_step(state_.data(), drive_.data(), next_.data(), rates_.data(), scratch_.data());
    state_.swap(next_);
    ++step_count_;
    trace_[static_cast<std::size_t>(s)] = readout();
  }
  time_ = static_cast<double>(step_count_) * dt_;
}

double RateNetwork::readout() const {
  return kernels::dot(readout_weights_.data(), rates_.data(), n_);
}

void RateNetwork::step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const {
  Eigen::VectorXd rates(n_);
  Eigen::VectorXd scratch(n_);
  const Eigen::VectorXd no_drive = Eigen::VectorXd::Zero(n_);
  for (int i = 0; i < n_; ++i) rates[i] = det::tanh(x[i]);
  next.resize(n_);
  euler_step(x.data(), no_drive.data(), next.data(), rates.data(), scratch.data());
}

void RateNetwork::step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const {
  const double rate = dt_ / tau_;
  Eigen::VectorXd slope(n_);
  for (int i = 0; i < n_; ++i) {
    const double r = det::tanh(x[i]);
    slope[i] = 1 - r * r;
  }
  // (1 - a) I + a (J + f w^T) diag(1 - tanh^2 x)
  jacobian = (weights_ + feedback_weights_ * readout_weights_.transpose()) * slope.asDiagonal();
  jacobian *= rate;
  jacobian.diagonal().array() += 1 - rate;
}

Measures RateNetwork::measures() const {
  double sum_abs = 0.0;  // summed in order, unlike Eigen's vectorized mean()
  for (int i = 0; i < n_; ++i) sum_abs += std::fabs(rates_[i]);
  return {
      {"time_s", time_},
      {"readout_z", readout()},
      {"mean_abs_rate", sum_abs / n_},
      {"epsilon", epsilon_},
  };
}

}  // namespace attractor
