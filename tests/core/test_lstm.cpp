#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attractor/lstm.hpp"
#include "attractor/rnn.hpp"
#include "gradient_check.hpp"
#include "jacobian_check.hpp"
#include "sequence_fixtures.hpp"

using attractor::InvalidArgument;
using attractor::Lstm;
using attractor::SequenceBatch;

namespace {

using attractor::testing::batch_counting_step;
using attractor::testing::check_gradient_grid;
using attractor::testing::gradient_error;
using attractor::testing::hidden_gradient_norms;
using attractor::testing::random_batch;

double logistic(double x) {
  return 1 / (1 + std::exp(-x));
}

}  // namespace

TEST_CASE("LSTM BPTT gradients match central differences for both cells, masks and sizes") {
  check_gradient_grid(
      "cell_memory", "readout_bias", {1, 3, 8},
      [](int cell_memory, int readout_bias, int hidden, const SequenceBatch& batch) {
        Lstm lstm({{"inputs", 2},
                   {"hidden", hidden},
                   {"outputs", 3},
                   {"cell_memory", cell_memory},
                   {"readout_bias", readout_bias},
                   {"seed", hidden}});
        // Larger weights than the initialization's, so every gate works off its linear range.
        for (auto& value : lstm.parameters()) value *= 3.0;
        if (readout_bias) return gradient_error(lstm, batch);
        // Without a readout bias its block is unused: zero, and not checked.
        for (std::size_t k = lstm.readout_bias_offset(); k < lstm.parameters().size(); ++k)
          lstm.parameters()[k] = 0.0;
        return gradient_error(lstm, batch, lstm.readout_bias_offset(), lstm.parameters().size());
      });
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
  const std::vector<double> norms = hidden_gradient_norms(lstm, batch_counting_step(30, 3, 19, 4));
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
