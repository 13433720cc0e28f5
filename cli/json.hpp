// Minimal JSON output and argument parsing shared by the commands.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "attractor/measures.hpp"
#include "attractor/params.hpp"

namespace attractor::cli {

// 17 significant digits, so every double round-trips; non-finite values become null.
std::string json_number(double value);
std::string json_string(const std::string& text);
std::string json_array(const double* values, std::size_t count);
std::string json_object(const std::vector<std::pair<std::string, double>>& entries);
std::string json_object(const ParamValues& values);
std::string json_specs(const std::vector<ParamSpec>& specs);

// Reads `text` as a number, or throws InvalidArgument naming `what`.
double parse_number(const std::string& text, const std::string& what);
std::vector<std::string> split(const std::string& text, char separator);

// Splits command arguments into NAME=VALUE parameters and the remaining actions, in order.
struct ParsedArgs {
  ParamValues params;
  std::vector<std::vector<std::string>> actions;  // each action split at ':'
};
ParsedArgs parse_args(const std::vector<std::string>& args);

// Reads the arguments from `first` on: each option --NAME=VALUE goes to `option` in order, the
// rest (the model's NAME=VALUE parameters and actions) is returned in order. An option without
// '=' is refused naming `context`.
std::vector<std::string> read_options(
    const std::vector<std::string>& args, std::size_t first, const std::string& context,
    const std::function<void(const std::string& name, const std::string& value)>& option);

// A setting GROUP.NAME=VALUE, split at its first '.' and the first '=' after it.
struct Setting {
  std::string group;
  std::string name;
  std::string value;
};
std::optional<Setting> split_setting(const std::string& arg);

// Reads the arguments from `first` on: a setting whose group is a key of `groups` goes into that
// group's values (the value read as a number, errors naming the argument), anything else is an
// action, split at ':', returned in order.
std::vector<std::vector<std::string>> read_group_settings(
    const std::vector<std::string>& args, std::size_t first,
    const std::map<std::string, ParamValues*>& groups);

}  // namespace attractor::cli
