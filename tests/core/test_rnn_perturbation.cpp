// The perturbation of the initial recurrent weights (network parameters epsilon and
// perturbation_seed): W += epsilon / sqrt(N) * N(0, 1) per entry, by the models' own
// add_weight_noise, after any initialization.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "attractor/perturbation.hpp"
#include "attractor/rnn.hpp"
#include "attractor/trainer.hpp"

using attractor::InvalidArgument;
using attractor::ParamValues;
using attractor::Rnn;
using attractor::Trainer;
using attractor::TrainerConfig;

namespace {

ParamValues network(int hidden, double epsilon, double perturbation_seed) {
  return {{"hidden", hidden}, {"seed", 3},          {"inputs", 2},
          {"outputs", 2},     {"epsilon", epsilon}, {"perturbation_seed", perturbation_seed}};
}

std::vector<double> recurrent_block(const Rnn& rnn) {
  const std::size_t nn = rnn.input_offset();
  return {rnn.parameters().begin(), rnn.parameters().begin() + static_cast<long>(nn)};
}

std::vector<double> other_blocks(const Rnn& rnn) {
  return {rnn.parameters().begin() + static_cast<long>(rnn.input_offset()), rnn.parameters().end()};
}

}  // namespace

TEST_CASE("epsilon 0 is the unperturbed network, bit for bit, for every initialization") {
  for (const auto& init : Rnn::initializations()) {
    CAPTURE(init);
    const Rnn plain({{"hidden", 16}, {"seed", 3}, {"inputs", 2}, {"outputs", 2}}, init);
    const Rnn zero(network(16, 0.0, 7), init);
    CHECK(zero.parameters() == plain.parameters());
    CHECK(zero.params().at("epsilon") == 0);
  }
}

TEST_CASE("the perturbation is add_weight_noise on W only, with std epsilon / sqrt(N)") {
  for (const auto& init : Rnn::initializations()) {
    CAPTURE(init);
    const int n = 16;
    const Rnn plain(network(n, 0.0, 5), init);
    const Rnn perturbed(network(n, 0.3, 5), init);
    // Exactly the draws every other model's perturb() makes, added to W.
    std::vector<double> expected = recurrent_block(plain);
    attractor::add_weight_noise(expected.data(), n * n, 0.3 / std::sqrt(16.0), 5);
    CHECK(recurrent_block(perturbed) == expected);
    // U, b, V and c are those of the unperturbed network.
    CHECK(other_blocks(perturbed) == other_blocks(plain));
  }
  // The stated size: over N^2 = 40000 entries the sample std is within 2 % of epsilon / sqrt(N)
  // (its standard error is 0.35 %) and the mean within 4 standard errors of 0.
  const int n = 200;
  const double epsilon = 0.5;
  const Rnn plain(network(n, 0.0, 9), "identity");
  const Rnn perturbed(network(n, epsilon, 9), "identity");
  const std::vector<double> a = recurrent_block(plain);
  const std::vector<double> b = recurrent_block(perturbed);
  double sum = 0.0;
  double squares = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    const double difference = b[k] - a[k];
    sum += difference;
    squares += difference * difference;
  }
  const double count = static_cast<double>(a.size());
  const double mean = sum / count;
  const double std = std::sqrt(squares / count - mean * mean);
  const double stated = epsilon / std::sqrt(static_cast<double>(n));
  CHECK(std::fabs(std / stated - 1) < 0.02);
  CHECK(std::fabs(mean) < 4 * stated / std::sqrt(count));
}

TEST_CASE("perturbation seeds give different perturbations; the network seed is kept") {
  const Rnn one(network(12, 0.1, 1), "ring");
  const Rnn two(network(12, 0.1, 2), "ring");
  CHECK(recurrent_block(one) != recurrent_block(two));
  CHECK(other_blocks(one) == other_blocks(two));
  const Rnn again(network(12, 0.1, 1), "ring");
  CHECK(again.parameters() == one.parameters());
}

TEST_CASE("bad perturbation settings are refused with the name, the value and the range") {
  CHECK_THROWS_WITH_AS(Rnn(network(8, -0.1, 1), "identity"),
                       "rnn: epsilon = -0.1 is not allowed; epsilon must be a number from 0 to 1",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Rnn(network(8, 1.5, 1), "qpta"),
                       "rnn: epsilon = 1.5 is not allowed; epsilon must be a number from 0 to 1",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Rnn(network(8, 0.1, 2.5), "line"),
                       doctest::Contains("rnn: perturbation_seed = 2.5 is not allowed; "
                                         "perturbation_seed must be an integer from 0 to"),
                       InvalidArgument);
}

TEST_CASE("checkpoints keep the perturbation; older ones without it load unperturbed") {
  TrainerConfig config;
  config.task = "delayed_recall";
  config.task_params = {{"steps", 12}};
  config.initialization = "identity";
  config.network = {{"hidden", 10}, {"epsilon", 0.2}, {"perturbation_seed", 4}};
  config.training = {{"batch", 4}, {"seed", 2}};
  Trainer trainer(config);
  trainer.train(3);
  const std::string saved = trainer.to_checkpoint();
  const auto resumed = Trainer::from_checkpoint(saved);
  CHECK(resumed->config().network.at("epsilon") == 0.2);
  CHECK(resumed->config().network.at("perturbation_seed") == 4);
  CHECK(resumed->to_checkpoint() == saved);

  // A checkpoint written before the perturbation existed has neither setting.
  config.network = {{"hidden", 10}};
  Trainer unperturbed(config);
  unperturbed.train(3);
  std::string old = unperturbed.to_checkpoint();
  for (const std::string key : {"\"epsilon\":0,", "\"perturbation_seed\":1,"}) {
    const auto at = old.find(key);
    REQUIRE(at != std::string::npos);
    old.erase(at, key.size());
  }
  const auto loaded = Trainer::from_checkpoint(old);
  CHECK(loaded->config().network.at("epsilon") == 0);
  CHECK(loaded->network().parameters() == unperturbed.network().parameters());
  loaded->train(2);
  unperturbed.train(2);
  CHECK(loaded->network().parameters() == unperturbed.network().parameters());
}
