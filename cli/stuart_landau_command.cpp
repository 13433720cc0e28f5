// attractor-lab stuart-landau [NAME=VALUE ...] [perturb:EPSILON:SEED | run:STEPS | reset ...]
#include <iostream>

#include "attractor/stuart_landau.hpp"
#include "command.hpp"
#include "json.hpp"
#include "model_actions.hpp"

namespace attractor::cli {
namespace {

int run_stuart_landau(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  StuartLandau model(parsed.params);
  std::vector<double> trace;
  for (const auto& action : parsed.actions) {
    if (!apply_shared_action(model, action, "stuart-landau oscillator", trace)) {
      throw unknown_action(action, "perturb:EPSILON:SEED, run:STEPS and reset");
    }
  }
  std::cout << "{\"model\":\"stuart-landau\",\"params\":" << json_object(model.params())
            << ",\"measures\":" << json_object(model.measures())
            << ",\"state\":" << json_array(model.state().data(), model.state().size())
            << ",\"trace\":" << json_array(trace.data(), trace.size()) << "}\n";
  return 0;
}

const CommandRegistrar registrar({"stuart-landau",
                                  "[NAME=VALUE ...] [perturb:EPSILON:SEED | run:STEPS | reset ...]",
                                  run_stuart_landau, [] { return StuartLandau::param_specs(); }});

}  // namespace
}  // namespace attractor::cli
