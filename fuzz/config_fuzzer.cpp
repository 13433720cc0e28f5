// libFuzzer target: arbitrary bytes as a model configuration.
//
//   {"model": "ring_attractor", "params": {"n": 32}, "rule": "force",
//    "actions": [["perturb", 0.1, 3], ["run", 50], ["cue", 30], ["velocity", 10], ["reset"]]}
//
// The bytes go through parse_json, the parameters through the model's own validation, then the
// model is built, stepped and measured. The core may reject any input with InvalidArgument;
// every other exception, crash, sanitizer report, leak or hang is a finding. Without "model"
// every model kind is tried with the same parameters.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "attractor/head_direction_oscillator.hpp"
#include "attractor/json.hpp"
#include "attractor/line_attractor.hpp"
#include "attractor/qpta.hpp"
#include "attractor/rate_network.hpp"
#include "attractor/readout_learning.hpp"
#include "attractor/ring_attractor.hpp"
#include "attractor/robustness.hpp"
#include "attractor/stuart_landau.hpp"
#include "attractor/tanh_map.hpp"
#include "attractor/tanh_map_explorer.hpp"
#include "attractor/torus_network.hpp"
#include "attractor/trainer.hpp"
#include "attractor/wave_memory.hpp"

namespace {

using namespace attractor;

// Valid but slow configurations (a 1024-neuron ring, a million-cell grid) say nothing new about
// robustness and would make each execution take seconds, so the harness skips them. The memory a
// valid configuration may take is the core's business, not the harness's: it is not capped here.
const std::map<std::string, double> kHarnessSizeCaps = {{"n", 96},
                                                        {"hidden", 48},
                                                        {"batch", 8},
                                                        {"steps", 64},
                                                        {"alpha_count", 6},
                                                        {"theta_count", 6},
                                                        {"transient", 200},
                                                        {"window", 128},
                                                        {"memories", 6},
                                                        {"records", 4},
                                                        {"hold_steps", 200},
                                                        {"check_steps", 200},
                                                        {"pulse_steps", 50},
                                                        {"dims", 8},
                                                        {"lag", 8},
                                                        {"lyapunov_transient", 200},
                                                        {"lyapunov_steps", 200},
                                                        {"lyapunov_k", 4}};
// Total simulated steps over all actions of one input.
constexpr double kStepBudget = 400;

bool too_big(const ParamValues& params) {
  for (const auto& [name, value] : params) {
    const auto cap = kHarnessSizeCaps.find(name);
    if (cap != kHarnessSizeCaps.end() && std::isfinite(value) && value > cap->second) return true;
  }
  return false;
}

struct Input {
  ParamValues params;
  std::string rule;
  std::vector<std::vector<JsonValue>> actions;
};

// The i-th argument of an action as a number (a missing one is NaN, which the core rejects).
double arg(const std::vector<JsonValue>& action, std::size_t i) {
  if (i >= action.size() || action[i].type() != JsonValue::Type::kNumber) return NAN;
  return action[i].as_number("argument");
}

// Steps the harness runs for a requested count: validated by the core's spec first, then held
// to the input's remaining budget.
int steps_within(const ParamSpec& spec, double requested, double& budget,
                 const std::string& context) {
  check_param(spec, requested, context);
  const double steps = std::min(requested, budget);
  budget -= steps;
  return static_cast<int>(steps);
}

void consume(const Measures& measures) {
  volatile double sink = 0;
  for (const auto& entry : measures) sink = sink + entry.second;
}

// Perturb, run, reset and measure: the calls every simulation model shares.
template <class Model, class Extra>
void drive(Model& model, const Input& input, Extra&& extra) {
  double budget = kStepBudget;
  for (const auto& action : input.actions) {
    if (action.empty() || action[0].type() != JsonValue::Type::kString) continue;
    const std::string& name = action[0].as_string("action");
    try {
      if (name == "perturb") {
        check_param(Model::seed_spec(), arg(action, 2), "perturb");
        model.perturb(arg(action, 1), static_cast<std::uint64_t>(arg(action, 2)));
      } else if (name == "run") {
        model.run(steps_within(Model::steps_spec(), arg(action, 1), budget, "run"));
      } else if (name == "reset") {
        model.reset();
      } else {
        extra(name, action, budget);
      }
    } catch (const InvalidArgument&) {
      // A rejected call changes nothing; the model must still work afterwards.
    }
    consume(model.measures());
  }
  consume(model.measures());
}

void no_extra(const std::string&, const std::vector<JsonValue>&, double&) {}

std::vector<double> numbers_of(const std::vector<JsonValue>& action) {
  std::vector<double> out;
  for (std::size_t i = 1; i < action.size() && out.size() < 64; ++i) out.push_back(arg(action, i));
  return out;
}

void line(const Input& in) {
  LineAttractor model(in.params);
  drive(model, in, [&](const std::string& name, const std::vector<JsonValue>& a, double&) {
    if (name == "store") {
      check_param(LineAttractor::value_spec(), arg(a, 1), "store");
      model.store(arg(a, 1));
    }
  });
}

void ring(const Input& in) {
  RingAttractor model(in.params);
  drive(model, in, [&](const std::string& name, const std::vector<JsonValue>& a, double& budget) {
    if (name == "cue") model.cue(arg(a, 1));
    if (name == "velocity") model.set_velocity(arg(a, 1));
    if (name == "velocities") {
      std::vector<double> v = numbers_of(a);
      if (static_cast<double>(v.size()) > budget) v.resize(static_cast<std::size_t>(budget));
      budget -= static_cast<double>(v.size());
      model.run_velocities(v);
    }
  });
}

void head_direction(const Input& in) {
  HeadDirectionOscillator model(in.params);
  double budget = kStepBudget;
  for (const auto& a : in.actions) {
    if (a.empty() || a[0].type() != JsonValue::Type::kString) continue;
    try {
      const std::string& name = a[0].as_string("action");
      if (name == "perturb") {
        check_param(HeadDirectionOscillator::seed_spec(), arg(a, 2), "perturb");
        model.perturb(arg(a, 1), static_cast<std::uint64_t>(arg(a, 2)));
      } else if (name == "run") {
        const int steps =
            steps_within(HeadDirectionOscillator::steps_spec(), arg(a, 1), budget, "run");
        model.run(steps, arg(a, 2));
      } else if (name == "velocities") {
        std::vector<double> v = numbers_of(a);
        if (static_cast<double>(v.size()) > budget) v.resize(static_cast<std::size_t>(budget));
        budget -= static_cast<double>(v.size());
        model.run_input(v);
      } else if (name == "reset") {
        model.reset();
      }
    } catch (const InvalidArgument&) {
    }
    consume(model.measures());
  }
}

void rate(const Input& in) {
  RateNetwork model(in.params);
  drive(model, in, [&](const std::string& name, const std::vector<JsonValue>& a, double&) {
    if (name == "input") model.set_input(numbers_of(a));
    if (name == "readout") {
      const std::vector<double> w = numbers_of(a);
      model.set_readout(
          Eigen::Map<const Eigen::VectorXd>(w.data(), static_cast<Eigen::Index>(w.size())));
    }
  });
}

void readout_learning(const Input& in) {
  RateNetwork network(in.params);
  ReadoutLearner learner(network, in.params, in.rule.empty() ? "force" : in.rule);
  for (const auto& a : in.actions) {
    if (a.empty() || a[0].type() != JsonValue::Type::kString) continue;
    try {
      std::vector<double> targets = numbers_of(a);
      if (a[0].as_string("action") == "train") learner.train(targets);
      if (a[0].as_string("action") == "test") learner.test(targets);
    } catch (const InvalidArgument&) {
    }
    consume(learner.measures());
  }
}

void wave(const Input& in) {
  WaveLattice lattice(in.params, in.rule.empty() ? "repeat_copy" : in.rule);
  for (int i = 0; i < 8; ++i) lattice.step();
  std::vector<double> input(static_cast<std::size_t>(lattice.dims()), 0.5);
  lattice.step(&input);
  volatile double sink = lattice.growth() + lattice.lattice().sum();
  (void)sink;
}

void explorer(const Input& in) {
  TanhMapExplorer model(in.params);
  for (int i = 0; i < 4 && !model.done(); ++i) model.advance(8);
  consume(model.measures());
}

void robustness(const Input& in) {
  ParamValues config = in.params;
  ParamValues model_params;
  // "model.NAME" keys are the mechanism's model parameters.
  for (auto it = config.begin(); it != config.end();) {
    if (it->first.rfind("model.", 0) == 0) {
      model_params[it->first.substr(6)] = it->second;
      it = config.erase(it);
    } else {
      ++it;
    }
  }
  if (too_big(model_params)) return;
  // The defaults (12 memories of a 128-unit ring, 1000 steps each) take seconds per input.
  config.emplace("memories", 3);
  config.emplace("steps", 40);
  config.emplace("gradient", 0);
  const std::string mechanism = in.rule.empty() ? "line" : in.rule;
  if (mechanism == "line" || mechanism == "ring" || mechanism == "torus") {
    model_params.emplace("n", 16);
  }
  RobustnessMeasure measure(mechanism, model_params, config);
  for (int i = 0; i < 5 && !measure.done(); ++i) measure.advance(200);
  volatile double sink = measure.progress();
  (void)sink;
}

void trainer(const Input& in, const JsonValue& root) {
  TrainerConfig config;
  auto text = [&](const char* key, std::string& out) {
    if (root.has(key)) out = root.at(key, "config").as_string(key);
  };
  auto params = [&](const char* key, ParamValues& out) {
    if (root.has(key)) out = root.at(key, "config").as_params(key);
  };
  text("task", config.task);
  text("initialization", config.initialization);
  text("optimizer", config.optimizer);
  params("task_params", config.task_params);
  params("network", config.network);
  params("optimizer_params", config.optimizer_params);
  config.training = in.params;
  if (too_big(config.task_params) || too_big(config.network)) return;
  // Small defaults keep an execution short; explicit values are capped by too_big.
  config.network.emplace("hidden", 8);
  config.task_params.emplace("steps", 10);
  config.training.emplace("batch", 2);
  Trainer trainer(config);
  double budget = 8;
  for (const auto& a : in.actions) {
    if (a.empty() || a[0].type() != JsonValue::Type::kString) continue;
    try {
      if (a[0].as_string("action") == "train") {
        trainer.train(
            steps_within({"steps", 0, 10000000, 1, true, "", ""}, arg(a, 1), budget, "train"));
      }
      if (a[0].as_string("action") == "checkpoint") {
        const auto restored = Trainer::from_checkpoint(trainer.to_checkpoint());
        restored->train(1);
      }
    } catch (const InvalidArgument&) {
    }
  }
  consume(trainer.measures());
}

const std::map<std::string, std::function<void(const Input&, const JsonValue&)>>& models() {
  static const std::map<std::string, std::function<void(const Input&, const JsonValue&)>> table = {
      {"line_attractor", [](const Input& in, const JsonValue&) { line(in); }},
      {"ring_attractor", [](const Input& in, const JsonValue&) { ring(in); }},
      {"stuart_landau",
       [](const Input& in, const JsonValue&) {
         StuartLandau model(in.params);
         drive(model, in, no_extra);
       }},
      {"tanh_map",
       [](const Input& in, const JsonValue&) {
         TanhMap model(in.params);
         drive(model, in, no_extra);
         model.classify();
       }},
      {"torus_network",
       [](const Input& in, const JsonValue&) {
         TorusNetwork model(in.params);
         drive(model, in, no_extra);
       }},
      {"head_direction_oscillator", [](const Input& in, const JsonValue&) { head_direction(in); }},
      {"rate_network", [](const Input& in, const JsonValue&) { rate(in); }},
      {"readout_learning", [](const Input& in, const JsonValue&) { readout_learning(in); }},
      {"wave_lattice", [](const Input& in, const JsonValue&) { wave(in); }},
      {"tanh_map_explorer", [](const Input& in, const JsonValue&) { explorer(in); }},
      {"robustness", [](const Input& in, const JsonValue&) { robustness(in); }},
      {"trainer", [](const Input& in, const JsonValue& root) { trainer(in, root); }},
  };
  return table;
}

void run_one(const std::function<void(const Input&, const JsonValue&)>& model, const Input& in,
             const JsonValue& root) {
  try {
    model(in, root);
  } catch (const InvalidArgument&) {
    // Rejected with a message: the expected outcome for most inputs.
  }
}

}  // namespace

// The torus's block sampler fills a table of tongue boundaries once per process, which takes
// longer than libFuzzer's per-input timeout under the sanitizers: fill it before fuzzing.
extern "C" int LLVMFuzzerInitialize(int*, char***) {
  volatile double sink = attractor::qpta_boundary(1.5);
  (void)sink;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return -1;  // longer inputs add nothing but parse time
  JsonValue root;
  Input in;
  std::string model_name;
  try {
    root = parse_json(std::string(reinterpret_cast<const char*>(data), size));
    if (root.type() != JsonValue::Type::kObject) return 0;
    if (root.has("model")) model_name = root.at("model", "config").as_string("model");
    if (root.has("rule")) in.rule = root.at("rule", "config").as_string("rule");
    if (root.has("params")) in.params = root.at("params", "config").as_params("params");
    if (root.has("actions")) {
      for (const auto& action : root.at("actions", "config").as_array("actions")) {
        if (action.type() == JsonValue::Type::kArray)
          in.actions.push_back(action.as_array("action"));
      }
    }
  } catch (const InvalidArgument&) {
    return 0;
  }
  if (too_big(in.params)) return 0;
  if (!model_name.empty()) {
    const auto found = models().find(model_name);
    if (found != models().end()) run_one(found->second, in, root);
    return 0;
  }
  for (const auto& [name, model] : models()) run_one(model, in, root);
  return 0;
}
