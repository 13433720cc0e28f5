// attractor-lab tanh-map [NAME=VALUE ...] [perturb:EPSILON:SEED | run:STEPS | reset ...]
// attractor-lab tanh-map-explorer [NAME=VALUE ...] [advance:CELLS ...]
// attractor-lab qpta-sample count=COUNT seed=SEED
#include <iostream>

#include "attractor/qpta.hpp"
#include "attractor/tanh_map.hpp"
#include "attractor/tanh_map_explorer.hpp"
#include "command.hpp"
#include "json.hpp"
#include "model_actions.hpp"

namespace attractor::cli {
namespace {

template <typename T>
std::string json_vector(const std::vector<T>& values) {
  const std::vector<double> as_double(values.begin(), values.end());
  return json_array(as_double.data(), as_double.size());
}

std::string json_classification(const Classification& c) {
  return json_object(classification_measures(c));
}

int run_tanh_map(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  TanhMap model(parsed.params);
  std::vector<double> trace;
  for (const auto& action : parsed.actions) {
    if (!apply_shared_action(model, action, "tanh map", trace)) {
      throw unknown_action(action, "perturb:EPSILON:SEED, run:STEPS and reset");
    }
  }
  std::cout << "{\"model\":\"tanh-map\",\"params\":" << json_object(model.params())
            << ",\"measures\":" << json_object(model.measures())
            << ",\"classification\":" << json_classification(model.classify())
            << ",\"state\":" << json_array(model.state().data(), model.state().size())
            << ",\"trace\":" << json_array(trace.data(), trace.size()) << "}\n";
  return 0;
}

int run_explorer(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  TanhMapExplorer explorer(parsed.params);
  for (const auto& action : parsed.actions) {
    if (action.size() == 2 && action[0] == "advance") {
      const double cells = parse_number(action[1], "cells");
      check_param(TanhMapExplorer::cells_spec(), cells, "tanh map explorer advance");
      explorer.advance(static_cast<int>(cells));
    } else {
      throw InvalidArgument("unknown action " + quoted(action.empty() ? "" : action[0]) +
                            "; the action is advance:CELLS");
    }
  }
  std::cout << "{\"model\":\"tanh-map-explorer\",\"params\":" << json_object(explorer.params())
            << ",\"measures\":" << json_object(explorer.measures())
            << ",\"alphas\":" << json_vector(explorer.alphas())
            << ",\"thetas\":" << json_vector(explorer.thetas())
            << ",\"kinds\":" << json_vector(explorer.kinds())
            << ",\"periods\":" << json_vector(explorer.periods())
            << ",\"rotation_numbers\":" << json_vector(explorer.rotation_numbers())
            << ",\"boundary\":" << json_vector(explorer.boundary())
            << ",\"boundary_grid\":" << json_vector(explorer.boundary_grid())
            << ",\"boundary_period4\":" << json_vector(explorer.boundary_period4())
            << ",\"boundary_period2\":" << json_vector(explorer.boundary_period2()) << "}\n";
  return 0;
}

const std::vector<ParamSpec>& sample_specs() {
  static const std::vector<ParamSpec> specs = {
      {"count", 1, 100000, 256, true, "", "Blocks to draw."},
      {"seed", 0, 9007199254740991.0, 1, true, "", "Seed (the weights stream)."},
  };
  return specs;
}

int run_sample(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  if (!parsed.actions.empty()) throw InvalidArgument("qpta-sample takes no actions");
  const ParamValues params = resolve_params(sample_specs(), parsed.params, "qpta sample");
  Rng rng(static_cast<std::uint64_t>(params.at("seed")), streams::kWeights);
  const auto blocks = sample_qpta_blocks(static_cast<int>(params.at("count")), rng);
  std::vector<double> alphas, thetas;
  for (const auto& b : blocks) alphas.push_back(b.alpha), thetas.push_back(b.theta);
  std::cout << "{\"model\":\"qpta-sample\",\"alphas\":" << json_vector(alphas)
            << ",\"thetas\":" << json_vector(thetas)
            << ",\"boundary_table\":" << json_vector(qpta_boundary_table()) << "}\n";
  return 0;
}

const CommandRegistrar tanh_map_registrar(
    {"tanh-map", "[NAME=VALUE ...] [perturb:EPSILON:SEED | run:STEPS | reset ...]", run_tanh_map,
     [] { return TanhMap::param_specs(); }});
const CommandRegistrar explorer_registrar({"tanh-map-explorer",
                                           "[NAME=VALUE ...] [advance:CELLS ...]", run_explorer,
                                           [] { return TanhMapExplorer::param_specs(); }});
const CommandRegistrar sample_registrar({"qpta-sample", "count=COUNT seed=SEED", run_sample,
                                         [] { return sample_specs(); }});

}  // namespace
}  // namespace attractor::cli
