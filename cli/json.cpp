#include "json.hpp"

#include "attractor/json.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

namespace attractor::cli {

std::string json_number(double value) {
  return std::isfinite(value) ? JsonValue::number(value).dump() : "null";
}

std::string json_string(const std::string& text) {
  return JsonValue::string(text).dump();
}

std::string json_array(const double* values, std::size_t count) {
  std::string out = "[";
  for (std::size_t i = 0; i < count; ++i) {
    if (i) out += ',';
    out += json_number(values[i]);
  }
  return out + "]";
}

std::string json_object(const std::vector<std::pair<std::string, double>>& entries) {
  std::string out = "{";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i) out += ',';
    out += json_string(entries[i].first) + ":" + json_number(entries[i].second);
  }
  return out + "}";
}

std::string json_object(const ParamValues& values) {
  return json_object(std::vector<std::pair<std::string, double>>(values.begin(), values.end()));
}

std::string json_specs(const std::vector<ParamSpec>& specs) {
  std::string out = "[";
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& spec = specs[i];
    if (i) out += ',';
    out += "{\"name\":" + json_string(spec.name) + ",\"min\":" + json_number(spec.min) +
           ",\"max\":" + json_number(spec.max) + ",\"default\":" + json_number(spec.default_value) +
           ",\"integer\":" + (spec.integer ? "true" : "false") +
           ",\"unit\":" + json_string(spec.unit) +
           ",\"description\":" + json_string(spec.description) + "}";
  }
  return out + "]";
}

double parse_number(const std::string& text, const std::string& what) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) {
    throw InvalidArgument("could not read " + quoted(text) + " as a number for " + bounded(what));
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

ParsedArgs parse_args(const std::vector<std::string>& args) {
  ParsedArgs parsed;
  for (const auto& arg : args) {
    const auto equals = arg.find('=');
    if (equals != std::string::npos) {
      const std::string name = arg.substr(0, equals);
      parsed.params[name] = parse_number(arg.substr(equals + 1), "parameter " + name);
    } else {
      parsed.actions.push_back(split(arg, ':'));
    }
  }
  return parsed;
}

std::vector<std::string> read_options(
    const std::vector<std::string>& args, std::size_t first, const std::string& context,
    const std::function<void(const std::string& name, const std::string& value)>& option) {
  std::vector<std::string> rest;
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0) {
      rest.push_back(arg);
      continue;
    }
    const auto equals = arg.find('=');
    if (equals == std::string::npos) {
      throw InvalidArgument(context + ": options are written --NAME=VALUE, not " + quoted(arg));
    }
    option(arg.substr(2, equals - 2), arg.substr(equals + 1));
  }
  return rest;
}

std::optional<Setting> split_setting(const std::string& arg) {
  const auto dot = arg.find('.');
  const auto equals = arg.find('=');
  if (dot == std::string::npos || equals == std::string::npos || dot > equals) return std::nullopt;
  return Setting{arg.substr(0, dot), arg.substr(dot + 1, equals - dot - 1), arg.substr(equals + 1)};
}

std::vector<std::vector<std::string>> read_group_settings(
    const std::vector<std::string>& args, std::size_t first,
    const std::map<std::string, ParamValues*>& groups) {
  std::vector<std::vector<std::string>> actions;
  for (std::size_t k = first; k < args.size(); ++k) {
    const std::string& arg = args[k];
    const auto setting = split_setting(arg);
    const auto group = setting ? groups.find(setting->group) : groups.end();
    if (group != groups.end()) {
      (*group->second)[setting->name] = parse_number(setting->value, arg);
    } else {
      actions.push_back(split(arg, ':'));
    }
  }
  return actions;
}

}  // namespace attractor::cli
