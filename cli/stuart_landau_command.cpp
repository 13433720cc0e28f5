// attractor-lab stuart-landau [NAME=VALUE ...] [perturb:EPSILON:SEED | run:STEPS | reset ...]
#include <iostream>

#include "attractor/stuart_landau.hpp"
#include "command.hpp"
#include "json.hpp"

namespace attractor::cli {
namespace {

int run_stuart_landau(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  StuartLandau model(parsed.params);
  std::vector<double> trace;
  for (const auto& action : parsed.actions) {
    if (action.size() == 3 && action[0] == "perturb") {
      const double seed = parse_number(action[2], "the perturbation seed");
      check_param(StuartLandau::seed_spec(), seed, "stuart-landau oscillator perturb");
      model.perturb(parse_number(action[1], "epsilon"), static_cast<std::uint64_t>(seed));
    } else if (action.size() == 2 && action[0] == "run") {
      const double steps = parse_number(action[1], "steps");
      check_param(StuartLandau::steps_spec(), steps, "stuart-landau oscillator run");
      model.run(static_cast<int>(steps));
      trace.insert(trace.end(), model.trace().begin(), model.trace().end());
    } else if (action.size() == 1 && action[0] == "reset") {
      model.reset();
    } else {
      throw InvalidArgument("unknown action '" + (action.empty() ? "" : action[0]) +
                            "'; actions are perturb:EPSILON:SEED, run:STEPS and reset");
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
