// Commands of the attractor-lab tool. Each model's command lives in its own file and registers
// itself with a static CommandRegistrar, so adding a model never edits main.cpp.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "attractor/params.hpp"

namespace attractor::cli {

struct Command {
  std::string name;
  std::string usage;  // one line: the arguments after the command's name
  std::function<int(const std::vector<std::string>& args)> run;
  // The model's parameters, printed by `attractor-lab specs NAME`; empty for commands that
  // have none.
  std::function<std::vector<ParamSpec>()> specs;
};

const std::map<std::string, Command>& commands();

struct CommandRegistrar {
  explicit CommandRegistrar(Command command);
};

}  // namespace attractor::cli
