// attractor-lab hd-oscillator [NAME=VALUE ...]
//     [perturb:EPSILON:SEED | drive:STEPS:VELOCITY | input:V1,V2,... | reset ...]
#include <iostream>

#include "attractor/head_direction_oscillator.hpp"
#include "command.hpp"
#include "json.hpp"

namespace attractor::cli {
namespace {

int run_hd(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  HeadDirectionOscillator model(parsed.params);
  std::vector<double> trace;
  for (const auto& action : parsed.actions) {
    if (action.size() == 3 && action[0] == "perturb") {
      const double seed = parse_number(action[2], "the perturbation seed");
      check_param(HeadDirectionOscillator::seed_spec(), seed, "head-direction oscillator perturb");
      model.perturb(parse_number(action[1], "epsilon"), static_cast<std::uint64_t>(seed));
    } else if (action.size() == 3 && action[0] == "drive") {
      const double steps = parse_number(action[1], "steps");
      check_param(HeadDirectionOscillator::steps_spec(), steps, "head-direction oscillator run");
      model.run(static_cast<int>(steps), parse_number(action[2], "velocity"));
      trace.insert(trace.end(), model.trace().begin(), model.trace().end());
    } else if (action.size() == 2 && action[0] == "input") {
      std::vector<double> velocities;
      for (const auto& part : split(action[1], ',')) {
        velocities.push_back(parse_number(part, "velocity"));
      }
      model.run_input(velocities);
      trace.insert(trace.end(), model.trace().begin(), model.trace().end());
    } else if (action.size() == 1 && action[0] == "reset") {
      model.reset();
    } else {
      throw InvalidArgument("unknown action " + quoted(action.empty() ? "" : action[0]) +
                            "; actions are perturb:EPSILON:SEED, drive:STEPS:VELOCITY, "
                            "input:V1,V2,... and reset");
    }
  }
  std::cout << "{\"model\":\"hd-oscillator\",\"params\":" << json_object(model.params())
            << ",\"measures\":" << json_object(model.measures())
            << ",\"state\":" << json_array(model.state().data(), model.state().size())
            << ",\"trace\":" << json_array(trace.data(), trace.size()) << "}\n";
  return 0;
}

const CommandRegistrar registrar(
    {"hd-oscillator",
     "[NAME=VALUE ...] [perturb:EPSILON:SEED | drive:STEPS:VELOCITY | input:V1,V2,... | reset ...]",
     run_hd, [] { return HeadDirectionOscillator::param_specs(); }});

}  // namespace
}  // namespace attractor::cli
