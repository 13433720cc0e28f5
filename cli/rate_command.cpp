// attractor-lab rate [NAME=VALUE ...] [perturb:EPSILON:SEED | input:U1,U2,... |
//                                      readout:W1,W2,... | reset | run:STEPS ...]
#include <iostream>

#include "attractor/rate_network.hpp"
#include "command.hpp"
#include "json.hpp"

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
    if (action.size() == 3 && action[0] == "perturb") {
      const double seed = parse_number(action[2], "the perturbation seed");
      check_param(RateNetwork::seed_spec(), seed, "rate network perturb");
      net.perturb(parse_number(action[1], "epsilon"), static_cast<std::uint64_t>(seed));
    } else if (action.size() == 2 && action[0] == "input") {
      net.set_input(parse_list(action[1], "an input value"));
    } else if (action.size() == 2 && action[0] == "readout") {
      const auto weights = parse_list(action[1], "a readout weight");
      net.set_readout(Eigen::Map<const Eigen::VectorXd>(weights.data(),
                                                        static_cast<Eigen::Index>(weights.size())));
    } else if (action.size() == 1 && action[0] == "reset") {
      net.reset();
    } else if (action.size() == 2 && action[0] == "run") {
      const double steps = parse_number(action[1], "steps");
      check_param(RateNetwork::steps_spec(), steps, "rate network run");
      net.run(static_cast<int>(steps));
      trace.insert(trace.end(), net.trace().begin(), net.trace().end());
    } else {
      throw InvalidArgument("unknown action '" + (action.empty() ? "" : action[0]) +
                            "'; actions are perturb:EPSILON:SEED, input:U1,U2,..., "
                            "readout:W1,W2,..., reset and run:STEPS");
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
