// attractor-lab train [--task NAME] [--init NAME] [--optimizer NAME] [--steps K]
//                     [--eigenvalues] [--lyapunov K:STEPS[:TRANSIENT_STEPS]] [--learning-signal]
//                     [task_params.X=V] [network.X=V] [optimizer_params.X=V] [training.X=V]
// (the configuration's groups; short: task.X=V net.X=V opt.X=V train.X=V, see trainer_settings.hpp)
// Trains and prints the precision of the forward pass and BPTT (net.precision=32 for float32,
// 64 by default), the loss of every step, the final measures and the flat weights; with
// --eigenvalues also the eigenvalues of the trained W ("eigenvalues": {"real", "imag"}), with
// --lyapunov the K largest Lyapunov exponents of the trained network with zero input
// ("lyapunov_exponents"; STEPS averaged after TRANSIENT_STEPS, default 1000), with
// --learning-signal the learning signal across the trial of the trained network (with --steps 0:
// of the initial one), |dL/dh_t| for t = 1..T on the validation batch and |dL/dh_1| / max_t
// ("learning_signal": {"gradient_norms", "gradient_ratio"}), with --batch FILE
// the loss and gradient of the trained network on the batch in FILE ("batch": {"loss",
// "gradient"}), a JSON object {steps, batch, inputs, targets, mask} as lossAndGradient() takes
// it in JavaScript. A bad batch is refused before any training. --max-array-values N raises the
// cap on one working array (2^24 numbers, what a browser tab holds) for a larger machine.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <sstream>

#include "attractor/json.hpp"
#include "attractor/lyapunov.hpp"
#include "attractor/trainer.hpp"
#include "command.hpp"
#include "json.hpp"
#include "trainer_settings.hpp"

namespace attractor::cli {
namespace {

// The trainer's context, so that a bad batch gets the message JavaScript's lossAndGradient gives.
const char* const kTrainer = "trainer";

std::optional<double> number_member(const JsonValue& object, const char* name) {
  if (!object.has(name)) return std::nullopt;
  const JsonValue& value = object.at(name, "the batch");
  if (value.type() != JsonValue::Type::kNumber) {
    throw InvalidArgument(
        batch_member_type_message(kTrainer, name, "a number", json_type_name(value.type())));
  }
  return value.as_number(name);
}

std::optional<std::vector<double>> array_member(const JsonValue& object, const char* name) {
  if (!object.has(name)) return std::nullopt;
  const JsonValue& value = object.at(name, "the batch");
  if (value.type() != JsonValue::Type::kArray) {
    throw InvalidArgument(batch_member_type_message(kTrainer, name, "an array of numbers",
                                                    json_type_name(value.type())));
  }
  const auto& items = value.as_array(name);
  std::vector<double> out;
  out.reserve(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (items[k].type() != JsonValue::Type::kNumber) {
      throw InvalidArgument(
          batch_member_type_message(kTrainer, std::string(name) + "[" + std::to_string(k) + "]",
                                    "a number", json_type_name(items[k].type())));
    }
    out.push_back(items[k].as_number(name));
  }
  return out;
}

// The batch in the JSON file `path`, for `network`; the core checks all but the types.
SequenceBatch read_batch(const std::string& path, const TrainableNetwork& network) {
  std::ifstream file(path);
  if (!file) throw InvalidArgument("could not open the batch file " + quoted(path));
  std::stringstream text;
  text << file.rdbuf();
  const JsonValue object = parse_json(text.str());
  if (object.type() != JsonValue::Type::kObject) {
    throw InvalidArgument(batch_type_message(kTrainer, json_type_name(object.type())));
  }
  std::vector<std::string> names;
  for (const auto& member : object.as_object("the batch")) names.push_back(member.first);
  BatchMembers members = read_batch_members(
      names, kTrainer, [&](const char* name) { return number_member(object, name); },
      [&](const char* name) { return array_member(object, name); });
  return batch_from_members(std::move(members), network.input_size(), network.output_size(),
                            kTrainer);
}

int run_train(const std::vector<std::string>& args) {
  TrainerConfig config;
  double steps = 100;
  bool eigenvalues = false;
  bool lyapunov = false;
  bool signal = false;
  ParamValues lyapunov_options;
  std::string batch_path;
  for (std::size_t k = 0; k < args.size(); ++k) {
    const std::string& arg = args[k];
    auto next = [&]() -> const std::string& {
      if (k + 1 >= args.size()) throw InvalidArgument(arg + " needs a value");
      return args[++k];
    };
    if (arg == "--task") {
      config.task = next();
    } else if (arg == "--init") {
      config.initialization = next();
    } else if (arg == "--optimizer") {
      config.optimizer = next();
    } else if (arg == "--steps") {
      steps = parse_number(next(), "--steps");
    } else if (arg == "--batch") {
      batch_path = next();
    } else if (arg == "--max-array-values") {
      set_max_array_values(parse_number(next(), "--max-array-values"));
    } else if (arg == "--eigenvalues") {
      eigenvalues = true;
    } else if (arg == "--learning-signal") {
      signal = true;
    } else if (arg == "--lyapunov") {
      const std::vector<std::string> parts = split(next(), ':');
      if (parts.size() < 2 || parts.size() > 3) {
        throw InvalidArgument("--lyapunov needs K:STEPS or K:STEPS:TRANSIENT_STEPS, e.g. 8:2000");
      }
      lyapunov = true;
      lyapunov_options["k"] = parse_number(parts[0], "the Lyapunov count k");
      lyapunov_options["steps"] = parse_number(parts[1], "the Lyapunov steps");
      if (parts.size() == 3) {
        lyapunov_options["transient_steps"] =
            parse_number(parts[2], "the Lyapunov transient_steps");
      }
    } else if (!read_trainer_setting(arg, config)) {
      throw InvalidArgument("could not read " + quoted(arg) +
                            "; write a flag such as --steps K or a setting GROUP.NAME=VALUE such "
                            "as network.hidden=32 (short: net.hidden=32)");
    }
  }
  Trainer trainer(config);
  check_param({"steps", 0, 10000000, 100, true, "", ""}, steps, "train");
  // Rejects bad Lyapunov options before any training (the analysis checks them on construction).
  if (lyapunov) {
    const LyapunovSpectrum check(trainer.network(), lyapunov_options);
  }
  SequenceBatch batch;
  if (!batch_path.empty()) batch = read_batch(batch_path, trainer.network());
  trainer.train(static_cast<int>(steps));
  const auto& losses = trainer.losses();
  const auto& weights = trainer.network().parameters();
  // An LSTM always runs in float64.
  const ParamValues& network_params = trainer.network().params();
  const double precision = network_params.count("precision") ? network_params.at("precision") : 64;
  std::cout << "{\"task\":" << json_string(config.task)
            << ",\"architecture\":" << json_string(trainer.network().architecture())
            << ",\"precision\":" << precision << ",\"steps_taken\":" << trainer.steps_taken()
            << ",\"stop_reason\":" << json_string(trainer.stop_reason())
            << ",\"measures\":" << json_object(trainer.measures())
            << ",\"losses\":" << json_array(losses.data(), losses.size())
            << ",\"parameters\":" << json_array(weights.data(), weights.size());
  if (eigenvalues) {
    const Trainer::Eigenvalues values = trainer.recurrent_eigenvalues();
    std::cout << ",\"eigenvalues\":{\"real\":" << json_array(values.real.data(), values.real.size())
              << ",\"imag\":" << json_array(values.imag.data(), values.imag.size()) << "}";
  }
  if (lyapunov) {
    const std::vector<double> exponents = trainer.lyapunov_exponents(lyapunov_options);
    std::cout << ",\"lyapunov_exponents\":" << json_array(exponents.data(), exponents.size());
  }
  if (signal) {
    const std::vector<double> norms = trainer.validation_gradient_norms();
    double peak = 0.0;
    for (const double norm : norms) peak = std::max(peak, norm);
    std::cout << ",\"learning_signal\":{\"gradient_norms\":"
              << json_array(norms.data(), norms.size()) << ",\"gradient_ratio\":"
              << json_number(peak > 0 ? norms.front() / peak
                                      : std::numeric_limits<double>::quiet_NaN())
              << "}";
  }
  if (!batch_path.empty()) {
    std::vector<double> gradient;
    const double loss = trainer.network().loss_and_gradient(batch, gradient);
    std::cout << ",\"batch\":{\"loss\":" << json_number(loss)
              << ",\"gradient\":" << json_array(gradient.data(), gradient.size()) << "}";
  }
  std::cout << "}\n";
  return 0;
}

const CommandRegistrar registrar(
    {"train",
     "[--task NAME] [--init NAME] [--optimizer NAME] [--steps K] "
     "[--eigenvalues] [--lyapunov K:STEPS[:TRANSIENT_STEPS]] [--learning-signal] "
     "[--batch FILE] [--max-array-values N] " +
         std::string(kTrainerSettingsUsage),
     run_train, nullptr});

}  // namespace
}  // namespace attractor::cli
