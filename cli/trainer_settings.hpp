// The trainer's settings on the command line, one reader for every command that trains (train,
// wave-train). A setting is GROUP.NAME=VALUE in the configuration's own spelling
// (network.hidden=32, task_params.steps=20, optimizer_params.learning_rate=0.01, training.batch=8;
// see attractor/trainer_config.hpp), or with the group's short name: task., net., opt., train.
#pragma once

#include <string>

#include "attractor/trainer_config.hpp"

namespace attractor::cli {

// "GROUP.NAME=VALUE": how a command's help names the settings.
extern const char* const kTrainerSettingsUsage;

// True when `arg` has the form GROUP.NAME=VALUE (a dot before the first '='): then it is read
// into `config`, or InvalidArgument names the unknown group or the value that is not a number.
bool read_trainer_setting(const std::string& arg, TrainerConfig& config);

}  // namespace attractor::cli
