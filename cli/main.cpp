// attractor-lab: the lab's core on the command line, for scripted runs and for checking that the
// WebAssembly build computes the same numbers.
//
//   attractor-lab MODEL [NAME=VALUE ...] [ACTION ...]   runs a model, prints one JSON object
//   attractor-lab specs MODEL                           prints the model's parameters as JSON
//
// Invalid input exits with status 2 and "error: <the core's message>" on stderr.
#include <iostream>
#include <string>
#include <vector>

#include "command.hpp"
#include "json.hpp"

namespace attractor::cli {

namespace {
std::map<std::string, Command>& registry() {
  static std::map<std::string, Command> table;
  return table;
}
}  // namespace

const std::map<std::string, Command>& commands() {
  return registry();
}

CommandRegistrar::CommandRegistrar(Command command) {
  registry()[command.name] = std::move(command);
}

}  // namespace attractor::cli

namespace {

void print_usage() {
  std::cerr << "usage:\n";
  for (const auto& [name, command] : attractor::cli::commands()) {
    std::cerr << "  attractor-lab " << name << " " << command.usage << "\n";
  }
  std::cerr << "  attractor-lab specs MODEL\n";
}

}  // namespace

int main(int argc, char** argv) {
  using attractor::cli::commands;
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 2 && args[0] == "specs") {
      const auto found = commands().find(args[1]);
      if (found != commands().end() && found->second.specs) {
        std::cout << attractor::cli::json_specs(found->second.specs()) << "\n";
        return 0;
      }
    } else if (!args.empty()) {
      const auto found = commands().find(args[0]);
      if (found != commands().end()) {
        return found->second.run(std::vector<std::string>(args.begin() + 1, args.end()));
      }
    }
    print_usage();
    return 64;
  } catch (const attractor::InvalidArgument& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 2;
  }
}
