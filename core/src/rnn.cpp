#include "attractor/rnn.hpp"

#include <algorithm>
#include <cmath>

#include "attractor/detmath.hpp"
#include "attractor/gemm.hpp"
#include "attractor/kernels.hpp"
#include "attractor/qpta.hpp"
#include "attractor/rng.hpp"
#include "attractor/tanh_map.hpp"

namespace attractor {
namespace {

const char* const kContext = "rnn";

std::size_t count(int a, int b) {
  return static_cast<std::size_t>(a) * static_cast<std::size_t>(b);
}

}  // namespace

const std::vector<ParamSpec>& Rnn::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"inputs", 1, 64, 1, true, "", "Number of input channels."},
      {"hidden", 2, 1024, 64, true, "units", "Number of hidden units N."},
      {"outputs", 1, 64, 1, true, "", "Number of outputs."},
      {"continuous", 0, 1, 0, true, "",
       "1: continuous-time form h <- (1 - dt) h + dt tanh(...); 0: discrete Elman form."},
      {"dt", 0.001, 1, 0.1, false, "", "Euler step of the continuous form (in units of tau)."},
      {"bias", 0, 1, 1, true, "", "1: the recurrent bias b is trained; 0: there is none."},
      {"gain", 0, 10, 1, false, "",
       "Scale of the initial recurrent weights: the std of a Gaussian init is gain / sqrt(N); "
       "orthogonal, identity, line and ring inits are multiplied by it (line: eigenvalue gain "
       "along its direction, 1 is tuned; ring: eigenvalue 2 gain in its plane); qpta ignores "
       "it (alpha as sampled)."},
      {"input_scale", 0, 10, 0.1, false, "",
       "Input weights start N(0, (input_scale / sqrt(N))^2)."},
      {"output_scale", 0, 10, 1, false, "",
       "Readout weights start N(0, (output_scale / sqrt(N))^2)."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the initial weights."},
  };
  return specs;
}

const std::vector<std::string>& Rnn::initializations() {
  static const std::vector<std::string> names = {"gaussian", "orthogonal", "identity",
                                                 "qpta",     "line",       "ring"};
  return names;
}

Rnn::Rnn(const ParamValues& params, const std::string& initialization)
    : params_(resolve_params(param_specs(), params, kContext)), initialization_(initialization) {
  const auto& names = initializations();
  if (std::find(names.begin(), names.end(), initialization) == names.end()) {
    std::string known;
    for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
    throw InvalidArgument(std::string(kContext) + ": initialization '" + initialization +
                          "' is not known; choose one of " + known);
  }
  inputs_ = static_cast<int>(params_.at("inputs"));
  hidden_ = static_cast<int>(params_.at("hidden"));
  outputs_ = static_cast<int>(params_.at("outputs"));
  continuous_ = params_.at("continuous") == 1;
  bias_ = params_.at("bias") == 1;
  dt_ = continuous_ ? params_.at("dt") : 1.0;
  if (initialization_ == "qpta" && hidden_ % 2 != 0) {
    throw InvalidArgument(std::string(kContext) + ": hidden = " + format_number(hidden_) +
                          " is not allowed with the qpta initialization; hidden must be even "
                          "(one 2x2 block alpha R(theta) per pair of units)");
  }
  if (initialization_ == "ring" && hidden_ < 3) {
    throw InvalidArgument(std::string(kContext) + ": hidden = " + format_number(hidden_) +
                          " is not allowed with the ring initialization; hidden must be at "
                          "least 3 (the ring needs two orthogonal cosine profiles)");
  }
  parameters_.assign(readout_bias_offset() + static_cast<std::size_t>(outputs_), 0.0);
  initialize(static_cast<std::uint64_t>(params_.at("seed")));
}

std::size_t Rnn::input_offset() const {
  return count(hidden_, hidden_);
}
std::size_t Rnn::bias_offset() const {
  return input_offset() + count(hidden_, inputs_);
}
std::size_t Rnn::readout_offset() const {
  return bias_offset() + static_cast<std::size_t>(hidden_);
}
std::size_t Rnn::readout_bias_offset() const {
  return readout_offset() + count(outputs_, hidden_);
}

Eigen::Map<const Eigen::MatrixXd> Rnn::recurrent() const {
  return {parameters_.data(), hidden_, hidden_};
}
Eigen::Map<const Eigen::MatrixXd> Rnn::input() const {
  return {parameters_.data() + input_offset(), hidden_, inputs_};
}
Eigen::Map<const Eigen::VectorXd> Rnn::bias() const {
  return {parameters_.data() + bias_offset(), hidden_};
}
Eigen::Map<const Eigen::MatrixXd> Rnn::readout() const {
  return {parameters_.data() + readout_offset(), outputs_, hidden_};
}
Eigen::Map<const Eigen::VectorXd> Rnn::readout_bias() const {
  return {parameters_.data() + readout_bias_offset(), outputs_};
}

void Rnn::initialize(std::uint64_t seed) {
  Rng rng(seed, streams::kWeights);
  const double gain = params_.at("gain");
  const double root_n = std::sqrt(static_cast<double>(hidden_));
  double* w = parameters_.data();
  const std::size_t nn = count(hidden_, hidden_);
  if (initialization_ == "gaussian") {
    for (std::size_t k = 0; k < nn; ++k) w[k] = (gain / root_n) * rng.normal();
  } else if (initialization_ == "orthogonal") {
    std::vector<double> a(nn);
    for (auto& value : a) value = rng.normal();
    gemm::orthogonal_factor(a.data(), w, hidden_);
    for (std::size_t k = 0; k < nn; ++k) w[k] *= gain;
  } else if (initialization_ == "identity") {  // Le, Jaitly & Hinton 2015
    for (int i = 0; i < hidden_; ++i) w[count(i, hidden_) + static_cast<std::size_t>(i)] = gain;
  } else if (initialization_ == "qpta") {  // Park, Sagodi & Sokol 2023; gain is not used
    const std::vector<QptaBlock> blocks = sample_qpta_blocks(hidden_ / 2, rng);
    for (int k = 0; k < hidden_ / 2; ++k) {
      const Mat2 block = Mat2::scaled_rotation(blocks[static_cast<std::size_t>(k)].alpha,
                                               blocks[static_cast<std::size_t>(k)].theta);
      const std::size_t i = static_cast<std::size_t>(2 * k);
      const std::size_t n = static_cast<std::size_t>(hidden_);
      w[i * n + i] = block.a;  // column-major: W(r, c) = w[c * n + r]
      w[i * n + i + 1] = block.c;
      w[(i + 1) * n + i] = block.b;
      w[(i + 1) * n + i + 1] = block.d;
    }
  } else if (initialization_ == "line") {  // gain m m^T, m a random unit vector
    std::vector<double> m(static_cast<std::size_t>(hidden_));
    double norm = 0.0;
    while (norm == 0.0) {
      for (auto& value : m) value = rng.normal();
      norm = std::sqrt(kernels::dot(m.data(), m.data(), hidden_));
    }
    for (auto& value : m) value /= norm;
    for (int c = 0; c < hidden_; ++c) {
      for (int r = 0; r < hidden_; ++r)
        w[count(c, hidden_) + static_cast<std::size_t>(r)] = gain * m[r] * m[c];
    }
  } else {  // ring: W_ij = gain (4 / N) cos(psi_i - psi_j), psi_i = 2 pi i / N
    const double two_pi = 6.283185307179586476925;
    std::vector<double> cosines(static_cast<std::size_t>(hidden_));
    std::vector<double> sines(static_cast<std::size_t>(hidden_));
    for (int i = 0; i < hidden_; ++i) {
      const double psi = two_pi * i / hidden_;
      cosines[static_cast<std::size_t>(i)] = det::cos(psi);
      sines[static_cast<std::size_t>(i)] = det::sin(psi);
    }
    const double scale = gain * 4.0 / hidden_;
    for (int c = 0; c < hidden_; ++c) {
      for (int r = 0; r < hidden_; ++r) {
        // cos(psi_r - psi_c) = cos psi_r cos psi_c + sin psi_r sin psi_c
        w[count(c, hidden_) + static_cast<std::size_t>(r)] =
            scale * (cosines[static_cast<std::size_t>(r)] * cosines[static_cast<std::size_t>(c)] +
                     sines[static_cast<std::size_t>(r)] * sines[static_cast<std::size_t>(c)]);
      }
    }
  }
  const double input_std = params_.at("input_scale") / root_n;
  for (std::size_t k = input_offset(); k < bias_offset(); ++k)
    parameters_[k] = input_std * rng.normal();
  const double output_std = params_.at("output_scale") / root_n;
  for (std::size_t k = readout_offset(); k < readout_bias_offset(); ++k) {
    parameters_[k] = output_std * rng.normal();
  }
}

void Rnn::set_parameters(const std::vector<double>& values) {
  if (values.size() != parameters_.size()) {
    throw InvalidArgument(
        std::string(kContext) + " set_parameters: " + std::to_string(values.size()) +
        " values given; this network has " + std::to_string(parameters_.size()) + " parameters");
  }
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (!std::isfinite(values[k])) {
      throw InvalidArgument(std::string(kContext) + " set_parameters: parameter " +
                            std::to_string(k) + " = " + format_number(values[k]) +
                            " is not a finite number");
    }
    if (!bias_ && k >= bias_offset() && k < readout_offset() && values[k] != 0) {
      throw InvalidArgument(std::string(kContext) +
                            " set_parameters: this network has no bias, so parameters " +
                            std::to_string(bias_offset()) + " to " +
                            std::to_string(readout_offset() - 1) + " must be 0");
    }
  }
  parameters_ = values;
}

void Rnn::check_batch(const SequenceBatch& batch) const {
  if (batch.input_size != inputs_ || batch.output_size != outputs_) {
    throw InvalidArgument(std::string(kContext) + ": the batch has " +
                          std::to_string(batch.input_size) + " inputs and " +
                          std::to_string(batch.output_size) + " outputs; the network has " +
                          std::to_string(inputs_) + " and " + std::to_string(outputs_));
  }
  if (batch.steps < 1 || batch.batch < 1) {
    throw InvalidArgument(std::string(kContext) + ": the batch has " + std::to_string(batch.steps) +
                          " steps and " + std::to_string(batch.batch) +
                          " trials; both must be at least 1");
  }
}

void Rnn::forward(const SequenceBatch& batch) {
  const int steps = batch.steps;
  const int trials = batch.batch;
  const std::size_t block = count(hidden_, trials);
  hidden_buffer_.assign(block * static_cast<std::size_t>(steps + 1), 0.0);
  squashed_buffer_.resize(block * static_cast<std::size_t>(steps));
  outputs_buffer_.resize(count(outputs_, trials) * static_cast<std::size_t>(steps));
  const double* w = parameters_.data();
  const double* u = parameters_.data() + input_offset();
  const double* b = parameters_.data() + bias_offset();
  const double* v = parameters_.data() + readout_offset();
  const double* c = parameters_.data() + readout_bias_offset();
  for (int k = 0; k < steps; ++k) {
    const double* previous = hidden_buffer_.data() + block * static_cast<std::size_t>(k);
    double* current = hidden_buffer_.data() + block * static_cast<std::size_t>(k + 1);
    double* squashed = squashed_buffer_.data() + block * static_cast<std::size_t>(k);
    const double* x = batch.inputs.data() + count(inputs_, trials) * static_cast<std::size_t>(k);
    gemm::multiply(w, previous, squashed, hidden_, hidden_, trials, false);
    gemm::multiply(u, x, squashed, hidden_, inputs_, trials, true);
    for (int j = 0; j < trials; ++j) {
      double* column = squashed + count(hidden_, j);
      for (int i = 0; i < hidden_; ++i) column[i] = det::tanh(column[i] + b[i]);
    }
    if (continuous_) {
      for (std::size_t i = 0; i < block; ++i)
        current[i] = (1 - dt_) * previous[i] + dt_ * squashed[i];
    } else {
      std::copy(squashed, squashed + block, current);
    }
    double* y = outputs_buffer_.data() + count(outputs_, trials) * static_cast<std::size_t>(k);
    gemm::multiply(v, current, y, outputs_, hidden_, trials, false);
    for (int j = 0; j < trials; ++j) {
      for (int o = 0; o < outputs_; ++o)
        y[count(outputs_, j) + static_cast<std::size_t>(o)] += c[o];
    }
  }
}

double Rnn::loss(const SequenceBatch& batch) {
  check_batch(batch);
  forward(batch);
  double total = 0.0;
  double weight = 0.0;
  for (int k = 0; k < batch.steps; ++k) {
    for (int j = 0; j < batch.batch; ++j) {
      const double m = batch.weight(k, j);
      weight += m;
      if (m == 0) continue;
      for (int o = 0; o < outputs_; ++o) {
        const double error =
            outputs_buffer_[(static_cast<std::size_t>(k) * batch.batch + j) * outputs_ + o] -
            batch.target(k, j, o);
        total += m * error * error;
      }
    }
  }
  return weight > 0 ? total / (weight * outputs_) : 0.0;
}

double Rnn::loss_and_gradient(const SequenceBatch& batch, std::vector<double>& gradient,
                              std::vector<double>* hidden_gradient_norms) {
  const double value = loss(batch);  // also runs the forward pass
  const int steps = batch.steps;
  const int trials = batch.batch;
  double weight = 0.0;
  for (const double m : batch.mask) weight += m;
  gradient.assign(parameters_.size(), 0.0);
  if (hidden_gradient_norms) hidden_gradient_norms->assign(static_cast<std::size_t>(steps), 0.0);
  if (weight == 0) return value;
  const double scale = 2.0 / (weight * outputs_);

  const std::size_t block = count(hidden_, trials);
  recurrent_transposed_.resize(count(hidden_, hidden_));
  readout_transposed_.resize(count(hidden_, outputs_));
  gemm::transpose(parameters_.data(), recurrent_transposed_.data(), hidden_, hidden_);
  gemm::transpose(parameters_.data() + readout_offset(), readout_transposed_.data(), outputs_,
                  hidden_);
  dh_.assign(block, 0.0);
  da_.resize(block);
  dy_.resize(count(outputs_, trials));
  std::vector<double> carry(block);

  double* gw = gradient.data();
  double* gu = gradient.data() + input_offset();
  double* gb = gradient.data() + bias_offset();
  double* gv = gradient.data() + readout_offset();
  double* gc = gradient.data() + readout_bias_offset();
  for (int k = steps - 1; k >= 0; --k) {
    const double* current = hidden_buffer_.data() + block * static_cast<std::size_t>(k + 1);
    const double* previous = hidden_buffer_.data() + block * static_cast<std::size_t>(k);
    const double* squashed = squashed_buffer_.data() + block * static_cast<std::size_t>(k);
    const double* x = batch.inputs.data() + count(inputs_, trials) * static_cast<std::size_t>(k);
    const double* y =
        outputs_buffer_.data() + count(outputs_, trials) * static_cast<std::size_t>(k);
    const double* target =
        batch.targets.data() + count(outputs_, trials) * static_cast<std::size_t>(k);
    for (int j = 0; j < trials; ++j) {
      const double m = batch.weight(k, j) * scale;
      for (int o = 0; o < outputs_; ++o) {
        const std::size_t index = count(outputs_, j) + static_cast<std::size_t>(o);
        dy_[index] = m * (y[index] - target[index]);
      }
    }
    gemm::multiply_add_transposed_b(dy_.data(), current, gv, outputs_, trials, hidden_);
    for (int j = 0; j < trials; ++j) {
      for (int o = 0; o < outputs_; ++o)
        gc[o] += dy_[count(outputs_, j) + static_cast<std::size_t>(o)];
    }
    gemm::multiply(readout_transposed_.data(), dy_.data(), dh_.data(), hidden_, outputs_, trials,
                   true);
    if (hidden_gradient_norms) {
      double sum = 0.0;
      for (const double value_h : dh_) sum += value_h * value_h;
      (*hidden_gradient_norms)[static_cast<std::size_t>(k)] = std::sqrt(sum);
    }
    const double through = continuous_ ? dt_ : 1.0;
    for (std::size_t i = 0; i < block; ++i) {
      da_[i] = through * dh_[i] * (1 - squashed[i] * squashed[i]);
    }
    gemm::multiply_add_transposed_b(da_.data(), previous, gw, hidden_, trials, hidden_);
    gemm::multiply_add_transposed_b(da_.data(), x, gu, hidden_, trials, inputs_);
    if (bias_) {
      for (int j = 0; j < trials; ++j) {
        for (int i = 0; i < hidden_; ++i)
          gb[i] += da_[count(hidden_, j) + static_cast<std::size_t>(i)];
      }
    }
    gemm::multiply(recurrent_transposed_.data(), da_.data(), carry.data(), hidden_, hidden_, trials,
                   false);
    if (continuous_) {
      for (std::size_t i = 0; i < block; ++i) carry[i] += (1 - dt_) * dh_[i];
    }
    dh_.swap(carry);
  }
  return value;
}

void Rnn::step(const Eigen::VectorXd& h, Eigen::VectorXd& next) const {
  next.resize(hidden_);
  gemm::multiply(parameters_.data(), h.data(), next.data(), hidden_, hidden_, 1, false);
  const double* b = parameters_.data() + bias_offset();
  for (int i = 0; i < hidden_; ++i) {
    const double s = det::tanh(next[i] + b[i]);
    next[i] = continuous_ ? (1 - dt_) * h[i] + dt_ * s : s;
  }
}

void Rnn::step_jacobian(const Eigen::VectorXd& h, Eigen::MatrixXd& jacobian) const {
  // The pre-activation by the same fixed-order product as step(), so the Jacobian (and every
  // analysis built on it) is bit-identical between builds.
  Eigen::VectorXd pre(hidden_);
  gemm::multiply(parameters_.data(), h.data(), pre.data(), hidden_, hidden_, 1, false);
  const double* b = parameters_.data() + bias_offset();
  Eigen::VectorXd slope(hidden_);
  for (int i = 0; i < hidden_; ++i) {
    const double s = det::tanh(pre[i] + b[i]);
    slope[i] = (continuous_ ? dt_ : 1.0) * (1 - s * s);
  }
  jacobian = slope.asDiagonal() * recurrent();
  if (continuous_) jacobian.diagonal().array() += 1 - dt_;
}

}  // namespace attractor
