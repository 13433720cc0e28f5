#include "trainer_settings.hpp"

#include <algorithm>
#include <utility>

#include "json.hpp"

namespace attractor::cli {
namespace {

// The short group names of the command line and the configuration's groups they stand for.
const std::pair<const char*, const char*> kShortGroups[] = {{"task", "task_params"},
                                                            {"net", "network"},
                                                            {"opt", "optimizer_params"},
                                                            {"train", "training"}};

}  // namespace

const char* const kTrainerSettingsUsage =
    "[task_params.X=V] [network.X=V] [optimizer_params.X=V] [training.X=V] "
    "(short: task.X=V net.X=V opt.X=V train.X=V)";

bool read_trainer_setting(const std::string& arg, TrainerConfig& config) {
  const auto setting = split_setting(arg);
  if (!setting) return false;
  std::string group = setting->group;
  for (const auto& [short_name, member] : kShortGroups) {
    if (group == short_name) group = member;
  }
  const auto& groups = trainer_config_groups();
  if (std::find(groups.begin(), groups.end(), group) == groups.end()) {
    throw InvalidArgument("could not read " + quoted(arg) + ": unknown group " + quoted(group) +
                          "; groups are task_params (short: task), network (net), "
                          "optimizer_params (opt) and training (train)");
  }
  const std::string path = group + "." + setting->name;
  const double value = parse_number(setting->value, path);
  set_trainer_setting(config, path, JsonValue::number(value), "command line");
  return true;
}

}  // namespace attractor::cli
