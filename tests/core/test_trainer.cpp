#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "attractor/trainer.hpp"

using attractor::InvalidArgument;
using attractor::Trainer;
using attractor::TrainerConfig;

namespace {

TrainerConfig recall_config(std::uint64_t seed) {
  TrainerConfig config;
  config.task = "delayed_recall";
  config.task_params = {{"steps", 20}, {"recall_steps", 3}};
  config.initialization = "orthogonal";
  config.network = {{"hidden", 32}, {"seed", static_cast<double>(seed)}};
  config.optimizer = "adam";
  config.optimizer_params = {{"learning_rate", 3e-3}};
  config.training = {{"batch", 32}, {"seed", static_cast<double>(seed)}};
  return config;
}

}  // namespace

TEST_CASE("training on delayed recall reaches a validation loss below 0.01 within 600 steps") {
  // The untrained network's loss is about the variance of the value (1/3).
  for (const std::uint64_t seed : {1u, 2u}) {
    CAPTURE(seed);
    Trainer trainer(recall_config(seed));
    const double before = trainer.validation_loss();
    CHECK(before > 0.1);
    trainer.train(600);
    CHECK(trainer.validation_loss() < 0.01);
    CHECK(trainer.validation_accuracy() > 0.9);
    CHECK(trainer.losses().size() == 600);
  }
}

TEST_CASE("training in chunks gives exactly the weights of one long run") {
  Trainer once(recall_config(3));
  Trainer chunked(recall_config(3));
  once.train(30);
  chunked.train(10);
  chunked.train(7);
  chunked.train(13);
  CHECK(once.network().parameters() == chunked.network().parameters());
  CHECK(once.losses() == chunked.losses());
}

TEST_CASE("training stops at the target loss") {
  TrainerConfig config = recall_config(1);
  config.training["target_loss"] = 0.05;
  Trainer trainer(config);
  const int taken = trainer.train(2000);
  CHECK(taken < 2000);
  CHECK(trainer.losses().back() < 0.05);
  CHECK(trainer.stop_reason().find("reached the target loss") == 0);
  CHECK(trainer.train(10) == 0);
}

TEST_CASE("divergence stops training with a message and keeps finite weights") {
  TrainerConfig config = recall_config(1);
  config.optimizer = "sgd";
  config.optimizer_params = {{"learning_rate", 10}, {"clip_norm", 0}};
  config.network["gain"] = 3;
  config.task_params = {{"steps", 200}, {"recall_steps", 3}};
  Trainer trainer(config);
  trainer.train(200);
  CHECK(trainer.stopped());
  CHECK(trainer.stop_reason().find("diverged at step") == 0);
  for (const double p : trainer.network().parameters()) REQUIRE(std::isfinite(p));
}

TEST_CASE("trainer settings are validated") {
  TrainerConfig config = recall_config(1);
  config.network["inputs"] = 3;
  CHECK_THROWS_WITH_AS(Trainer{config}, doctest::Contains("inputs come from the task"),
                       InvalidArgument);
  config = recall_config(1);
  config.training["batch"] = 0;
  CHECK_THROWS_WITH_AS(Trainer{config}, doctest::Contains("batch = 0 is not allowed"),
                       InvalidArgument);
  config = recall_config(1);
  config.task = "nope";
  CHECK_THROWS_AS(Trainer{config}, InvalidArgument);
  Trainer trainer(recall_config(1));
  CHECK_THROWS_AS(trainer.train(-1), InvalidArgument);
}

TEST_CASE(
    "the trainer trains Park et al.'s LSTM baseline like an RNN, and says what an LSTM lacks") {
  attractor::TrainerConfig config;
  config.task = "angular_integration";
  config.task_params = {{"steps", 40}, {"scored_steps", 10}};
  config.initialization = "lstm";
  config.network = {{"hidden", 12}};
  config.optimizer_params = {{"learning_rate", 0.01}};
  config.training = {{"batch", 16}, {"seed", 3}};
  attractor::Trainer once(config);
  REQUIRE(once.network().architecture() == "lstm");
  CHECK(once.network().parameters().size() == attractor::Lstm::parameter_count(1, 12, 2));
  const double before = once.validation_loss();
  once.train(150);
  CHECK(once.validation_loss() < before);
  // Chunked training gives the same weights, and a checkpoint resumes it exactly.
  attractor::Trainer chunked(config);
  chunked.train(100);
  const std::string checkpoint = chunked.to_checkpoint();
  chunked.train(50);
  CHECK(chunked.network().parameters() == once.network().parameters());
  auto resumed = attractor::Trainer::from_checkpoint(checkpoint);
  REQUIRE(resumed->network().architecture() == "lstm");
  resumed->train(50);
  CHECK(resumed->network().parameters() == once.network().parameters());
  // Exponents are the LSTM's own (its state is h without a cell memory).
  CHECK(once.lyapunov_exponents(3, 200).size() == 3);
  CHECK_THROWS_WITH_AS(once.recurrent_eigenvalues(),
                       doctest::Contains("needs a recurrent network's square W; this network is "
                                         "an lstm"),
                       attractor::InvalidArgument);
  config.network = {{"hidden", 12}, {"gain", 1.5}};
  CHECK_THROWS_WITH_AS(attractor::Trainer{config}, doctest::Contains("lstm"),
                       attractor::InvalidArgument);
  config.initialization = "lstm_noforget";
  CHECK_THROWS_WITH_AS(attractor::Trainer{config},
                       doctest::Contains("initialization 'lstm_noforget' is not known; choose one "
                                         "of gaussian, orthogonal, identity, qpta, line, ring, "
                                         "or lstm"),
                       attractor::InvalidArgument);
}

TEST_CASE("validation_gradient_norms: the learning signal across the trial, before training too") {
  TrainerConfig config = recall_config(1);
  config.task_params = {{"steps", 40}, {"recall_steps", 3}};
  config.initialization = "identity";
  Trainer identity(config);
  const std::vector<double> signal = identity.validation_gradient_norms();
  REQUIRE(signal.size() == 40);
  double peak = 0.0;
  for (const double norm : signal) peak = std::max(peak, norm);
  // An identity W carries the recall error back to the first step; a contracting W (gain 0.3)
  // loses it on the way (0.3^37 of it, times tanh slopes).
  CHECK(signal.front() / peak > 0.1);
  config.initialization = "gaussian";
  config.network["gain"] = 0.3;
  Trainer weak(config);
  const std::vector<double> lost = weak.validation_gradient_norms();
  double weak_peak = 0.0;
  for (const double norm : lost) weak_peak = std::max(weak_peak, norm);
  CHECK(lost.front() / weak_peak < 1e-10);
  // Asking changes nothing: training afterwards gives the weights of a trainer never asked.
  Trainer asked(recall_config(2));
  Trainer plain(recall_config(2));
  asked.validation_gradient_norms();
  asked.train(5);
  plain.train(5);
  CHECK(asked.network().parameters() == plain.network().parameters());
  CHECK(asked.validation_gradient_norms() == plain.validation_gradient_norms());
}
