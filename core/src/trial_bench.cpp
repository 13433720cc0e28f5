#include "attractor/trial_bench.hpp"

#include <algorithm>

namespace attractor {
namespace {

const char* const kContext = "learning bench";

bool listed(const std::vector<ParamSpec>& specs, const std::string& name) {
  return std::any_of(specs.begin(), specs.end(),
                     [&](const ParamSpec& spec) { return spec.name == name; });
}

const std::vector<ParamSpec>& task_specs(const std::string& task) {
  return task == "memory" ? MemoryTrials::param_specs() : PatternTrials::param_specs();
}

void check_task(const std::string& task) {
  const auto& names = TrialBench::tasks();
  if (std::find(names.begin(), names.end(), task) == names.end()) {
    throw InvalidArgument(std::string(kContext) + ": task " + quoted(task) +
                          " is not known; choose one of memory, pattern");
  }
}

}  // namespace

const std::vector<std::string>& TrialBench::tasks() {
  static const std::vector<std::string> names = {"memory", "pattern"};
  return names;
}

std::vector<ParamSpec> TrialBench::param_specs(const std::string& task) {
  check_task(task);
  std::vector<ParamSpec> out;
  for (const auto& spec : RateNetwork::param_specs()) {
    if (spec.name != "inputs" && spec.name != "feedback") out.push_back(spec);
  }
  for (const auto& spec : ReadoutLearner::param_specs()) out.push_back(spec);
  for (const auto& spec : task_specs(task)) {
    if (!listed(out, spec.name)) out.push_back(spec);
  }
  return out;
}

TrialBench::TrialBench(const ParamValues& params, const std::string& rule, const std::string& task)
    : task_(task) {
  check_task(task);
  ParamValues network{{"inputs", 1}, {"feedback", 1}};
  ParamValues learner;
  ParamValues task_params;
  const auto& network_specs = RateNetwork::param_specs();
  for (const auto& [name, value] : params) {
    bool used = false;
    if (name != "inputs" && name != "feedback" && listed(network_specs, name)) {
      network[name] = value;
      used = true;
    }
    if (listed(ReadoutLearner::param_specs(), name)) {
      learner[name] = value;
      used = true;
    }
    if (listed(task_specs(task), name)) {
      task_params[name] = value;
      used = true;
    }
    if (!used) {
      std::string known;
      for (const auto& spec : param_specs(task)) known += (known.empty() ? "" : ", ") + spec.name;
      throw InvalidArgument(std::string(kContext) + ": parameter " + quoted(name) +
                            " is not known for the " + task + " task; known: " + known);
    }
  }
  network_ = std::make_unique<RateNetwork>(network);
  learner_ = std::make_unique<ReadoutLearner>(*network_, learner, rule);
  if (task == "memory") {
    memory_ = std::make_unique<MemoryTrials>(*network_, *learner_, task_params);
  } else {
    pattern_ = std::make_unique<PatternTrials>(*network_, *learner_, task_params);
  }
}

void TrialBench::run_trial() {
  if (memory_) {
    memory_->run_trial();
    targets_.assign(learner_->outputs().size(), memory_->last_value());
  } else {
    pattern_->run_trial();
    targets_ = pattern_->targets();
  }
}

int TrialBench::trials() const {
  return memory_ ? memory_->trials() : pattern_->trials();
}

int TrialBench::trials_to_criterion() const {
  return memory_ ? memory_->trials_to_criterion() : pattern_->trials_to_criterion();
}

Measures TrialBench::measures() const {
  Measures out = memory_ ? memory_->measures() : pattern_->measures();
  out.emplace_back("readout_norm", network_->readout_weights().norm());
  return out;
}

}  // namespace attractor
