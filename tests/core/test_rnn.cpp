#include <doctest/doctest.h>

#include <Eigen/Eigenvalues>
#include <cmath>
#include <string>

#include "attractor/rng.hpp"
#include "attractor/rnn.hpp"
#include "gradient_check.hpp"
#include "jacobian_check.hpp"
#include "sequence_fixtures.hpp"

using attractor::InvalidArgument;
using attractor::Rnn;
using attractor::SequenceBatch;

namespace {

using attractor::testing::batch_counting_step;
using attractor::testing::check_gradient_grid;
using attractor::testing::gradient_error;
using attractor::testing::hidden_gradient_norms;
using attractor::testing::random_batch;

// Without a bias the bias block is unused: its gradient stays zero and is not checked.
double rnn_gradient_error(Rnn& rnn, const SequenceBatch& batch) {
  return rnn.has_bias() ? gradient_error(rnn, batch)
                        : gradient_error(rnn, batch, rnn.bias_offset(), rnn.readout_offset());
}

}  // namespace

TEST_CASE("BPTT gradients match central differences for every form, mask and size") {
  check_gradient_grid("continuous", "bias", {3, 8, 20},
                      [](int continuous, int bias, int hidden, const SequenceBatch& batch) {
                        Rnn rnn({{"inputs", 2},
                                 {"hidden", hidden},
                                 {"outputs", 3},
                                 {"continuous", continuous},
                                 {"bias", bias},
                                 {"gain", 1.3},
                                 {"input_scale", 1.0},
                                 {"seed", hidden}},
                                "gaussian");
                        if (bias) {  // a non-zero bias, so its gradient is exercised
                          for (std::size_t k = rnn.bias_offset(); k < rnn.readout_offset(); ++k) {
                            rnn.parameters()[k] = 0.1 * static_cast<double>(k % 5) - 0.2;
                          }
                        }
                        return rnn_gradient_error(rnn, batch);
                      });
}

TEST_CASE("the hidden-state gradient norms are dL/dh_t, zero after the last masked step") {
  Rnn rnn({{"hidden", 10}, {"gain", 0.5}});
  const std::vector<double> norms = hidden_gradient_norms(rnn, batch_counting_step(30, 3, 19, 4));
  REQUIRE(norms.size() == 30);
  for (int k = 20; k < 30; ++k) CHECK(norms[static_cast<std::size_t>(k)] == 0.0);
  CHECK(norms[19] > 0.0);
  // With gain 0.5 the signal shrinks going back in time.
  CHECK(norms[0] < 1e-3 * norms[19]);
}

TEST_CASE("initializations have their defining properties") {
  const int n = 64;
  Rnn orthogonal({{"hidden", n}, {"gain", 1.0}}, "orthogonal");
  const Eigen::MatrixXd w = orthogonal.recurrent();
  CHECK((w.transpose() * w - Eigen::MatrixXd::Identity(n, n)).norm() < 1e-12 * n);
  Rnn identity({{"hidden", n}, {"gain", 1.0}}, "identity");
  CHECK(Eigen::MatrixXd(identity.recurrent()) == Eigen::MatrixXd::Identity(n, n));
  Rnn gaussian({{"hidden", 400}, {"gain", 1.5}}, "gaussian");
  const Eigen::MatrixXd g = gaussian.recurrent();
  CHECK(g.squaredNorm() / g.size() == doctest::Approx(1.5 * 1.5 / 400).epsilon(0.03));
  // Circular law: the spectral radius approaches the gain.
  const Eigen::EigenSolver<Eigen::MatrixXd> solver(g, false);
  CHECK(solver.eigenvalues().cwiseAbs().maxCoeff() == doctest::Approx(1.5).epsilon(0.08));
  CHECK(gaussian.bias().isZero());
  CHECK(gaussian.readout_bias().isZero());
}

TEST_CASE("the RNN as a StepMap: its step is the forward pass, its Jacobian exact") {
  for (const int continuous : {0, 1}) {
    CAPTURE(continuous);
    Rnn rnn({{"hidden", 15}, {"continuous", continuous}, {"gain", 1.2}});
    SequenceBatch batch = random_batch(5, 1, 1, 1, 3, 1.0);
    for (auto& x : batch.inputs) x = 0.0;
    batch.inputs[0] = 2.0;  // kick at the first step, then autonomous
    rnn.loss(batch);
    const auto& h = rnn.hidden_states();
    const Eigen::Map<const Eigen::VectorXd> h3(h.data() + 3 * 15, 15);
    const Eigen::Map<const Eigen::VectorXd> h4(h.data() + 4 * 15, 15);
    Eigen::VectorXd next;
    rnn.step(h3, next);
    CHECK(next == h4);
    CHECK(attractor::testing::jacobian_error(rnn, h4) < 1e-8);
  }
}

TEST_CASE("invalid networks, batches and parameters are rejected by name") {
  CHECK_THROWS_WITH_AS(
      Rnn({{"hidden", 1}}),
      "rnn: hidden = 1 is not allowed; hidden must be an integer from 2 to 1024 units",
      InvalidArgument);
  CHECK_THROWS_WITH_AS(Rnn({}, "xavier"),
                       "rnn: initialization 'xavier' is not known; choose one of gaussian, "
                       "orthogonal, identity, qpta, line, ring",
                       InvalidArgument);
  Rnn rnn({{"hidden", 4}, {"inputs", 2}, {"bias", 0}});
  SequenceBatch wrong = random_batch(3, 2, 1, 1, 1, 1.0);
  CHECK_THROWS_WITH_AS(rnn.loss(wrong), doctest::Contains("the batch has 1 inputs and 1 outputs"),
                       InvalidArgument);
  std::vector<double> values = rnn.parameters();
  values[2] = NAN;
  CHECK_THROWS_WITH_AS(rnn.set_parameters(values), doctest::Contains("parameter 2 = nan"),
                       InvalidArgument);
  values[2] = 0;
  values[rnn.bias_offset()] = 1.0;
  CHECK_THROWS_WITH_AS(rnn.set_parameters(values), doctest::Contains("has no bias"),
                       InvalidArgument);
  CHECK_THROWS_AS(rnn.set_parameters({1, 2}), InvalidArgument);
}

TEST_CASE(
    "a trained initial state: h_0 starts uniform in [-1, 1], is every trial's first state, "
    "and gets the exact gradient") {
  for (const int continuous : {0, 1}) {
    for (const int precision : {64, 32}) {
      CAPTURE(continuous);
      CAPTURE(precision);
      const attractor::ParamValues params = {
          {"inputs", 2}, {"hidden", 7},        {"outputs", 3},       {"continuous", continuous},
          {"gain", 1.2}, {"input_scale", 1.0}, {"initial_state", 1}, {"precision", precision}};
      Rnn rnn(params, "orthogonal");
      attractor::ParamValues without = params;
      without["initial_state"] = 0;
      const Rnn plain(without, "orthogonal");
      // The other weights are those of the network without a trained h_0.
      REQUIRE(rnn.parameters().size() == plain.parameters().size() + 7);
      REQUIRE(rnn.initial_state_offset() == plain.parameters().size());
      CHECK(std::equal(plain.parameters().begin(), plain.parameters().end(),
                       rnn.parameters().begin()));
      for (std::size_t k = rnn.initial_state_offset(); k < rnn.parameters().size(); ++k)
        CHECK(std::abs(rnn.parameters()[k]) <= 1.0);
      const SequenceBatch batch = random_batch(10, 3, 2, 3, 5, 0.5);
      rnn.loss(batch);
      for (int j = 0; j < 3; ++j) {
        for (int i = 0; i < 7; ++i) {
          const double h0 =
              rnn.parameters()[rnn.initial_state_offset() + static_cast<std::size_t>(i)];
          const double expected =
              precision == 32 ? static_cast<double>(static_cast<float>(h0)) : h0;
          CHECK(rnn.hidden_states()[static_cast<std::size_t>(j * 7 + i)] == expected);
        }
      }
      if (precision == 64) CHECK(rnn_gradient_error(rnn, batch) < 1e-6);
    }
  }
}
