#include "attractor/params.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace attractor {

std::string format_number(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[32];
  if (value == std::trunc(value) && std::fabs(value) < 1e15) {
    std::snprintf(buffer, sizeof buffer, "%.0f", value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
  }
  return buffer;
}

namespace {

bool continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The first kQuotedCharacters code points of `text`, and whether that is all of it.
std::string prefix_of(const std::string& text, std::size_t& characters) {
  characters = 0;
  std::size_t end = text.size();
  for (std::size_t k = 0; k < text.size(); ++k) {
    if (continuation_byte(text[k])) continue;
    if (characters == kQuotedCharacters) end = k;
    ++characters;
  }
  return text.substr(0, std::min(end, text.size()));
}

}  // namespace

std::string bounded(const std::string& text) {
  std::size_t characters = 0;
  const std::string prefix = prefix_of(text, characters);
  if (characters <= kQuotedCharacters) return text;
  return prefix + "... (" + std::to_string(characters) + " characters)";
}

std::string quoted(const std::string& text) {
  std::size_t characters = 0;
  const std::string prefix = prefix_of(text, characters);
  if (characters <= kQuotedCharacters) return "'" + text + "'";
  return "'" + prefix + "...' (" + std::to_string(characters) + " characters)";
}

std::string describe_allowed(const ParamSpec& spec) {
  std::string text = spec.integer ? "an integer from " : "a number from ";
  text += format_number(spec.min) + " to " + format_number(spec.max);
  if (!spec.unit.empty()) text += " " + spec.unit;
  return text;
}

void check_param(const ParamSpec& spec, double value, const std::string& context) {
  const bool whole = std::isfinite(value) && value == std::trunc(value);
  if (!std::isfinite(value) || value < spec.min || value > spec.max || (spec.integer && !whole)) {
    throw InvalidArgument(context + ": " + spec.name + " = " + format_number(value) +
                          " is not allowed; " + spec.name + " must be " + describe_allowed(spec));
  }
}

const ParamSpec& find_spec(const std::vector<ParamSpec>& specs, const std::string& name,
                           const std::string& context) {
  for (const auto& spec : specs) {
    if (spec.name == name) return spec;
  }
  std::string known;
  for (const auto& spec : specs) known += (known.empty() ? "" : ", ") + spec.name;
  throw InvalidArgument(context + ": unknown parameter " + quoted(name) +
                        "; known parameters: " + known);
}

ParamValues resolve_params(const std::vector<ParamSpec>& specs, const ParamValues& given,
                           const std::string& context) {
  ParamValues resolved;
  for (const auto& spec : specs) resolved[spec.name] = spec.default_value;
  for (const auto& [name, value] : given) {
    check_param(find_spec(specs, name, context), value, context);
    resolved[name] = value;
  }
  return resolved;
}

const ParamSpec& perturbation_seed_spec() {
  static const ParamSpec spec{
      "perturbation_seed", 0, kMaxSeed, 1, true, "", "Seed of the weight perturbation."};
  return spec;
}

const ParamSpec& run_steps_spec() {
  static const ParamSpec spec{"steps", 0, 10000000, 1000, true, "", "Steps to run."};
  return spec;
}

ParamSpec epsilon_spec_with(const std::string& description) {
  return {"epsilon", 0, 1, 0, false, "", description};
}

namespace {
double array_cap = kMaxArrayValues;
}  // namespace

void set_max_array_values(double values) {
  check_param(
      {"max_array_values", kMaxArrayValues, kMaxNativeArrayValues, kMaxArrayValues, true, "", ""},
      values, "array limit");
  array_cap = values;
}

double max_array_values() {
  return array_cap;
}

void check_array_size(double values, const std::string& product, const std::string& advice,
                      const std::string& context) {
  if (values <= array_cap) return;
  throw InvalidArgument(context + ": " + product + " = " + format_number(values) +
                        " numbers is too large; it must be at most " + format_number(array_cap) +
                        " (" + format_number(array_cap * 8 / 1048576) + " MiB); " + advice);
}

}  // namespace attractor
