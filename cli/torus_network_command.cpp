// attractor-lab torus [NAME=VALUE ...] [perturb:EPSILON:SEED | run:STEPS | reset ...]
#include <iostream>

#include "attractor/torus_network.hpp"
#include "command.hpp"
#include "json.hpp"
#include "model_actions.hpp"

namespace attractor::cli {
namespace {

int run_torus(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  TorusNetwork model(parsed.params);
  std::vector<double> trace;
  for (const auto& action : parsed.actions) {
    if (!apply_shared_action(model, action, "torus network", trace)) {
      throw unknown_action(action, "perturb:EPSILON:SEED, run:STEPS and reset");
    }
  }
  std::vector<double> alphas, thetas;
  for (const auto& b : model.block_params()) alphas.push_back(b.alpha), thetas.push_back(b.theta);
  const auto& r = model.rotation_numbers();
  const auto& a = model.amplitudes();
  const auto& p = model.phases();
  const auto& s = model.section();
  std::cout << "{\"model\":\"torus\",\"params\":" << json_object(model.params())
            << ",\"measures\":" << json_object(model.measures())
            << ",\"alphas\":" << json_array(alphas.data(), alphas.size())
            << ",\"thetas\":" << json_array(thetas.data(), thetas.size())
            << ",\"rotation_numbers\":" << json_array(r.data(), r.size())
            << ",\"amplitudes\":" << json_array(a.data(), a.size())
            << ",\"phases\":" << json_array(p.data(), p.size())
            << ",\"section\":" << json_array(s.data(), s.size())
            << ",\"state\":" << json_array(model.state().data(), model.state().size())
            << ",\"trace\":" << json_array(trace.data(), trace.size()) << "}\n";
  return 0;
}

const CommandRegistrar registrar({"torus",
                                  "[NAME=VALUE ...] [perturb:EPSILON:SEED | run:STEPS | reset ...]",
                                  run_torus, [] { return TorusNetwork::param_specs(); }});

}  // namespace
}  // namespace attractor::cli
