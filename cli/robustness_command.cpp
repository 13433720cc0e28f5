// The robustness measure on the command line:
//
//   attractor-lab robustness MECHANISM [NAME=VALUE ...] [--OPTION=VALUE ...]
//   attractor-lab robustness-sweep MECHANISM [NAME=VALUE ...] --epsilons=E1,E2,... [--seeds=S]
//                                  [--first_seed=F] [--OPTION=VALUE ...]
//
// MECHANISM is line, ring, limit_cycle, torus, hd_ring or hd_oscillator; NAME=VALUE are the
// model's parameters (`attractor-lab specs line`, ...); options configure the measure
// (`attractor-lab specs robustness`); --budget=N advances in chunks of N steps (the result must
// not depend on it). Example:
//   attractor-lab robustness ring n=32 --epsilon=0.1 --memories=12 --steps=5000 --records=5
#include <iostream>
#include <string>
#include <vector>

#include "attractor/linear_algebra.hpp"
#include "attractor/robustness.hpp"
#include "attractor/robustness_sweep.hpp"
#include "command.hpp"
#include "json.hpp"

namespace attractor::cli {
namespace {

struct Setup {
  std::string mechanism;
  ParamValues model_params, config;
  double budget = 1e9;
  std::vector<double> epsilons;
  double seeds = 5, first_seed = 1;
};

Setup parse_setup(const std::string& context, const std::vector<std::string>& args, bool sweep) {
  if (args.empty()) {
    std::string known;
    for (const auto& name : robustness_mechanisms()) known += (known.empty() ? "" : ", ") + name;
    throw InvalidArgument(context + ": the first argument must be a mechanism: " + known);
  }
  Setup setup;
  setup.mechanism = args[0];
  robustness_model_specs(setup.mechanism);  // rejects unknown mechanisms
  const auto model_args =
      read_options(args, 1, context, [&](const std::string& name, const std::string& value) {
        if (name == "budget") {
          setup.budget = parse_number(value, "budget");
        } else if (sweep && name == "epsilons") {
          for (const auto& part : split(value, ','))
            setup.epsilons.push_back(parse_number(part, name));
        } else if (sweep && name == "seeds") {
          setup.seeds = parse_number(value, name);
        } else if (sweep && name == "first_seed") {
          setup.first_seed = parse_number(value, name);
        } else {
          setup.config[name] = parse_number(value, name);
        }
      });
  const ParsedArgs parsed = parse_args(model_args);
  if (!parsed.actions.empty()) {
    throw InvalidArgument(context + ": unexpected argument " + quoted(parsed.actions[0][0]) +
                          "; model parameters are NAME=VALUE, options --NAME=VALUE");
  }
  setup.model_params = parsed.params;
  check_param(budget_spec(), setup.budget, context + " advance");
  return setup;
}

std::string json_vector(const std::vector<double>& v) {
  return json_array(v.data(), v.size());
}

int run_robustness(const std::vector<std::string>& args) {
  const Setup setup = parse_setup("robustness", args, false);
  RobustnessMeasure measure(setup.mechanism, setup.model_params, setup.config);
  while (!measure.done()) measure.advance(setup.budget);
  std::cout << "{\"analysis\":\"robustness\",\"mechanism\":" << json_string(setup.mechanism)
            << ",\"config\":" << json_object(measure.config())
            << ",\"storage_block\":" << measure.storage_block()
            << ",\"time_step\":" << json_number(measure.time_step())
            << ",\"stored\":" << json_vector(measure.stored())
            << ",\"recalled\":" << json_vector(measure.recalled()) << ",\"records\":[";
  bool first = true;
  for (const auto& r : measure.records()) {
    std::cout << (first ? "" : ",")
              << json_object(Measures{{"steps", r.steps},
                                      {"time", r.time},
                                      {"residual", r.residual},
                                      {"residual_units", r.residual_units},
                                      {"pairwise_error", r.pairwise_error},
                                      {"common_shift", r.common_shift},
                                      {"slope", r.slope},
                                      {"distinct_end_states", r.distinct_end_states},
                                      {"decoded_error", r.decoded_error},
                                      {"gradient_log10_mean", r.gradient_log10_mean},
                                      {"gradient_log10_min", r.gradient_log10_min},
                                      {"gradient_log10_max", r.gradient_log10_max},
                                      {"manifold_exponent", r.manifold_exponent}});
    first = false;
  }
  std::cout << "],\"lyapunov_exponents\":" << json_vector(measure.lyapunov_exponents())
            << ",\"near_zero_exponents\":" << json_number(measure.near_zero_exponents()) << "}\n";
  return 0;
}

int run_sweep(const std::vector<std::string>& args) {
  const Setup setup = parse_setup("robustness sweep", args, true);
  check_param(RobustnessSweep::seeds_spec(), setup.seeds, "robustness sweep");
  RobustnessSweep sweep(setup.mechanism, setup.model_params, setup.config, setup.epsilons,
                        static_cast<int>(setup.seeds), setup.first_seed);
  while (!sweep.done()) sweep.advance(setup.budget);
  std::cout << "{\"analysis\":\"robustness-sweep\",\"mechanism\":" << json_string(setup.mechanism)
            << ",\"epsilons\":" << json_vector(sweep.epsilons()) << ",\"seeds\":" << sweep.seeds()
            << ",\"times\":" << json_vector(sweep.times()) << ",\"quantities\":[";
  bool first = true;
  for (const auto& name : RobustnessSweep::quantities()) {
    std::cout << (first ? "" : ",") << json_string(name);
    first = false;
  }
  std::cout << "],\"mean\":" << json_vector(sweep.mean())
            << ",\"spread\":" << json_vector(sweep.spread())
            << ",\"minimum\":" << json_vector(sweep.minimum())
            << ",\"maximum\":" << json_vector(sweep.maximum())
            << ",\"values\":" << json_vector(sweep.values()) << "}\n";
  return 0;
}

const CommandRegistrar robustness_registrar({"robustness",
                                             "MECHANISM [NAME=VALUE ...] [--OPTION=VALUE ...]",
                                             run_robustness,
                                             [] { return RobustnessMeasure::param_specs(); }});
const CommandRegistrar sweep_registrar(
    {"robustness-sweep",
     "MECHANISM [NAME=VALUE ...] --epsilons=E1,E2,... [--seeds=S] [--first_seed=F] "
     "[--OPTION=VALUE ...]",
     run_sweep, [] { return RobustnessMeasure::param_specs(); }});

}  // namespace
}  // namespace attractor::cli
