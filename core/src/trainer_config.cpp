#include "attractor/trainer_config.hpp"

#include <algorithm>

namespace attractor {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::string* choice_member(TrainerConfig& config, const std::string& name) {
  if (name == "task") return &config.task;
  if (name == "initialization") return &config.initialization;
  if (name == "optimizer") return &config.optimizer;
  return nullptr;
}

ParamValues* group_member(TrainerConfig& config, const std::string& name) {
  if (name == "task_params") return &config.task_params;
  if (name == "network") return &config.network;
  if (name == "optimizer_params") return &config.optimizer_params;
  if (name == "training") return &config.training;
  return nullptr;
}

void set_member(TrainerConfig& config, const std::string& name, const JsonValue& value,
                const std::string& where) {
  const std::string what = where + ": " + name;
  if (std::string* choice = choice_member(config, name)) {
    *choice = value.as_string(what);
  } else if (ParamValues* group = group_member(config, name)) {
    for (const auto& [key, number] : value.as_params(what)) (*group)[key] = number;
  } else {
    throw InvalidArgument(where + ": unknown member " + quoted(name) + "; members are " +
                          joined(trainer_config_members()));
  }
}

}  // namespace

const std::vector<std::string>& trainer_config_members() {
  static const std::vector<std::string> members = {"task",    "task_params", "initialization",
                                                   "network", "optimizer",   "optimizer_params",
                                                   "training"};
  return members;
}

const std::vector<std::string>& trainer_config_groups() {
  static const std::vector<std::string> groups = {"task_params", "network", "optimizer_params",
                                                  "training"};
  return groups;
}

bool is_trainer_config_member(const std::string& name) {
  const auto& members = trainer_config_members();
  return std::find(members.begin(), members.end(), name) != members.end();
}

void apply_trainer_config(const JsonValue& object, TrainerConfig& config,
                          const std::string& where) {
  for (const auto& [name, value] : object.as_object(where)) set_member(config, name, value, where);
}

TrainerConfig read_trainer_config(const JsonValue& object, const std::string& where) {
  for (const auto& name : trainer_config_members()) object.at(name, where);
  TrainerConfig config;
  apply_trainer_config(object, config, where);
  return config;
}

JsonValue write_trainer_config(const TrainerConfig& config) {
  return JsonValue::object({{"task", JsonValue::string(config.task)},
                            {"task_params", JsonValue::params(config.task_params)},
                            {"initialization", JsonValue::string(config.initialization)},
                            {"network", JsonValue::params(config.network)},
                            {"optimizer", JsonValue::string(config.optimizer)},
                            {"optimizer_params", JsonValue::params(config.optimizer_params)},
                            {"training", JsonValue::params(config.training)}});
}

void set_trainer_setting(TrainerConfig& config, const std::string& path, const JsonValue& value,
                         const std::string& where) {
  const auto dot = path.find('.');
  if (dot == std::string::npos) {
    if (!choice_member(config, path)) {
      throw InvalidArgument(where + ": the setting " + quoted(path) +
                            " must be task, initialization, optimizer or GROUP.NAME with GROUP "
                            "one of " +
                            joined(trainer_config_groups()));
    }
    set_member(config, path, value, where);
    return;
  }
  const std::string group = path.substr(0, dot);
  const std::string name = path.substr(dot + 1);
  ParamValues* target = group_member(config, group);
  if (!target) {
    throw InvalidArgument(where + ": the setting " + quoted(path) + " has the unknown group " +
                          quoted(group) + "; groups are " + joined(trainer_config_groups()));
  }
  if (name.empty()) {
    throw InvalidArgument(where + ": the setting " + quoted(path) + " names no parameter");
  }
  (*target)[name] = value.as_number(where + ": " + path);
}

}  // namespace attractor
