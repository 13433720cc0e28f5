// A trainer's configuration and its one reader and writer. The configuration has one spelling,
// snake_case members grouped as checkpoints and experiment specs write them:
//
//   {"task": NAME, "task_params": {...}, "initialization": NAME, "network": {...},
//    "optimizer": NAME, "optimizer_params": {...}, "training": {...}}
//
// One setting is named by its path in that object: "task", "initialization", "optimizer", or
// GROUP.NAME ("network.hidden", "task_params.steps", "optimizer_params.learning_rate",
// "training.batch"), as experiment grid axes and command-line settings name it.
#pragma once

#include <string>
#include <vector>

#include "attractor/json.hpp"
#include "attractor/params.hpp"

namespace attractor {

struct TrainerConfig {
  std::string task = "delayed_recall";
  ParamValues task_params;
  // One of Rnn::initializations(), or "lstm": then the network is an Lstm (Park et al.'s
  // baseline without a forget gate), initialized as theirs.
  std::string initialization = "gaussian";
  // Network parameters (Rnn's, or Lstm's for "lstm"); inputs and outputs are taken from the task.
  ParamValues network;
  std::string optimizer = "adam";
  ParamValues optimizer_params;
  // batch, seed, target_loss (see Trainer::param_specs()).
  ParamValues training;
};

// task, task_params, initialization, network, optimizer, optimizer_params, training.
const std::vector<std::string>& trainer_config_members();
// The members that hold numbers by name: task_params, network, optimizer_params, training.
const std::vector<std::string>& trainer_config_groups();
bool is_trainer_config_member(const std::string& name);

// Sets the members `object` has (a partial configuration, such as an experiment's base or one of
// its variants) on `config`; the others keep their values. Throws InvalidArgument naming `where`
// and the member for an unknown member or a value of the wrong type. Values are checked against
// their ranges when a Trainer is built from the configuration.
void apply_trainer_config(const JsonValue& object, TrainerConfig& config, const std::string& where);
// A complete configuration, as a checkpoint records it: every member must be there.
TrainerConfig read_trainer_config(const JsonValue& object, const std::string& where);
JsonValue write_trainer_config(const TrainerConfig& config);

// Sets one setting by its path ("task", or GROUP.NAME such as "network.hidden"): a string for
// task, initialization and optimizer, a number for a group's member.
void set_trainer_setting(TrainerConfig& config, const std::string& path, const JsonValue& value,
                         const std::string& where);

}  // namespace attractor
