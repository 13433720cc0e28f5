#include "attractor/rnn.hpp"

#include <algorithm>
#include <cmath>

#include "attractor/detmath.hpp"
#include "attractor/gemm.hpp"
#include "attractor/kernels.hpp"
#include "attractor/perturbation.hpp"
#include "attractor/qpta.hpp"
#include "attractor/rng.hpp"
#include "attractor/tanh_map.hpp"

namespace attractor {
namespace {

const char* const kContext = "rnn";

std::size_t count(int a, int b) {
  return static_cast<std::size_t>(a) * static_cast<std::size_t>(b);
}

struct Shape {
  int inputs;
  int hidden;
  int outputs;
  int steps;
  int trials;
  bool continuous;
  bool bias;
  double dt;
};

// Pointers to W, U, b, V, c in one precision.
template <typename Real>
struct Weights {
  const Real* w;
  const Real* u;
  const Real* b;
  const Real* v;
  const Real* c;
};

template <typename Real>
Weights<Real> weights_of(const Real* flat, std::size_t input_offset, std::size_t bias_offset,
                         std::size_t readout_offset, std::size_t readout_bias_offset) {
  return {flat, flat + input_offset, flat + bias_offset, flat + readout_offset,
          flat + readout_bias_offset};
}

inline double squash(double x) {
  return det::tanh(x);
}
inline float squash(float x) {
  return det::tanh_float(x);
}

// h_1..h_T (h_0 = hidden[0..block) must be zero), tanh(a_t) and y_t.
template <typename Real>
void forward_pass(const Shape& s, const Weights<Real>& p, const Real* inputs, Real* hidden,
                  Real* squashed_all, Real* outputs) {
  const int trials = s.trials;
  const std::size_t block = count(s.hidden, trials);
  const Real keep = static_cast<Real>(1 - s.dt);
  const Real dt = static_cast<Real>(s.dt);
  for (int k = 0; k < s.steps; ++k) {
    const Real* previous = hidden + block * static_cast<std::size_t>(k);
    Real* current = hidden + block * static_cast<std::size_t>(k + 1);
    Real* squashed = squashed_all + block * static_cast<std::size_t>(k);
    const Real* x = inputs + count(s.inputs, trials) * static_cast<std::size_t>(k);
    gemm::multiply(p.w, previous, squashed, s.hidden, s.hidden, trials, false);
    gemm::multiply(p.u, x, squashed, s.hidden, s.inputs, trials, true);
    for (int j = 0; j < trials; ++j) {
      Real* column = squashed + count(s.hidden, j);
      for (int i = 0; i < s.hidden; ++i) column[i] = squash(column[i] + p.b[i]);
    }
    if (s.continuous) {
      for (std::size_t i = 0; i < block; ++i) current[i] = keep * previous[i] + dt * squashed[i];
    } else {
      std::copy(squashed, squashed + block, current);
    }
    Real* y = outputs + count(s.outputs, trials) * static_cast<std::size_t>(k);
    gemm::multiply(p.v, current, y, s.outputs, s.hidden, trials, false);
    for (int j = 0; j < trials; ++j) {
      for (int o = 0; o < s.outputs; ++o)
        y[count(s.outputs, j) + static_cast<std::size_t>(o)] += p.c[o];
    }
  }
}

// Where W, U, b, V and c start in the flat layout.
struct Offsets {
  std::size_t u;
  std::size_t b;
  std::size_t v;
  std::size_t c;
  std::size_t h0;  // 0 when h_0 is not trained
};

// Accumulates the gradient (flat layout, zeroed by the caller) from the output errors dy_t of
// every step; dh and carry are hidden x trials buffers, dh zeroed by the caller.
template <typename Real>
void backward_pass(const Shape& s, const Real* recurrent_transposed, const Real* readout_transposed,
                   const Real* inputs, const Real* hidden, const Real* squashed_all,
                   const Real* dy_all, Real* dh, Real* da, Real* carry, const Offsets& offsets,
                   Real* gradient, std::vector<double>* hidden_gradient_norms) {
  const int trials = s.trials;
  const std::size_t block = count(s.hidden, trials);
  Real* gw = gradient;
  Real* gu = gradient + offsets.u;
  Real* gb = gradient + offsets.b;
  Real* gv = gradient + offsets.v;
  Real* gc = gradient + offsets.c;
  const Real through = static_cast<Real>(s.continuous ? s.dt : 1.0);
  const Real keep = static_cast<Real>(1 - s.dt);
  for (int k = s.steps - 1; k >= 0; --k) {
    const Real* current = hidden + block * static_cast<std::size_t>(k + 1);
    const Real* previous = hidden + block * static_cast<std::size_t>(k);
    const Real* squashed = squashed_all + block * static_cast<std::size_t>(k);
    const Real* x = inputs + count(s.inputs, trials) * static_cast<std::size_t>(k);
    const Real* dy = dy_all + count(s.outputs, trials) * static_cast<std::size_t>(k);
    gemm::multiply_add_transposed_b(dy, current, gv, s.outputs, trials, s.hidden);
    for (int j = 0; j < trials; ++j) {
      for (int o = 0; o < s.outputs; ++o)
        gc[o] += dy[count(s.outputs, j) + static_cast<std::size_t>(o)];
    }
    gemm::multiply(readout_transposed, dy, dh, s.hidden, s.outputs, trials, true);
    if (hidden_gradient_norms) {
      double sum = 0.0;
      for (std::size_t i = 0; i < block; ++i) {
        const double value = static_cast<double>(dh[i]);
        sum += value * value;
      }
      (*hidden_gradient_norms)[static_cast<std::size_t>(k)] = std::sqrt(sum);
    }
    for (std::size_t i = 0; i < block; ++i) {
      da[i] = through * dh[i] * (Real(1) - squashed[i] * squashed[i]);
    }
    gemm::multiply_add_transposed_b(da, previous, gw, s.hidden, trials, s.hidden);
    gemm::multiply_add_transposed_b(da, x, gu, s.hidden, trials, s.inputs);
    if (s.bias) {
      for (int j = 0; j < trials; ++j) {
        for (int i = 0; i < s.hidden; ++i)
          gb[i] += da[count(s.hidden, j) + static_cast<std::size_t>(i)];
      }
    }
    gemm::multiply(recurrent_transposed, da, carry, s.hidden, s.hidden, trials, false);
    if (s.continuous) {
      for (std::size_t i = 0; i < block; ++i) carry[i] += keep * dh[i];
    }
    std::swap(dh, carry);
  }
  // dh is now dL/dh_0; a trained initial state is shared by every trial.
  if (offsets.h0 != 0) {
    Real* gh = gradient + offsets.h0;
    for (int j = 0; j < trials; ++j) {
      for (int i = 0; i < s.hidden; ++i)
        gh[i] += dh[count(s.hidden, j) + static_cast<std::size_t>(i)];
    }
  }
}

}  // namespace

const std::vector<ParamSpec>& Rnn::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"inputs", 1, 64, 1, true, "", "Number of input channels."},
      {"hidden", 2, 1024, 64, true, "units", "Number of hidden units N."},
      {"outputs", 1, 64, 1, true, "", "Number of outputs."},
      {"continuous", 0, 1, 0, true, "",
       "1: continuous-time form h <- (1 - dt) h + dt tanh(...); 0: discrete Elman form."},
      {"precision", 32, 64, 64, true, "bits",
       "Floating-point width of the forward pass and BPTT: 32 (float32, faster) or 64 "
       "(float64); the weights and the optimizer stay float64."},
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
      epsilon_spec_with("Perturbation of the initial recurrent weights: after the "
                        "initialization, noise of standard deviation epsilon / sqrt(N) is added "
                        "to every entry of W (0: none)."),
      perturbation_seed_spec(),
      {"initial_state", 0, 1, 0, true, "",
       "0: h_0 = 0; 1: h_0 is trained, shared by every trial, and starts uniform in [-1, 1] "
       "(Park et al. 2023)."},
  };
  return specs;
}

const std::vector<std::string>& Rnn::initializations() {
  static const std::vector<std::string> names = {"gaussian", "orthogonal", "identity",
                                                 "qpta",     "line",       "ring"};
  return names;
}

Rnn::Rnn(const ParamValues& params, const std::string& initialization)
    : TrainableNetwork(param_specs(), params, kContext), initialization_(initialization) {
  const auto& names = initializations();
  if (std::find(names.begin(), names.end(), initialization) == names.end()) {
    std::string known;
    for (const auto& name : names) known += (known.empty() ? "" : ", ") + name;
    throw InvalidArgument(std::string(kContext) + ": initialization " + quoted(initialization) +
                          " is not known; choose one of " + known);
  }
  continuous_ = params_.at("continuous") == 1;
  bias_ = params_.at("bias") == 1;
  dt_ = continuous_ ? params_.at("dt") : 1.0;
  precision_ = static_cast<int>(params_.at("precision"));
  if (precision_ != 32 && precision_ != 64) {
    throw InvalidArgument(std::string(kContext) + ": precision = " + format_number(precision_) +
                          " is not allowed; choose 32 (float32 forward pass and BPTT) or 64 "
                          "(float64)");
  }
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
  trained_initial_state_ = params_.at("initial_state") == 1;
  parameters_.assign(readout_bias_offset() + static_cast<std::size_t>(outputs_) +
                         (trained_initial_state_ ? static_cast<std::size_t>(hidden_) : 0),
                     0.0);
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
std::size_t Rnn::initial_state_offset() const {
  return readout_bias_offset() + static_cast<std::size_t>(outputs_);
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
  // Drawn last, so that the other weights do not depend on whether h_0 is trained.
  if (trained_initial_state_) {
    for (std::size_t k = initial_state_offset(); k < parameters_.size(); ++k)
      parameters_[k] = rng.uniform(-1, 1);
  }
  // The same weight perturbation as every model's perturb(), from its own stream, so that a
  // perturbed network has exactly the initial U and V of the unperturbed one.
  const double epsilon = params_.at("epsilon");
  if (epsilon > 0) {
    add_weight_noise(w, static_cast<int>(nn), epsilon / root_n,
                     static_cast<std::uint64_t>(params_.at("perturbation_seed")));
  }
}

TrainableNetwork::UnusedBlock Rnn::unused_parameters() const {
  if (bias_) return {};
  return {bias_offset(), readout_offset(), "bias"};
}

void Rnn::check_batch(const SequenceBatch& batch) const {
  attractor::check_batch(batch, inputs_, outputs_, kContext);
  // The forward pass keeps every hidden state of the batch.
  const double states = static_cast<double>(batch.steps + 1) * batch.batch * hidden_;
  check_array_size(states,
                   "(steps + 1) x batch x hidden = " + std::to_string(batch.steps + 1) + " x " +
                       std::to_string(batch.batch) + " x " + std::to_string(hidden_),
                   "use fewer steps or trials", kContext);
}

template <typename Real>
void Rnn::fill_initial_state(const Real* flat, Real* hidden, int trials) const {
  if (!trained_initial_state_) return;
  const Real* h0 = flat + initial_state_offset();
  for (int j = 0; j < trials; ++j) std::copy(h0, h0 + hidden_, hidden + count(hidden_, j));
}

void Rnn::forward(const SequenceBatch& batch) {
  const Shape shape{inputs_, hidden_, outputs_, batch.steps, batch.batch, continuous_, bias_, dt_};
  const std::size_t block = count(hidden_, batch.batch);
  const std::size_t states = block * static_cast<std::size_t>(batch.steps + 1);
  outputs_buffer_.resize(count(outputs_, batch.batch) * static_cast<std::size_t>(batch.steps));
  if (precision_ == 64) {
    hidden_buffer_.assign(states, 0.0);
    fill_initial_state(parameters_.data(), hidden_buffer_.data(), batch.batch);
    squashed_buffer_.resize(block * static_cast<std::size_t>(batch.steps));
    forward_pass(shape,
                 weights_of(parameters_.data(), input_offset(), bias_offset(), readout_offset(),
                            readout_bias_offset()),
                 batch.inputs.data(), hidden_buffer_.data(), squashed_buffer_.data(),
                 outputs_buffer_.data());
    return;
  }
  Float32Workspace& f = f32_;
  f.parameters.assign(parameters_.begin(), parameters_.end());  // rounded to nearest float
  f.inputs.assign(batch.inputs.begin(), batch.inputs.end());
  f.hidden.assign(states, 0.0f);
  fill_initial_state(static_cast<const float*>(f.parameters.data()), f.hidden.data(), batch.batch);
  f.squashed.resize(block * static_cast<std::size_t>(batch.steps));
  f.outputs.resize(outputs_buffer_.size());
  forward_pass(shape,
               weights_of(static_cast<const float*>(f.parameters.data()), input_offset(),
                          bias_offset(), readout_offset(), readout_bias_offset()),
               f.inputs.data(), f.hidden.data(), f.squashed.data(), f.outputs.data());
  outputs_buffer_.assign(f.outputs.begin(), f.outputs.end());
  hidden_buffer_.assign(f.hidden.begin(), f.hidden.end());
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
  masked_squared_error_gradient(batch, outputs_buffer_, dy_);

  const Shape shape{inputs_, hidden_, outputs_, steps, trials, continuous_, bias_, dt_};
  const std::size_t block = count(hidden_, trials);
  const Offsets offsets{input_offset(), bias_offset(), readout_offset(), readout_bias_offset(),
                        trained_initial_state_ ? initial_state_offset() : 0};
  if (precision_ == 64) {
    recurrent_transposed_.resize(count(hidden_, hidden_));
    readout_transposed_.resize(count(hidden_, outputs_));
    gemm::transpose(parameters_.data(), recurrent_transposed_.data(), hidden_, hidden_);
    gemm::transpose(parameters_.data() + readout_offset(), readout_transposed_.data(), outputs_,
                    hidden_);
    dh_.assign(block, 0.0);
    da_.resize(block);
    carry_.resize(block);
    backward_pass(shape, recurrent_transposed_.data(), readout_transposed_.data(),
                  batch.inputs.data(), hidden_buffer_.data(), squashed_buffer_.data(), dy_.data(),
                  dh_.data(), da_.data(), carry_.data(), offsets, gradient.data(),
                  hidden_gradient_norms);
    return value;
  }
  Float32Workspace& f = f32_;
  f.recurrent_transposed.resize(count(hidden_, hidden_));
  f.readout_transposed.resize(count(hidden_, outputs_));
  gemm::transpose(f.parameters.data(), f.recurrent_transposed.data(), hidden_, hidden_);
  gemm::transpose(f.parameters.data() + readout_offset(), f.readout_transposed.data(), outputs_,
                  hidden_);
  f.dy.assign(dy_.begin(), dy_.end());
  f.dh.assign(block, 0.0f);
  f.da.resize(block);
  f.carry.resize(block);
  f.gradient.assign(parameters_.size(), 0.0f);
  backward_pass(shape, f.recurrent_transposed.data(), f.readout_transposed.data(), f.inputs.data(),
                f.hidden.data(), f.squashed.data(), f.dy.data(), f.dh.data(), f.da.data(),
                f.carry.data(), offsets, f.gradient.data(), hidden_gradient_norms);
  gradient.assign(f.gradient.begin(), f.gradient.end());
  return value;
}

const std::string& Rnn::architecture() const {
  static const std::string name = "rnn";
  return name;
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
