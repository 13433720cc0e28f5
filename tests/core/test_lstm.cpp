#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attractor/lstm.hpp"
#include "attractor/rnn.hpp"
#include "jacobian_check.hpp"
#include "sequence_fixtures.hpp"

using attractor::InvalidArgument;
using attractor::Lstm;
using attractor::SequenceBatch;

namespace {

using attractor::testing::random_batch;

// Relative error of the analytic gradient against central differences, over all parameters.
double gradient_error(Lstm& lstm, const SequenceBatch& batch) {
  std::vector<double> gradient;
  lstm.loss_and_gradient(batch, gradient);
  std::vector<double> numeric(gradient.size(), 0.0);
  const double h = 1e-5;
  for (std::size_t k = 0; k < gradient.size(); ++k) {
    if (!lstm.has_readout_bias() && k >= lstm.readout_bias_offset()) continue;
    const double saved = lstm.parameters()[k];
    lstm.parameters()[k] = saved + h;
    const double plus = lstm.loss(batch);
    lstm.parameters()[k] = saved - h;
    const double minus = lstm.loss(batch);
    lstm.parameters()[k] = saved;
    numeric[k] = (plus - minus) / (2 * h);
  }
  double diff = 0.0;
  double norm = 0.0;
  for (std::size_t k = 0; k < gradient.size(); ++k) {
    diff += (gradient[k] - numeric[k]) * (gradient[k] - numeric[k]);
    norm += numeric[k] * numeric[k];
  }
  return std::sqrt(diff / norm);
}

double logistic(double x) {
  return 1 / (1 + std::exp(-x));
}

}  // namespace

TEST_CASE("LSTM BPTT gradients match central differences for both cells, masks and sizes") {
  for (const int cell_memory : {0, 1}) {
    for (const int readout_bias : {0, 1}) {
      for (const int hidden : {1, 3, 8}) {
        for (const double mask_probability : {1.0, 0.3}) {
          CAPTURE(cell_memory);
          CAPTURE(readout_bias);
          CAPTURE(hidden);
          CAPTURE(mask_probability);
          Lstm lstm({{"inputs", 2},
                     {"hidden", hidden},
                     {"outputs", 3},
                     {"cell_memory", cell_memory},
                     {"readout_bias", readout_bias},
                     {"seed", hidden}});
          // Larger weights than the initialization's, so every gate works off its linear range.
          for (auto& value : lstm.parameters()) value *= 3.0;
          if (!readout_bias) {
            for (std::size_t k = lstm.readout_bias_offset(); k < lstm.parameters().size(); ++k)
              lstm.parameters()[k] = 0.0;
          }
          const SequenceBatch batch = random_batch(12, 4, 2, 3, 7, mask_probability);
          CHECK(gradient_error(lstm, batch) < 1e-6);
        }
      }
    }
  }
}

TEST_CASE("the LSTM's forward pass is the published equations, computed here by hand") {
  // One unit, one input, one output; gate rows i, g, o.
  for (const int cell_memory : {0, 1}) {
    CAPTURE(cell_memory);
    Lstm lstm({{"hidden", 1}, {"cell_memory", cell_memory}, {"readout_bias", 1}});
    const double u[3] = {0.7, -1.1, 0.4}, w[3] = {0.3, 0.9, -0.6}, b[3] = {0.1, -0.2, 0.5};
    const double v = 1.3, c = -0.25;
    lstm.set_parameters({u[0], u[1], u[2], w[0], w[1], w[2], b[0], b[1], b[2], v, c});
    SequenceBatch batch = random_batch(3, 1, 1, 1, 1, 1.0);
    const double x[3] = {1.0, 0.5, -2.0};
    for (int t = 0; t < 3; ++t) batch.input(t, 0, 0) = x[t];
    lstm.loss(batch);
    double h = 0, cell = 0;
    for (int t = 0; t < 3; ++t) {
      const double i = logistic(u[0] * x[t] + w[0] * h + b[0]);
      const double g = std::tanh(u[1] * x[t] + w[1] * h + b[1]);
      const double o = logistic(u[2] * x[t] + w[2] * h + b[2]);
      cell = (cell_memory ? cell : 0.0) + i * g;
      h = o * std::tanh(cell);
      CHECK(lstm.outputs()[static_cast<std::size_t>(t)] ==
            doctest::Approx(v * h + c).epsilon(1e-14));
    }
  }
}

TEST_CASE(
    "the LSTM as a StepMap: its step is the forward pass with zero input, its Jacobian exact") {
  for (const int cell_memory : {0, 1}) {
    CAPTURE(cell_memory);
    const int n = 6;
    Lstm lstm({{"hidden", n}, {"cell_memory", cell_memory}, {"seed", 4}});
    for (auto& value : lstm.parameters()) value *= 4.0;
    SequenceBatch silent = random_batch(4, 1, 1, 1, 3, 1.0);
    for (auto& x : silent.inputs) x = 0.0;
    lstm.loss(silent);
    Eigen::VectorXd state = Eigen::VectorXd::Zero(lstm.dimension()), next;
    for (int t = 1; t <= 4; ++t) {
      lstm.step(state, next);
      CHECK(next.head(n) ==
            Eigen::Map<const Eigen::VectorXd>(lstm.hidden_states().data() + t * n, n));
      CHECK(attractor::testing::jacobian_error(lstm, next) < 1e-8);
      state = next;
    }
  }
}

TEST_CASE("the LSTM's learning signal: dL/dh_t is zero after the last masked step") {
  Lstm lstm({{"hidden", 10}});
  SequenceBatch batch = random_batch(30, 3, 1, 1, 4, 0.0);
  for (auto& m : batch.mask) m = 0.0;
  for (int j = 0; j < 3; ++j) batch.weight(19, j) = 1.0;
  std::vector<double> gradient;
  std::vector<double> norms;
  lstm.loss_and_gradient(batch, gradient, &norms);
  REQUIRE(norms.size() == 30);
  for (int k = 20; k < 30; ++k) CHECK(norms[static_cast<std::size_t>(k)] == 0.0);
  CHECK(norms[19] > 0.0);
  CHECK(norms[0] > 0.0);
}

TEST_CASE(
    "the LSTM starts uniform in [-1/sqrt(N), 1/sqrt(N)], and matches the RNN's size as the authors "
    "do") {
  const int n = 64;
  Lstm lstm({{"hidden", n}, {"inputs", 1}, {"outputs", 2}, {"seed", 9}});
  const double bound = 1.0 / std::sqrt(n);
  double sum = 0.0, squares = 0.0;
  const std::size_t weights = lstm.readout_bias_offset();
  for (std::size_t k = 0; k < weights; ++k) {
    const double value = lstm.parameters()[k];
    CHECK(std::abs(value) <= bound);
    sum += value;
    squares += value * value;
  }
  CHECK(std::abs(sum / weights) < 0.02 * bound);
  CHECK(squares / weights == doctest::Approx(bound * bound / 3).epsilon(0.03));
  CHECK(lstm.readout_bias().isZero());
  CHECK(Lstm({{"hidden", n}, {"seed", 10}}).parameters() !=
        Lstm({{"hidden", n}, {"seed", 9}}).parameters());
  // Park et al. compare an LSTM of 115 units with an RNN of 200 (one input, two outputs).
  const auto lstm_size = static_cast<double>(Lstm::parameter_count(1, 115, 2));
  const auto rnn_size =
      static_cast<double>(attractor::Rnn({{"hidden", 200}, {"outputs", 2}}).parameters().size());
  CHECK(std::abs(lstm_size - rnn_size) / rnn_size < 0.01);
  CHECK(Lstm({{"hidden", 115}, {"outputs", 2}}).parameters().size() ==
        Lstm::parameter_count(1, 115, 2));
}

TEST_CASE("invalid LSTMs, batches and parameters are rejected by name") {
  CHECK_THROWS_WITH_AS(Lstm({{"hidden", 0}}), doctest::Contains("hidden"), InvalidArgument);
  CHECK_THROWS_WITH_AS(Lstm({{"cell_memory", 2}}), doctest::Contains("cell_memory"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Lstm({{"forget", 1}}), doctest::Contains("forget"), InvalidArgument);
  Lstm lstm({{"hidden", 4}});
  const std::vector<double> before = lstm.parameters();
  CHECK_THROWS_WITH_AS(lstm.set_parameters({1.0}), doctest::Contains("this network has"),
                       InvalidArgument);
  std::vector<double> bad = before;
  bad.back() = 0.5;  // the readout bias it does not have
  CHECK_THROWS_WITH_AS(lstm.set_parameters(bad), doctest::Contains("no readout bias"),
                       InvalidArgument);
  bad = before;
  bad[3] = std::nan("");
  CHECK_THROWS_WITH_AS(lstm.set_parameters(bad), doctest::Contains("parameter 3"), InvalidArgument);
  CHECK(lstm.parameters() == before);
  SequenceBatch wrong = random_batch(5, 2, 3, 1, 1, 1.0);  // three inputs for a one-input LSTM
  CHECK_THROWS_WITH_AS(lstm.loss(wrong), doctest::Contains("lstm"), InvalidArgument);
}
