// attractor-lab train [--task NAME] [--init NAME] [--optimizer NAME] [--steps K]
//                     [--eigenvalues] [--lyapunov K:STEPS[:TRANSIENT_STEPS]]
//                     [task.X=V] [net.X=V] [opt.X=V] [train.X=V]
// Trains and prints the precision of the forward pass and BPTT (net.precision=32 for float32,
// 64 by default), the loss of every step, the final measures and the flat weights; with
// --eigenvalues also the eigenvalues of the trained W ("eigenvalues": {"real", "imag"}), with
// --lyapunov the K largest Lyapunov exponents of the trained network with zero input
// ("lyapunov_exponents"; STEPS averaged after TRANSIENT_STEPS, default 1000).
#include <iostream>

#include "attractor/lyapunov.hpp"
#include "attractor/trainer.hpp"
#include "command.hpp"
#include "json.hpp"

namespace attractor::cli {
namespace {

int run_train(const std::vector<std::string>& args) {
  TrainerConfig config;
  double steps = 100;
  bool eigenvalues = false;
  bool lyapunov = false;
  ParamValues lyapunov_options;
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
    } else if (arg == "--eigenvalues") {
      eigenvalues = true;
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
    } else {
      const auto dot = arg.find('.');
      const auto equals = arg.find('=');
      if (dot == std::string::npos || equals == std::string::npos || dot > equals) {
        throw InvalidArgument("could not read '" + arg +
                              "'; write task.NAME=VALUE, net.NAME=VALUE, opt.NAME=VALUE or "
                              "train.NAME=VALUE");
      }
      const std::string group = arg.substr(0, dot);
      const std::string name = arg.substr(dot + 1, equals - dot - 1);
      const double value = parse_number(arg.substr(equals + 1), name);
      if (group == "task") {
        config.task_params[name] = value;
      } else if (group == "net") {
        config.network[name] = value;
      } else if (group == "opt") {
        config.optimizer_params[name] = value;
      } else if (group == "train") {
        config.training[name] = value;
      } else {
        throw InvalidArgument("unknown group '" + group + "'; use task, net, opt or train");
      }
    }
  }
  Trainer trainer(config);
  check_param({"steps", 0, 10000000, 100, true, "", ""}, steps, "train");
  // Rejects bad Lyapunov options before any training (the analysis checks them on construction).
  if (lyapunov) {
    const LyapunovSpectrum check(trainer.network(), lyapunov_options);
  }
  trainer.train(static_cast<int>(steps));
  const auto& losses = trainer.losses();
  const auto& weights = trainer.network().parameters();
  std::cout << "{\"task\":" << json_string(config.task)
            << ",\"precision\":" << trainer.network().precision()
            << ",\"steps_taken\":" << trainer.steps_taken()
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
  std::cout << "}\n";
  return 0;
}

const CommandRegistrar registrar({"train",
                                  "[--task NAME] [--init NAME] [--optimizer NAME] [--steps K] "
                                  "[--eigenvalues] [--lyapunov K:STEPS[:TRANSIENT_STEPS]] "
                                  "[task.X=V] [net.X=V] [opt.X=V] [train.X=V]",
                                  run_train, nullptr});

}  // namespace
}  // namespace attractor::cli
