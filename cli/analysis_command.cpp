// The analysis tools on the command line, over any model listed in step_models() below:
//
//   attractor-lab ANALYSIS MODEL [NAME=VALUE ...] [MODEL-ACTION ...] [--OPTION=VALUE ...]
//
// ANALYSIS is lyapunov, fixed-points, gradient-persistence or pca. The model is built and its
// actions run exactly as by `attractor-lab MODEL ...`; options starting with -- configure the
// analysis (see `attractor-lab specs ANALYSIS`), plus:
//   --initial=state          start from the model's state after its actions
//   --initial=X0,X1,...      start from this state
//   (no --initial)           a random state from --seed and --initial_scale
//   --budget=N               advance in chunks of N (the result must not depend on it)
// Example: attractor-lab lyapunov line n=16 perturb:0.05:3 --k=3 --steps=5000
#include <iostream>
#include <map>
#include <memory>

#include "attractor/fixed_points.hpp"
#include "attractor/gradient_persistence.hpp"
#include "attractor/line_attractor.hpp"
#include "attractor/linear_algebra.hpp"
#include "attractor/lyapunov.hpp"
#include "attractor/pca.hpp"
#include "command.hpp"
#include "json.hpp"

namespace attractor::cli {
namespace {

struct BuiltModel {
  std::unique_ptr<StepMap> map;
  Eigen::VectorXd state;
};
using ModelBuilder = BuiltModel (*)(const ParsedArgs&);

BuiltModel build_line(const ParsedArgs& parsed) {
  auto model = std::make_unique<LineAttractor>(parsed.params);
  for (const auto& action : parsed.actions) {
    if (action.size() == 3 && action[0] == "perturb") {
      const double seed = parse_number(action[2], "the perturbation seed");
      check_param(LineAttractor::seed_spec(), seed, "line attractor perturb");
      model->perturb(parse_number(action[1], "epsilon"), static_cast<std::uint64_t>(seed));
    } else if (action.size() == 2 && action[0] == "store") {
      model->store(parse_number(action[1], "the stored value"));
    } else if (action.size() == 2 && action[0] == "run") {
      const double steps = parse_number(action[1], "steps");
      check_param(LineAttractor::steps_spec(), steps, "line attractor run");
      model->run(static_cast<int>(steps));
    } else {
      throw InvalidArgument("unknown action " + quoted(action.empty() ? "" : action[0]) +
                            "; actions are perturb:EPSILON:SEED, store:VALUE and run:STEPS");
    }
  }
  Eigen::VectorXd state = model->state();
  return {std::move(model), std::move(state)};
}

// Models the analyses can run on; a new model adds one line here.
const std::map<std::string, ModelBuilder>& step_models() {
  static const std::map<std::string, ModelBuilder> models = {{"line", build_line}};
  return models;
}

struct Setup {
  std::string model_name;
  BuiltModel model;
  ParamValues config;
  Eigen::VectorXd initial;
  double budget = 1e9;
};

Setup parse_setup(const std::string& analysis, const std::vector<std::string>& args) {
  if (args.empty() || step_models().count(args[0]) == 0) {
    std::string known;
    for (const auto& [name, builder] : step_models()) known += (known.empty() ? "" : ", ") + name;
    throw InvalidArgument(analysis + ": the first argument must be a model: " + known);
  }
  Setup setup;
  setup.model_name = args[0];
  std::string initial;
  const auto model_args =
      read_options(args, 1, analysis, [&](const std::string& name, const std::string& value) {
        if (name == "initial") {
          initial = value;
        } else if (name == "budget") {
          setup.budget = parse_number(value, "budget");
        } else {
          setup.config[name] = parse_number(value, name);
        }
      });
  setup.model = step_models().at(setup.model_name)(parse_args(model_args));
  if (initial == "state") {
    setup.initial = setup.model.state;
  } else if (!initial.empty()) {
    const std::vector<std::string> parts = split(initial, ',');
    setup.initial.resize(static_cast<Eigen::Index>(parts.size()));
    for (std::size_t i = 0; i < parts.size(); ++i) {
      setup.initial[static_cast<Eigen::Index>(i)] = parse_number(parts[i], "the initial state");
    }
  }
  return setup;
}

template <typename Analysis>
void run_to_end(Analysis& analysis, double budget, const std::string& context) {
  check_param(budget_spec(), budget, context + " advance");
  while (!analysis.done()) analysis.advance(budget);
}

std::string json_vector(const Eigen::VectorXd& v) {
  return json_array(v.data(), static_cast<std::size_t>(v.size()));
}
std::string json_vector(const std::vector<double>& v) {
  return json_array(v.data(), v.size());
}

std::string json_spectrum(const LocalSpectrum& spectrum) {
  Eigen::VectorXd real(spectrum.growth_rates.size()), imag(spectrum.growth_rates.size());
  for (Eigen::Index i = 0; i < real.size(); ++i) {
    real[i] = spectrum.eigenvalues[static_cast<std::size_t>(i)].real();
    imag[i] = spectrum.eigenvalues[static_cast<std::size_t>(i)].imag();
  }
  return "\"real\":" + json_vector(real) + ",\"imag\":" + json_vector(imag) +
         ",\"growth_rates\":" + json_vector(spectrum.growth_rates) +
         ",\"continuous_time\":" + (spectrum.continuous_time ? "true" : "false");
}

// Builds `Analysis` over the model of `args`, runs it to the end and prints one JSON object:
// {"analysis": name, "model": ..., then what `write_results` writes}. `context` names errors.
template <typename Analysis, typename WriteResults>
int run_analysis(const std::vector<std::string>& args, const std::string& context, const char* name,
                 WriteResults write_results) {
  Setup setup = parse_setup(context, args);
  Analysis analysis(*setup.model.map, setup.config, setup.initial);
  run_to_end(analysis, setup.budget, context);
  std::cout << "{\"analysis\":" << json_string(name)
            << ",\"model\":" << json_string(setup.model_name);
  write_results(analysis);
  std::cout << "}\n";
  return 0;
}

int run_lyapunov(const std::vector<std::string>& args) {
  return run_analysis<LyapunovSpectrum>(
      args, "lyapunov spectrum", "lyapunov", [](const LyapunovSpectrum& analysis) {
        std::cout << ",\"exponents\":" << json_vector(analysis.exponents())
                  << ",\"history_times\":" << json_vector(analysis.history_times())
                  << ",\"history\":" << json_vector(analysis.history())
                  << ",\"state\":" << json_vector(analysis.state());
      });
}

int run_fixed_points(const std::vector<std::string>& args) {
  return run_analysis<FixedPointFinder>(
      args, "fixed points", "fixed-points", [](const FixedPointFinder& finder) {
        std::cout << ",\"finished_starts\":" << finder.finished_starts()
                  << ",\"rejected\":" << finder.rejected() << ",\"points\":[";
        bool first = true;
        for (const auto& point : finder.points()) {
          std::cout << (first ? "" : ",") << "{\"x\":" << json_vector(point.x)
                    << ",\"q\":" << json_number(point.q)
                    << ",\"fixed\":" << (point.fixed ? "true" : "false")
                    << ",\"stability\":" << json_string(stability_name(point.stability))
                    << ",\"growing\":" << point.counts.growing
                    << ",\"neutral\":" << point.counts.neutral
                    << ",\"decaying\":" << point.counts.decaying << ",\"hits\":" << point.hits
                    << "," << json_spectrum(point.spectrum) << "}";
          first = false;
        }
        std::cout << "]";
      });
}

int run_gradient_persistence(const std::vector<std::string>& args) {
  return run_analysis<GradientPersistence>(
      args, "gradient persistence", "gradient-persistence",
      [](const GradientPersistence& analysis) {
        std::cout << ",\"record_steps\":" << json_vector(analysis.record_steps())
                  << ",\"record_times\":" << json_vector(analysis.record_times())
                  << ",\"log_singular_values\":" << json_vector(analysis.log_singular_values());
      });
}

int run_pca(const std::vector<std::string>& args) {
  Setup setup = parse_setup("pca", args);
  Eigen::MatrixXd samples;
  const Pca pca = Pca::from_trajectory(*setup.model.map, setup.config, setup.initial, &samples);
  const Eigen::MatrixXd projected = pca.project(samples);
  std::cout << "{\"analysis\":\"pca\",\"model\":" << json_string(setup.model_name)
            << ",\"mean\":" << json_vector(pca.mean()) << ",\"components\":"
            << json_array(pca.components().data(),
                          static_cast<std::size_t>(pca.components().size()))
            << ",\"variances\":" << json_vector(pca.variances())
            << ",\"explained_ratio\":" << json_vector(pca.explained_ratio()) << ",\"trajectory\":"
            << json_array(projected.data(), static_cast<std::size_t>(projected.size())) << "}\n";
  return 0;
}

const char* const kUsage = "MODEL [NAME=VALUE ...] [ACTION ...] [--OPTION=VALUE ...]";

const CommandRegistrar lyapunov_registrar({"lyapunov", kUsage, run_lyapunov,
                                           [] { return LyapunovSpectrum::param_specs(); }});
const CommandRegistrar fixed_points_registrar({"fixed-points", kUsage, run_fixed_points,
                                               [] { return FixedPointFinder::param_specs(); }});
const CommandRegistrar gradient_registrar({"gradient-persistence", kUsage, run_gradient_persistence,
                                           [] { return GradientPersistence::param_specs(); }});
const CommandRegistrar pca_registrar({"pca", kUsage, run_pca, [] { return Pca::param_specs(); }});

}  // namespace
}  // namespace attractor::cli
