// The actions every simulation command shares: perturb:EPSILON:SEED, run:STEPS and reset.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "json.hpp"

namespace attractor::cli {

// Applies `action` to `model` if it is one of the shared actions, appending a run's trace to
// `trace`; returns false for any other action. `context` names the model in error messages.
template <class Model>
bool apply_shared_action(Model& model, const std::vector<std::string>& action,
                         const std::string& context, std::vector<double>& trace) {
  if (action.size() == 3 && action[0] == "perturb") {
    const double seed = parse_number(action[2], "the perturbation seed");
    check_param(Model::seed_spec(), seed, context + " perturb");
    model.perturb(parse_number(action[1], "epsilon"), static_cast<std::uint64_t>(seed));
    return true;
  }
  if (action.size() == 2 && action[0] == "run") {
    const double steps = parse_number(action[1], "steps");
    check_param(Model::steps_spec(), steps, context + " run");
    model.run(static_cast<int>(steps));
    trace.insert(trace.end(), model.trace().begin(), model.trace().end());
    return true;
  }
  if (action.size() == 1 && action[0] == "reset") {
    model.reset();
    return true;
  }
  return false;
}

// The error for an action no command knows.
inline InvalidArgument unknown_action(const std::vector<std::string>& action,
                                      const std::string& known) {
  return InvalidArgument("unknown action " + quoted(action.empty() ? "" : action[0]) +
                         "; actions are " + known);
}

}  // namespace attractor::cli
