#include "attractor/lstm.hpp"

#include <algorithm>
#include <cmath>

#include "attractor/detmath.hpp"
#include "attractor/gemm.hpp"
#include "attractor/rng.hpp"

namespace attractor {
namespace {

const char* const kContext = "lstm";

std::size_t count(int a, int b) {
  return static_cast<std::size_t>(a) * static_cast<std::size_t>(b);
}

double sigmoid(double x) {
  return 1.0 / (1.0 + det::exp(-x));
}

// The gates of one step from their pre-activations z (3N x trials, overwritten): i, g, o.
void activate_gates(double* z, int hidden, int trials, const double* bias) {
  const int rows = 3 * hidden;
  for (int j = 0; j < trials; ++j) {
    double* column = z + count(rows, j);
    for (int r = 0; r < rows; ++r) {
      const double value = column[r] + bias[r];
      column[r] = (r >= hidden && r < 2 * hidden) ? det::tanh(value) : sigmoid(value);
    }
  }
}

}  // namespace

const std::vector<ParamSpec>& Lstm::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"inputs", 1, 64, 1, true, "", "Number of input channels."},
      {"hidden", 1, 1024, 64, true, "units", "Number of LSTM units N."},
      {"outputs", 1, 64, 1, true, "", "Number of outputs."},
      {"cell_memory", 0, 1, 0, true, "",
       "0: c_t = i_t g_t, the cell keeps nothing (Park et al.'s released LSTM_noforget); "
       "1: c_t = c_{t-1} + i_t g_t (Hochreiter & Schmidhuber 1997)."},
      {"readout_bias", 0, 1, 0, true, "",
       "1: the readout has a trained bias c; 0: none (as in Park et al.'s code)."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the initial weights."},
  };
  return specs;
}

std::size_t Lstm::parameter_count(int inputs, int hidden, int outputs) {
  return count(3 * hidden, inputs + hidden + 1) + count(outputs, hidden) +
         static_cast<std::size_t>(outputs);
}

Lstm::Lstm(const ParamValues& params) : TrainableNetwork(param_specs(), params, kContext) {
  cell_memory_ = params_.at("cell_memory") == 1;
  readout_bias_ = params_.at("readout_bias") == 1;
  parameters_.assign(parameter_count(inputs_, hidden_, outputs_), 0.0);
  // Every weight and bias uniform in [-1/sqrt(N), 1/sqrt(N)], in layout order.
  Rng rng(static_cast<std::uint64_t>(params_.at("seed")), streams::kWeights);
  const double bound = 1.0 / std::sqrt(static_cast<double>(hidden_));
  for (std::size_t k = 0; k < readout_bias_offset(); ++k)
    parameters_[k] = rng.uniform(-bound, bound);
  if (readout_bias_) {
    for (std::size_t k = readout_bias_offset(); k < parameters_.size(); ++k)
      parameters_[k] = rng.uniform(-bound, bound);
  }
}

std::size_t Lstm::recurrent_offset() const {
  return count(3 * hidden_, inputs_);
}
std::size_t Lstm::bias_offset() const {
  return recurrent_offset() + count(3 * hidden_, hidden_);
}
std::size_t Lstm::readout_offset() const {
  return bias_offset() + static_cast<std::size_t>(3 * hidden_);
}
std::size_t Lstm::readout_bias_offset() const {
  return readout_offset() + count(outputs_, hidden_);
}

Eigen::Map<const Eigen::MatrixXd> Lstm::input() const {
  return {parameters_.data(), 3 * hidden_, inputs_};
}
Eigen::Map<const Eigen::MatrixXd> Lstm::recurrent() const {
  return {parameters_.data() + recurrent_offset(), 3 * hidden_, hidden_};
}
Eigen::Map<const Eigen::VectorXd> Lstm::bias() const {
  return {parameters_.data() + bias_offset(), 3 * hidden_};
}
Eigen::Map<const Eigen::MatrixXd> Lstm::readout() const {
  return {parameters_.data() + readout_offset(), outputs_, hidden_};
}
Eigen::Map<const Eigen::VectorXd> Lstm::readout_bias() const {
  return {parameters_.data() + readout_bias_offset(), outputs_};
}

TrainableNetwork::UnusedBlock Lstm::unused_parameters() const {
  if (readout_bias_) return {};
  return {readout_bias_offset(), parameters_.size(), "readout bias"};
}

void Lstm::check_batch(const SequenceBatch& batch) const {
  attractor::check_batch(batch, inputs_, outputs_, kContext);
  // The forward pass keeps the gates of every step: 3N per trial and step.
  const double values = static_cast<double>(batch.steps) * batch.batch * 3 * hidden_;
  check_array_size(values,
                   "steps x batch x 3 hidden = " + std::to_string(batch.steps) + " x " +
                       std::to_string(batch.batch) + " x 3 x " + std::to_string(hidden_),
                   "use fewer steps or trials", kContext);
}

void Lstm::forward(const SequenceBatch& batch) {
  const int trials = batch.batch;
  const int rows = 3 * hidden_;
  const std::size_t block = count(hidden_, trials);
  const std::size_t gate_block = count(rows, trials);
  const auto steps = static_cast<std::size_t>(batch.steps);
  gates_buffer_.resize(gate_block * steps);
  cell_buffer_.assign(block * (steps + 1), 0.0);
  squashed_buffer_.resize(block * steps);
  hidden_buffer_.assign(block * (steps + 1), 0.0);
  outputs_buffer_.resize(count(outputs_, trials) * steps);
  const double* u = parameters_.data();
  const double* w = parameters_.data() + recurrent_offset();
  const double* b = parameters_.data() + bias_offset();
  const double* v = parameters_.data() + readout_offset();
  const double* c = parameters_.data() + readout_bias_offset();
  for (std::size_t k = 0; k < steps; ++k) {
    double* z = gates_buffer_.data() + gate_block * k;
    const double* x = batch.inputs.data() + count(inputs_, trials) * k;
    gemm::multiply(u, x, z, rows, inputs_, trials, false);
    gemm::multiply(w, hidden_buffer_.data() + block * k, z, rows, hidden_, trials, true);
    activate_gates(z, hidden_, trials, b);
    const double* previous_cell = cell_buffer_.data() + block * k;
    double* cell = cell_buffer_.data() + block * (k + 1);
    double* squashed = squashed_buffer_.data() + block * k;
    double* h = hidden_buffer_.data() + block * (k + 1);
    for (int j = 0; j < trials; ++j) {
      const double* gates = z + count(rows, j);
      for (int r = 0; r < hidden_; ++r) {
        const std::size_t at = count(hidden_, j) + static_cast<std::size_t>(r);
        const double kept = cell_memory_ ? previous_cell[at] : 0.0;
        cell[at] = kept + gates[r] * gates[hidden_ + r];
        squashed[at] = det::tanh(cell[at]);
        h[at] = gates[2 * hidden_ + r] * squashed[at];
      }
    }
    double* y = outputs_buffer_.data() + count(outputs_, trials) * k;
    gemm::multiply(v, h, y, outputs_, hidden_, trials, false);
    for (int j = 0; j < trials; ++j) {
      for (int o = 0; o < outputs_; ++o)
        y[count(outputs_, j) + static_cast<std::size_t>(o)] += c[o];
    }
  }
}

double Lstm::loss_and_gradient(const SequenceBatch& batch, std::vector<double>& gradient,
                               std::vector<double>* hidden_gradient_norms) {
  const double value = loss(batch);  // also runs the forward pass
  const int trials = batch.batch;
  const int rows = 3 * hidden_;
  const std::size_t block = count(hidden_, trials);
  const std::size_t gate_block = count(rows, trials);
  gradient.assign(parameters_.size(), 0.0);
  if (hidden_gradient_norms) {
    hidden_gradient_norms->assign(static_cast<std::size_t>(batch.steps), 0.0);
  }
  masked_squared_error_gradient(batch, outputs_buffer_, dy_);

  std::vector<double> recurrent_transposed(count(hidden_, rows));
  std::vector<double> readout_transposed(count(hidden_, outputs_));
  gemm::transpose(parameters_.data() + recurrent_offset(), recurrent_transposed.data(), rows,
                  hidden_);
  gemm::transpose(parameters_.data() + readout_offset(), readout_transposed.data(), outputs_,
                  hidden_);
  double* gu = gradient.data();
  double* gw = gradient.data() + recurrent_offset();
  double* gb = gradient.data() + bias_offset();
  double* gv = gradient.data() + readout_offset();
  double* gc = gradient.data() + readout_bias_offset();
  std::vector<double> dh(block, 0.0);     // dL/dh_t, from the future and the readout
  std::vector<double> dcell(block, 0.0);  // dL/dc_t carried from c_{t+1} (cell_memory only)
  std::vector<double> dz(gate_block);     // dL/dz_t of the three gates
  for (int k = batch.steps - 1; k >= 0; --k) {
    const auto step = static_cast<std::size_t>(k);
    const double* gates = gates_buffer_.data() + gate_block * step;
    const double* squashed = squashed_buffer_.data() + block * step;
    const double* h = hidden_buffer_.data() + block * (step + 1);
    const double* previous = hidden_buffer_.data() + block * step;
    const double* x = batch.inputs.data() + count(inputs_, trials) * step;
    const double* dy = dy_.data() + count(outputs_, trials) * step;
    gemm::multiply_add_transposed_b(dy, h, gv, outputs_, trials, hidden_);
    if (readout_bias_) {
      for (int j = 0; j < trials; ++j) {
        for (int o = 0; o < outputs_; ++o)
          gc[o] += dy[count(outputs_, j) + static_cast<std::size_t>(o)];
      }
    }
    gemm::multiply(readout_transposed.data(), dy, dh.data(), hidden_, outputs_, trials, true);
    if (hidden_gradient_norms) {
      double sum = 0.0;
      for (const double entry : dh) sum += entry * entry;
      (*hidden_gradient_norms)[step] = std::sqrt(sum);
    }
    for (int j = 0; j < trials; ++j) {
      const double* column = gates + count(rows, j);
      double* dcolumn = dz.data() + count(rows, j);
      for (int r = 0; r < hidden_; ++r) {
        const std::size_t at = count(hidden_, j) + static_cast<std::size_t>(r);
        const double i = column[r], g = column[hidden_ + r], o = column[2 * hidden_ + r];
        const double s = squashed[at];
        const double dc = dcell[at] + dh[at] * o * (1 - s * s);
        dcolumn[r] = dc * g * i * (1 - i);
        dcolumn[hidden_ + r] = dc * i * (1 - g * g);
        dcolumn[2 * hidden_ + r] = dh[at] * s * o * (1 - o);
        dcell[at] = cell_memory_ ? dc : 0.0;
      }
    }
    gemm::multiply_add_transposed_b(dz.data(), x, gu, rows, trials, inputs_);
    gemm::multiply_add_transposed_b(dz.data(), previous, gw, rows, trials, hidden_);
    for (int j = 0; j < trials; ++j) {
      for (int r = 0; r < rows; ++r) gb[r] += dz[count(rows, j) + static_cast<std::size_t>(r)];
    }
    gemm::multiply(recurrent_transposed.data(), dz.data(), dh.data(), hidden_, rows, trials, false);
  }
  return value;
}

const std::string& Lstm::architecture() const {
  static const std::string name = "lstm";
  return name;
}

void Lstm::step(const Eigen::VectorXd& state, Eigen::VectorXd& next) const {
  const int rows = 3 * hidden_;
  Eigen::VectorXd z(rows);
  gemm::multiply(parameters_.data() + recurrent_offset(), state.data(), z.data(), rows, hidden_, 1,
                 false);
  activate_gates(z.data(), hidden_, 1, parameters_.data() + bias_offset());
  next.resize(dimension());
  for (int r = 0; r < hidden_; ++r) {
    const double cell = (cell_memory_ ? state[hidden_ + r] : 0.0) + z[r] * z[hidden_ + r];
    next[r] = z[2 * hidden_ + r] * det::tanh(cell);
    if (cell_memory_) next[hidden_ + r] = cell;
  }
}

void Lstm::step_jacobian(const Eigen::VectorXd& state, Eigen::MatrixXd& jacobian) const {
  const int rows = 3 * hidden_;
  Eigen::VectorXd z(rows);
  gemm::multiply(parameters_.data() + recurrent_offset(), state.data(), z.data(), rows, hidden_, 1,
                 false);
  activate_gates(z.data(), hidden_, 1, parameters_.data() + bias_offset());
  const Eigen::MatrixXd w = recurrent();
  // dc'/dh = diag(g i (1 - i)) W_i + diag(i (1 - g^2)) W_g;  dh'/dh = diag(s o (1 - o)) W_o
  // + diag(o (1 - s^2)) dc'/dh;  with a cell memory also dc'/dc = I and dh'/dc = diag(o (1 - s^2)).
  jacobian.setZero(dimension(), dimension());
  for (int r = 0; r < hidden_; ++r) {
    const double i = z[r], g = z[hidden_ + r], o = z[2 * hidden_ + r];
    const double cell = (cell_memory_ ? state[hidden_ + r] : 0.0) + i * g;
    const double s = det::tanh(cell);
    const Eigen::RowVectorXd dcell =
        g * i * (1 - i) * w.row(r) + i * (1 - g * g) * w.row(hidden_ + r);
    jacobian.block(r, 0, 1, hidden_) =
        s * o * (1 - o) * w.row(2 * hidden_ + r) + o * (1 - s * s) * dcell;
    if (cell_memory_) {
      jacobian(r, hidden_ + r) = o * (1 - s * s);
      jacobian.block(hidden_ + r, 0, 1, hidden_) = dcell;
      jacobian(hidden_ + r, hidden_ + r) = 1.0;
    }
  }
}

}  // namespace attractor
