#include "attractor/trainer.hpp"

#include <cmath>
#include <limits>

namespace attractor {
namespace {

constexpr double kMaxSeed = 9007199254740991.0;

ParamValues network_params(const TrainerConfig& config, const Task& task) {
  ParamValues params = config.network;
  for (const char* fixed : {"inputs", "outputs"}) {
    if (params.count(fixed)) {
      throw InvalidArgument(std::string("trainer: the network's ") + fixed +
                            " come from the task and cannot be set");
    }
  }
  params["inputs"] = task.input_size();
  params["outputs"] = task.output_size();
  return params;
}

TrainerConfig with_resolved_training(TrainerConfig config) {
  config.training = resolve_params(Trainer::param_specs(), config.training, "trainer");
  return config;
}

}  // namespace

const std::vector<ParamSpec>& Trainer::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"batch", 1, 1024, 16, true, "trials", "Trials per optimizer step."},
      {"seed", 0, kMaxSeed, 1, true, "", "Seed of the training and validation batches."},
      {"target_loss", 0, 1e6, 0, false, "",
       "Training stops once a step's loss is below this; 0 never stops early."},
  };
  return specs;
}

Trainer::Trainer(const TrainerConfig& config)
    : config_(with_resolved_training(config)),
      task_(make_task(config_.task, config_.task_params)),
      network_(std::make_unique<Rnn>(network_params(config_, *task_), config_.initialization)),
      optimizer_(config_.optimizer_params, config_.optimizer, network_->parameters().size()),
      data_rng_(static_cast<std::uint64_t>(config_.training.at("seed")), streams::kTaskData) {
  // Keep the fully resolved settings, so a checkpoint records every default that was used.
  config_.task_params = task_->params();
  config_.network = network_->params();
  config_.optimizer_params = optimizer_.params();
  Rng validation_rng(static_cast<std::uint64_t>(config_.training.at("seed")), streams::kValidation);
  task_->sample(validation_rng, static_cast<int>(config_.training.at("batch")), validation_);
}

int Trainer::train(int steps) {
  check_param({"steps", 0, 10000000, 1, true, "", ""}, steps, "trainer train");
  const int trials = static_cast<int>(config_.training.at("batch"));
  const double target = config_.training.at("target_loss");
  int taken = 0;
  std::vector<double> saved;
  while (taken < steps && !stopped()) {
    task_->sample(data_rng_, trials, batch_);
    const double loss = network_->loss_and_gradient(batch_, gradient_, &hidden_gradient_norms_);
    const double norm = optimizer_.clip(gradient_);
    if (!std::isfinite(loss) || !std::isfinite(norm)) {
      stop_reason_ = "diverged at step " + std::to_string(steps_taken() + 1) + ": the " +
                     (std::isfinite(loss) ? "gradient norm" : "loss") + " is " +
                     format_number(std::isfinite(loss) ? norm : loss) +
                     "; the weights are those before that step";
      break;
    }
    saved = network_->parameters();
    optimizer_.step(network_->parameters(), gradient_);
    bool finite = true;
    for (const double p : network_->parameters()) finite = finite && std::isfinite(p);
    if (!finite) {
      network_->parameters() = saved;
      stop_reason_ = "diverged at step " + std::to_string(steps_taken()) +
                     ": the update made a weight non-finite; the weights are those before it";
      break;
    }
    losses_.push_back(loss);
    gradient_norms_.push_back(norm);
    ++taken;
    if (target > 0 && loss < target) {
      stop_reason_ = "reached the target loss " + format_number(target) + " at step " +
                     std::to_string(steps_taken());
    }
  }
  return taken;
}

double Trainer::validation_loss() {
  return network_->loss(validation_);
}

double Trainer::validation_accuracy() {
  network_->loss(validation_);
  return task_->accuracy(validation_, network_->outputs());
}

Measures Trainer::measures() {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double validation = validation_loss();
  const double accuracy = task_->accuracy(validation_, network_->outputs());
  return {
      {"steps", static_cast<double>(steps_taken())},
      {"loss", losses_.empty() ? nan : losses_.back()},
      {"validation_loss", validation},
      {"accuracy", accuracy},
      {"gradient_norm", gradient_norms_.empty() ? nan : gradient_norms_.back()},
      {"learning_rate", optimizer_.learning_rate()},
  };
}

}  // namespace attractor
