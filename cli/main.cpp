// attractor-lab: the lab's core on the command line, for scripted runs and for checking that the
// WebAssembly build computes the same numbers.
//
//   attractor-lab line [NAME=VALUE ...] [ACTION ...]
//     ACTION: perturb:EPSILON:SEED | store:VALUE | run:STEPS   (applied in order)
//   attractor-lab specs line
//
// Prints one JSON object. Numbers are written with 17 significant digits, which round-trips
// every double exactly; values that are not available are null.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "attractor/line_attractor.hpp"

namespace {

using attractor::InvalidArgument;

const char* const kUsage =
    "usage: attractor-lab line [NAME=VALUE ...] [perturb:EPSILON:SEED | store:VALUE | "
    "run:STEPS ...]\n"
    "       attractor-lab specs line\n";

std::string json_number(double value) {
  if (!std::isfinite(value)) return "null";
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

double parse_number(const std::string& text, const std::string& what) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) {
    throw InvalidArgument("could not read '" + text + "' as a number for " + what);
  }
  return value;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, separator)) parts.push_back(part);
  return parts;
}

void print_specs(const std::vector<attractor::ParamSpec>& specs) {
  std::cout << "[";
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& spec = specs[i];
    std::cout << (i ? "," : "") << "{\"name\":" << json_string(spec.name)
              << ",\"min\":" << json_number(spec.min) << ",\"max\":" << json_number(spec.max)
              << ",\"default\":" << json_number(spec.default_value)
              << ",\"integer\":" << (spec.integer ? "true" : "false")
              << ",\"unit\":" << json_string(spec.unit)
              << ",\"description\":" << json_string(spec.description) << "}";
  }
  std::cout << "]\n";
}

int run_line(const std::vector<std::string>& args) {
  attractor::ParamValues params;
  std::vector<std::string> actions;
  for (const auto& arg : args) {
    const auto equals = arg.find('=');
    if (equals != std::string::npos) {
      const std::string name = arg.substr(0, equals);
      params[name] = parse_number(arg.substr(equals + 1), "parameter " + name);
    } else {
      actions.push_back(arg);
    }
  }
  attractor::LineAttractor model(params);
  std::vector<double> trace;
  for (const auto& action : actions) {
    const auto parts = split(action, ':');
    if (parts.size() == 3 && parts[0] == "perturb") {
      const double seed = parse_number(parts[2], "the perturbation seed");
      attractor::check_param(attractor::LineAttractor::seed_spec(), seed, "line attractor perturb");
      model.perturb(parse_number(parts[1], "epsilon"), static_cast<std::uint64_t>(seed));
    } else if (parts.size() == 2 && parts[0] == "store") {
      model.store(parse_number(parts[1], "the stored value"));
    } else if (parts.size() == 2 && parts[0] == "run") {
      const double steps = parse_number(parts[1], "steps");
      attractor::check_param(attractor::LineAttractor::steps_spec(), steps, "line attractor run");
      model.run(static_cast<int>(steps));
      trace.insert(trace.end(), model.trace().begin(), model.trace().end());
    } else {
      throw InvalidArgument("unknown action '" + action +
                            "'; actions are perturb:EPSILON:SEED, store:VALUE and run:STEPS");
    }
  }
  std::cout << "{\"model\":\"line\",\"params\":{";
  bool first = true;
  for (const auto& [name, value] : model.params()) {
    std::cout << (first ? "" : ",") << json_string(name) << ":" << json_number(value);
    first = false;
  }
  std::cout << "},\"measures\":{";
  first = true;
  for (const auto& [name, value] : model.measures()) {
    std::cout << (first ? "" : ",") << json_string(name) << ":" << json_number(value);
    first = false;
  }
  std::cout << "},\"state\":[";
  for (int i = 0; i < model.size(); ++i)
    std::cout << (i ? "," : "") << json_number(model.state()[i]);
  std::cout << "],\"trace\":[";
  for (std::size_t i = 0; i < trace.size(); ++i)
    std::cout << (i ? "," : "") << json_number(trace[i]);
  std::cout << "]}\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() == 2 && args[0] == "specs" && args[1] == "line") {
      print_specs(attractor::LineAttractor::param_specs());
      return 0;
    }
    if (!args.empty() && args[0] == "line") {
      return run_line(std::vector<std::string>(args.begin() + 1, args.end()));
    }
    std::cerr << kUsage;
    return 64;
  } catch (const InvalidArgument& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 2;
  }
}
