// Named, typed, range-checked parameters.
//
// Every model declares its parameters once, as a list of ParamSpec. The same list validates input
// from every door (C++, the command line, JavaScript through wasm, URLs) and tells the user
// interface each parameter's range, unit and meaning, so the limits live in one place.
#pragma once

#include <cstddef>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace attractor {

// Raised for any invalid input. The message names the parameter, the value given and what is
// allowed, in words meant for the person who typed the value.
class InvalidArgument : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct ParamSpec {
  std::string name;
  double min = 0.0;
  double max = 0.0;
  double default_value = 0.0;
  bool integer = false;
  std::string unit;
  std::string description;
};

using ParamValues = std::map<std::string, double>;

// The largest seed: 2^53 - 1, the largest integer JavaScript keeps exact.
constexpr double kMaxSeed = 9007199254740991.0;

// The most numbers one working array of a model or analysis may hold: 2^24 doubles, 128 MiB.
// Every parameter can be valid on its own while their product (batch x steps x units, states x
// samples) asks for more memory than a browser tab has; such combinations are refused up front.
constexpr double kMaxArrayValues = 16777216.0;
// The native command line may raise the cap for experiments on a machine with more memory
// (`--max-array-values`), up to kMaxNativeArrayValues = 2^31 doubles (16 GiB); the browser keeps
// kMaxArrayValues. Throws InvalidArgument outside [kMaxArrayValues, kMaxNativeArrayValues].
constexpr double kMaxNativeArrayValues = 2147483648.0;
void set_max_array_values(double values);
double max_array_values();

// Throws InvalidArgument unless `values` <= max_array_values(). `product` spells out what was
// multiplied, e.g. "batch x steps x (hidden + inputs + outputs) = 16 x 50 x 66", and `advice`
// says which parameters to lower.
void check_array_size(double values, const std::string& product, const std::string& advice,
                      const std::string& context);

// Specs shared by the models: the seed of perturb(epsilon, seed) and the step count of run().
const ParamSpec& perturbation_seed_spec();
const ParamSpec& run_steps_spec();
// The epsilon of perturb(epsilon, seed), 0 to 1, with the model's own description.
ParamSpec epsilon_spec_with(const std::string& description);

// Formats a number for messages: integers without a decimal point, others with up to 10
// significant digits, and nan/inf spelled out.
std::string format_number(double value);

// A text the user gave, as messages quote it: in single quotes, and for a long text only its first
// kQuotedCharacters characters (UTF-8 code points) and its length, so that a 2 MB value does not
// come back whole: 'abc...' (2097152 characters).
constexpr std::size_t kQuotedCharacters = 80;
std::string quoted(const std::string& text);
// The same bound without the quotes, for names that messages write bare ("x = 3 ...").
std::string bounded(const std::string& text);

// "an integer from 2 to 1024" / "a number from 1e-06 to 0.1".
std::string describe_allowed(const ParamSpec& spec);

// Throws InvalidArgument unless `value` is finite, within [spec.min, spec.max] and, for integer
// parameters, whole. `context` names the model or call, e.g. "line attractor".
void check_param(const ParamSpec& spec, double value, const std::string& context);

// Fills in defaults and validates. Unknown names are rejected with the list of known ones.
ParamValues resolve_params(const std::vector<ParamSpec>& specs, const ParamValues& given,
                           const std::string& context);

// Throws InvalidArgument naming the known parameters when `name` is not one of them.
const ParamSpec& find_spec(const std::vector<ParamSpec>& specs, const std::string& name,
                           const std::string& context);

}  // namespace attractor
