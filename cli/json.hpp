// Minimal JSON output and argument parsing shared by the commands.
#pragma once

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

}  // namespace attractor::cli
