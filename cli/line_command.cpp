// attractor-lab line [NAME=VALUE ...] [perturb:EPSILON:SEED | store:VALUE | run:STEPS | reset ...]
#include <iostream>

#include "attractor/line_attractor.hpp"
#include "command.hpp"
#include "json.hpp"
#include "model_actions.hpp"

namespace attractor::cli {
namespace {

int run_line(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  LineAttractor model(parsed.params);
  std::vector<double> trace;
  for (const auto& action : parsed.actions) {
    if (action.size() == 2 && action[0] == "store") {
      model.store(parse_number(action[1], "the stored value"));
    } else if (!apply_shared_action(model, action, "line attractor", trace)) {
      throw unknown_action(action, "perturb:EPSILON:SEED, store:VALUE, run:STEPS and reset");
    }
  }
  std::cout << "{\"model\":\"line\",\"params\":" << json_object(model.params())
            << ",\"measures\":" << json_object(model.measures())
            << ",\"state\":" << json_array(model.state().data(), model.state().size())
            << ",\"trace\":" << json_array(trace.data(), trace.size()) << "}\n";
  return 0;
}

const CommandRegistrar registrar(
    {"line", "[NAME=VALUE ...] [perturb:EPSILON:SEED | store:VALUE | run:STEPS | reset ...]",
     run_line, [] { return LineAttractor::param_specs(); }});

}  // namespace
}  // namespace attractor::cli
