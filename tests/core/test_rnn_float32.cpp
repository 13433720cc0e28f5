// The float32 path of the RNN (precision = 32): its tanh, products, gradients and training.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "attractor/detmath.hpp"
#include "attractor/gemm.hpp"
#include "attractor/rng.hpp"
#include "attractor/rnn.hpp"
#include "attractor/trainer.hpp"
#include "gradient_check.hpp"
#include "sequence_fixtures.hpp"

using attractor::InvalidArgument;
using attractor::Rnn;
using attractor::SequenceBatch;
using attractor::Trainer;
using attractor::TrainerConfig;

namespace {

using attractor::testing::numeric_gradient;
using attractor::testing::random_batch;
using attractor::testing::relative_error;

attractor::ParamValues network(int hidden, int continuous, int bias, int precision) {
  return {
      {"inputs", 2},           {"hidden", hidden}, {"outputs", 3},       {"continuous", continuous},
      {"bias", bias},          {"gain", 1.3},      {"input_scale", 1.0}, {"seed", hidden},
      {"precision", precision}};
}

}  // namespace

TEST_CASE("tanh_float is within 8 float ulp of tanh, odd, and saturates") {
  double worst = 0.0;
  int not_odd = 0;
  int above_one = 0;
  for (int k = -200000; k <= 200000; ++k) {
    const float x = static_cast<float>(k) * 1e-4f;  // -20 to 20
    const double exact = std::tanh(static_cast<double>(x));
    const float y = attractor::det::tanh_float(x);
    // Error in units of the float spacing at the exact value.
    const double ulp = std::nextafter(static_cast<float>(std::abs(exact)), 2.0f) -
                       static_cast<float>(std::abs(exact));
    worst = std::max(worst, std::abs(static_cast<double>(y) - exact) / ulp);
    not_odd += attractor::det::tanh_float(-x) == -y ? 0 : 1;
    above_one += std::abs(y) <= 1.0f ? 0 : 1;
  }
  MESSAGE("tanh_float: largest error " << worst << " float ulp on [-20, 20]");
  CHECK(worst < 8.0);  // measured 5.4
  CHECK(not_odd == 0);
  CHECK(above_one == 0);
  CHECK(attractor::det::tanh_float(0.0f) == 0.0f);
  CHECK(attractor::det::tanh_float(1e-30f) == 1e-30f);
  CHECK(attractor::det::tanh_float(100.0f) == doctest::Approx(1.0).epsilon(1e-7));
  CHECK(std::isnan(attractor::det::tanh_float(NAN)));
}

TEST_CASE("float32 products sum in the documented order") {
  attractor::Rng rng(3);
  const int m = 17, k = 9, n = 5;
  std::vector<float> a(static_cast<std::size_t>(m * k)), b(static_cast<std::size_t>(k * n));
  for (auto& v : a) v = static_cast<float>(rng.normal());
  for (auto& v : b) v = static_cast<float>(rng.normal());
  std::vector<float> c(static_cast<std::size_t>(m * n), 1.0f);
  attractor::gemm::multiply(a.data(), b.data(), c.data(), m, k, n, true);
  std::vector<float> bt(static_cast<std::size_t>(n * k));
  attractor::gemm::transpose(b.data(), bt.data(), k, n);
  std::vector<float> outer(static_cast<std::size_t>(m * n), 1.0f);
  attractor::gemm::multiply_add_transposed_b(a.data(), bt.data(), outer.data(), m, k, n);
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < m; ++i) {
      float expected = 1.0f;  // one float rounding per product and per sum, p increasing
      for (int p = 0; p < k; ++p) {
        const float product =
            a[static_cast<std::size_t>(p * m + i)] * b[static_cast<std::size_t>(j * k + p)];
        expected = expected + product;
      }
      CHECK(c[static_cast<std::size_t>(j * m + i)] == expected);
      CHECK(outer[static_cast<std::size_t>(j * m + i)] == expected);
    }
  }
}

TEST_CASE("float32 BPTT gradients match float64 central differences to 1e-3") {
  // The float32 gradient against the float64 network's central differences (h = 1e-5, whose
  // own error is far below float32 rounding): relative error (2-norm over all parameters)
  // below 1e-3; measured 2e-7 to 4e-6. The float32 and float64 losses agree to 1e-5.
  for (const int continuous : {0, 1}) {
    for (const int bias : {0, 1}) {
      for (const int hidden : {3, 20}) {
        CAPTURE(continuous);
        CAPTURE(bias);
        CAPTURE(hidden);
        Rnn single(network(hidden, continuous, bias, 32));
        Rnn reference(network(hidden, continuous, bias, 64));
        CHECK(single.precision() == 32);
        CHECK(reference.precision() == 64);
        if (bias) {
          for (std::size_t k = single.bias_offset(); k < single.readout_offset(); ++k) {
            single.parameters()[k] = reference.parameters()[k] =
                0.1 * static_cast<double>(k % 5) - 0.2;
          }
        }
        const SequenceBatch batch = random_batch(12, 4, 2, 3, 7, 0.5);
        std::vector<double> gradient32;
        const double loss32 = single.loss_and_gradient(batch, gradient32);
        std::vector<double> gradient64;
        const double loss64 = reference.loss_and_gradient(batch, gradient64);
        CHECK(std::abs(loss32 - loss64) < 1e-5 * loss64);
        const std::vector<double> numeric =
            bias ? numeric_gradient(reference, batch)
                 : numeric_gradient(reference, batch, reference.bias_offset(),
                                    reference.readout_offset());
        const double error = relative_error(gradient32, numeric);
        MESSAGE("float32 gradient vs float64 central differences: " << error);
        CHECK(error < 1e-3);
        CHECK(relative_error(gradient64, numeric) < 1e-6);
        if (!bias) {
          for (std::size_t k = single.bias_offset(); k < single.readout_offset(); ++k)
            CHECK(gradient32[k] == 0.0);
        }
      }
    }
  }
}

TEST_CASE("precision must be 32 or 64, and 64 is the default") {
  CHECK(Rnn({{"hidden", 4}}).precision() == 64);
  CHECK_THROWS_WITH_AS(Rnn({{"hidden", 4}, {"precision", 48}}),
                       "rnn: precision = 48 is not allowed; choose 32 (float32 forward pass and "
                       "BPTT) or 64 (float64)",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Rnn({{"precision", 16}}), doctest::Contains("precision = 16"),
                       InvalidArgument);
}

TEST_CASE("float32 training learns like float64 and its checkpoint records the precision") {
  TrainerConfig config;
  config.task = "delayed_recall";
  config.task_params = {{"steps", 20}, {"recall_steps", 3}};
  config.initialization = "orthogonal";
  config.network = {{"hidden", 32}, {"precision", 32}};
  config.optimizer_params = {{"learning_rate", 3e-3}};
  config.training = {{"batch", 32}, {"seed", 1}};
  Trainer single(config);
  config.network["precision"] = 64;
  Trainer reference(config);
  single.train(300);
  reference.train(300);
  CHECK(single.rnn("test").precision() == 32);
  CHECK(single.network().parameters() != reference.network().parameters());
  // Same data, same start: the runs stay close, and both learn.
  CHECK(single.losses()[0] == doctest::Approx(reference.losses()[0]).epsilon(1e-5));
  CHECK(single.validation_loss() < 0.1 * single.losses()[0]);
  CHECK(single.validation_loss() == doctest::Approx(reference.validation_loss()).epsilon(0.5));

  const std::string saved = single.to_checkpoint();
  CHECK(saved.find("\"precision\":32") != std::string::npos);
  auto resumed = Trainer::from_checkpoint(saved);
  CHECK(resumed->rnn("test").precision() == 32);
  CHECK(resumed->to_checkpoint() == saved);
  config.network["precision"] = 32;
  Trainer straight(config);
  straight.train(320);
  resumed->train(20);
  CHECK(resumed->network().parameters() == straight.network().parameters());
  CHECK(resumed->losses() == straight.losses());
}
