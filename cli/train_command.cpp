// attractor-lab train [--task NAME] [--init NAME] [--optimizer NAME] [--steps K]
//                     [task.X=V] [net.X=V] [opt.X=V] [train.X=V]
// Trains and prints the loss of every step, the final measures and the flat weights.
#include <iostream>

#include "attractor/trainer.hpp"
#include "command.hpp"
#include "json.hpp"

namespace attractor::cli {
namespace {

int run_train(const std::vector<std::string>& args) {
  TrainerConfig config;
  double steps = 100;
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
  trainer.train(static_cast<int>(steps));
  const auto& losses = trainer.losses();
  const auto& weights = trainer.network().parameters();
  std::cout << "{\"task\":" << json_string(config.task)
            << ",\"steps_taken\":" << trainer.steps_taken()
            << ",\"stop_reason\":" << json_string(trainer.stop_reason())
            << ",\"measures\":" << json_object(trainer.measures())
            << ",\"losses\":" << json_array(losses.data(), losses.size())
            << ",\"parameters\":" << json_array(weights.data(), weights.size()) << "}\n";
  return 0;
}

const CommandRegistrar registrar({"train",
                                  "[--task NAME] [--init NAME] [--optimizer NAME] [--steps K] "
                                  "[task.X=V] [net.X=V] [opt.X=V] [train.X=V]",
                                  run_train, nullptr});

}  // namespace
}  // namespace attractor::cli
