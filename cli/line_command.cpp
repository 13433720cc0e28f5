// attractor-lab line [NAME=VALUE ...] [perturb:EPSILON:SEED | store:VALUE | run:STEPS ...]
#include <iostream>

#include "attractor/line_attractor.hpp"
#include "command.hpp"
#include "json.hpp"

namespace attractor::cli {
namespace {

int run_line(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  LineAttractor model(parsed.params);
  std::vector<double> trace;
  for (const auto& action : parsed.actions) {
    if (action.size() == 3 && action[0] == "perturb") {
      const double seed = parse_number(action[2], "the perturbation seed");
      check_param(LineAttractor::seed_spec(), seed, "line attractor perturb");
      model.perturb(parse_number(action[1], "epsilon"), static_cast<std::uint64_t>(seed));
    } else if (action.size() == 2 && action[0] == "store") {
      model.store(parse_number(action[1], "the stored value"));
    } else if (action.size() == 2 && action[0] == "run") {
      const double steps = parse_number(action[1], "steps");
      check_param(LineAttractor::steps_spec(), steps, "line attractor run");
      model.run(static_cast<int>(steps));
      trace.insert(trace.end(), model.trace().begin(), model.trace().end());
    } else {
      throw InvalidArgument("unknown action '" + (action.empty() ? "" : action[0]) +
                            "'; actions are perturb:EPSILON:SEED, store:VALUE and run:STEPS");
    }
  }
  std::cout << "{\"model\":\"line\",\"params\":" << json_object(model.params())
            << ",\"measures\":" << json_object(model.measures())
            << ",\"state\":" << json_array(model.state().data(), model.state().size())
            << ",\"trace\":" << json_array(trace.data(), trace.size()) << "}\n";
  return 0;
}

const CommandRegistrar registrar(
    {"line", "[NAME=VALUE ...] [perturb:EPSILON:SEED | store:VALUE | run:STEPS ...]", run_line,
     [] { return LineAttractor::param_specs(); }});

}  // namespace
}  // namespace attractor::cli
