#include "attractor/trainer.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cinttypes>
#include <cmath>
#include <complex>
#include <cstdio>
#include <limits>
#include <numeric>

#include "attractor/json.hpp"
#include "attractor/lyapunov.hpp"

namespace attractor {
namespace {

bool is_lstm(const TrainerConfig& config) {
  return config.initialization == "lstm";
}

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
  const bool lstm = is_lstm(config);
  const ParamValues resolved = resolve_params(lstm ? Lstm::param_specs() : Rnn::param_specs(),
                                              params, lstm ? "lstm" : "rnn");
  // Backpropagation through time keeps every hidden state of the batch (an LSTM also its three
  // gates, its cell and tanh of the cell); the task's inputs and targets come twice (training
  // and validation batches).
  const double batch = config.training.at("batch");
  const double steps = task.steps();
  const double per_unit = lstm ? 6 : 1;
  const double width =
      per_unit * resolved.at("hidden") + resolved.at("inputs") + resolved.at("outputs");
  check_array_size(batch * steps * width,
                   "batch x steps x (" + std::string(lstm ? "6 x " : "") +
                       "hidden + inputs + outputs) = " + format_number(batch) + " x " +
                       format_number(steps) + " x " + format_number(width),
                   "lower the batch, the task's steps or hidden", "trainer");
  return params;
}

std::unique_ptr<TrainableNetwork> make_network(const TrainerConfig& config, const Task& task) {
  const auto& names = Rnn::initializations();
  if (!is_lstm(config) &&
      std::find(names.begin(), names.end(), config.initialization) == names.end()) {
    std::string known;
    for (const auto& name : names) known += name + ", ";
    throw InvalidArgument("trainer: initialization " + quoted(config.initialization) +
                          " is not known; choose one of " + known +
                          "or lstm (an LSTM without forget gate)");
  }
  const ParamValues params = network_params(config, task);
  if (is_lstm(config)) return std::make_unique<Lstm>(params);
  return std::make_unique<Rnn>(params, config.initialization);
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
      network_(make_network(config_, *task_)),
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

const Rnn& Trainer::rnn(const std::string& what) const {
  const auto* rnn = dynamic_cast<const Rnn*>(network_.get());
  if (!rnn) {
    throw InvalidArgument("trainer: " + what + " needs a recurrent network's square W; this " +
                          "network is an " + network_->architecture() + " (initialization " +
                          quoted(config_.initialization) + ")");
  }
  return *rnn;
}

Trainer::Eigenvalues Trainer::recurrent_eigenvalues() const {
  const Eigen::MatrixXd w = rnn("the eigenvalues of W").recurrent();
  const Eigen::EigenSolver<Eigen::MatrixXd> solver(w, false);
  if (solver.info() != Eigen::Success) {
    throw std::runtime_error("trainer: the eigenvalues of W did not converge");
  }
  const Eigen::VectorXcd values = solver.eigenvalues();
  std::vector<int> order(static_cast<std::size_t>(values.size()));
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int x, int y) {
    const std::complex<double> a = values[x], b = values[y];
    if (std::abs(a) != std::abs(b)) return std::abs(a) > std::abs(b);
    if (a.real() != b.real()) return a.real() > b.real();
    return a.imag() > b.imag();
  });
  Eigenvalues out;
  for (const int i : order) {
    out.real.push_back(values[i].real());
    out.imag.push_back(values[i].imag());
  }
  return out;
}

std::vector<double> Trainer::lyapunov_exponents(const ParamValues& options) const {
  LyapunovSpectrum spectrum(*network_, options);
  while (!spectrum.done()) spectrum.advance(1e8);
  const Eigen::VectorXd& exponents = spectrum.exponents();
  return {exponents.data(), exponents.data() + exponents.size()};
}

std::vector<double> Trainer::validation_gradient_norms() {
  std::vector<double> gradient;
  std::vector<double> norms;
  network_->loss_and_gradient(validation_, gradient, &norms);
  return norms;
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

namespace {

const char* const kCheckpointFormat = "attractor-lab-checkpoint";

std::string hex64(std::uint64_t value) {
  char buffer[20];
  std::snprintf(buffer, sizeof buffer, "%016" PRIx64, value);
  return buffer;
}

std::uint64_t parse_hex64(const std::string& text, const std::string& what) {
  if (text.empty() || text.size() > 16 ||
      text.find_first_not_of("0123456789abcdef") != std::string::npos) {
    throw InvalidArgument("checkpoint: " + what + " must be up to 16 lowercase hex digits");
  }
  return std::strtoull(text.c_str(), nullptr, 16);
}

}  // namespace

std::string Trainer::to_checkpoint() const {
  const Rng::State rng = data_rng_.save();
  std::map<std::string, JsonValue> root;
  root["format"] = JsonValue::string(kCheckpointFormat);
  root["version"] = JsonValue::number(kCheckpointVersion);
  root["config"] = write_trainer_config(config_);
  root["steps"] = JsonValue::number(static_cast<double>(steps_taken()));
  root["parameters"] = JsonValue::numbers(network_->parameters());
  root["optimizer_state"] =
      JsonValue::object({{"first", JsonValue::numbers(optimizer_.first_moment())},
                         {"second", JsonValue::numbers(optimizer_.second_moment())}});
  root["data_rng"] =
      JsonValue::object({{"state", JsonValue::string(hex64(rng.state))},
                         {"increment", JsonValue::string(hex64(rng.increment))},
                         {"spare_normal", JsonValue::number(rng.spare_normal)},
                         {"has_spare_normal", JsonValue::boolean(rng.has_spare_normal)}});
  root["losses"] = JsonValue::numbers(losses_);
  root["gradient_norms"] = JsonValue::numbers(gradient_norms_);
  root["stop_reason"] = JsonValue::string(stop_reason_);
  return JsonValue::object(std::move(root)).dump();
}

std::unique_ptr<Trainer> Trainer::from_checkpoint(const std::string& text) {
  const JsonValue root = parse_json(text);
  const std::string where = "checkpoint";
  if (!root.has("format") ||
      root.at("format", where).as_string("checkpoint format") != kCheckpointFormat) {
    throw InvalidArgument("checkpoint: this is not an Attractor Lab checkpoint (format must be \"" +
                          std::string(kCheckpointFormat) + "\")");
  }
  const double version = root.at("version", where).as_number("checkpoint version");
  if (version != kCheckpointVersion) {
    throw InvalidArgument("checkpoint: version " + format_number(version) +
                          " cannot be read; this lab reads version " +
                          std::to_string(kCheckpointVersion));
  }
  TrainerConfig config = read_trainer_config(root.at("config", where), "checkpoint config");
  // The network's inputs and outputs are recorded with the rest; the task sets them.
  config.network.erase("inputs");
  config.network.erase("outputs");
  auto trainer = std::make_unique<Trainer>(config);

  const double steps = root.at("steps", where).as_number("checkpoint steps");
  check_param({"steps", 0, 1e12, 0, true, "", ""}, steps, "checkpoint");
  trainer->network_->set_parameters(
      root.at("parameters", where).as_numbers("checkpoint parameters"));
  const JsonValue& state = root.at("optimizer_state", where);
  trainer->optimizer_.restore(
      state.at("first", "optimizer_state").as_numbers("optimizer_state.first"),
      state.at("second", "optimizer_state").as_numbers("optimizer_state.second"),
      static_cast<long>(steps));
  const JsonValue& rng = root.at("data_rng", where);
  Rng::State saved;
  saved.state =
      parse_hex64(rng.at("state", "data_rng").as_string("data_rng.state"), "data_rng.state");
  saved.increment = parse_hex64(rng.at("increment", "data_rng").as_string("data_rng.increment"),
                                "data_rng.increment");
  saved.spare_normal = rng.at("spare_normal", "data_rng").as_number("data_rng.spare_normal");
  saved.has_spare_normal =
      rng.at("has_spare_normal", "data_rng").as_bool("data_rng.has_spare_normal");
  trainer->data_rng_.restore(saved);
  trainer->losses_ = root.at("losses", where).as_numbers("checkpoint losses");
  trainer->gradient_norms_ =
      root.at("gradient_norms", where).as_numbers("checkpoint gradient_norms");
  trainer->stop_reason_ = root.at("stop_reason", where).as_string("checkpoint stop_reason");
  return trainer;
}

}  // namespace attractor
