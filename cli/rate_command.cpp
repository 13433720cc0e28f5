// attractor-lab rate [NAME=VALUE ...] [perturb:EPSILON:SEED | input:U1,U2,... |
//                                      readout:W1,W2,... | reset | run:STEPS ...]
#include <iostream>

#include "attractor/rate_network.hpp"
#include "command.hpp"
#include "json.hpp"
#include "model_actions.hpp"

namespace attractor::cli {
namespace {

std::vector<double> parse_list(const std::string& text, const std::string& what) {
  std::vector<double> values;
  for (const auto& part : split(text, ',')) values.push_back(parse_number(part, what));
  return values;
}

int run_rate(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  RateNetwork net(parsed.params);
  std::vector<double> trace;
  for (const auto& action : parsed.actions) {
    if (action.size() == 2 && action[0] == "input") {
      net.set_input(parse_list(action[1], "an input value"));
    } else if (action.size() == 2 && action[0] == "readout") {
      const auto weights = parse_list(action[1], "a readout weight");
      net.set_readout(Eigen::Map<const Eigen::VectorXd>(weights.data(),
                                                        static_cast<Eigen::Index>(weights.size())));
    } else if (!apply_shared_action(net, action, "rate network", trace)) {
      throw unknown_action(
          action, "perturb:EPSILON:SEED, input:U1,U2,..., readout:W1,W2,..., reset and run:STEPS");
    }
  }
  std::cout << "{\"model\":\"rate\",\"params\":" << json_object(net.params())
            << ",\"measures\":" << json_object(net.measures())
            << ",\"state\":" << json_array(net.state().data(), net.state().size())
            << ",\"trace\":" << json_array(trace.data(), trace.size()) << "}\n";
  return 0;
}

const CommandRegistrar registrar({"rate",
                                  "[NAME=VALUE ...] [perturb:EPSILON:SEED | input:U1,U2,... | "
                                  "readout:W1,W2,... | reset | run:STEPS ...]",
                                  run_rate, [] { return RateNetwork::param_specs(); }});

}  // namespace
}  // namespace attractor::cli
