// Turning the core's C++ exceptions into JavaScript Errors with the same message.
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <exception>
#include <string>
#include <vector>

#include "attractor/params.hpp"

namespace attractor::wasm {

// Throws `new Error(message)` into JavaScript. Does not return.
[[noreturn]] void throw_js_error(const std::string& message);

// Runs `body`; a C++ exception it throws reaches JavaScript as an Error with the same message.
// The C++ exception is fully unwound and destroyed before the JavaScript one is thrown, so no
// C++ destructor is skipped.
template <typename Body>
auto guarded(Body&& body) -> decltype(body()) {
  std::string message;
  try {
    return body();
  } catch (const std::exception& error) {
    message = error.what();
  }
  throw_js_error(message);
}

// Reads a plain JavaScript object of numbers, e.g. {n: 64, seed: 3}, into parameter values.
// Names are checked later against the model's specs; here only the types.
ParamValues params_from_js(const emscripten::val& object, const std::string& context);

// [{name, min, max, default, integer, unit, description}, ...]
emscripten::val specs_to_js(const std::vector<ParamSpec>& specs);
emscripten::val spec_to_js(const ParamSpec& spec);

// {name: value, ...} with NaN as null.
emscripten::val measures_to_js(const std::vector<std::pair<std::string, double>>& measures);
emscripten::val params_to_js(const ParamValues& params);

// An array or typed array of numbers from JavaScript; throws naming `context` and the first
// element that is not a number.
std::vector<double> numbers_from_js(const emscripten::val& values, const std::string& context);
// A typed-array view of `values` (a std::vector or an Eigen vector) in the module's memory: no
// copy, and valid until the next call into the module.
template <typename Vector>
emscripten::val view_of(const Vector& values) {
  return emscripten::val(
      emscripten::typed_memory_view(static_cast<std::size_t>(values.size()), values.data()));
}
// A new Float64Array holding a copy of `values` (for results that outlive the next call).
emscripten::val float64_array(const std::vector<double>& values);

// The number a JavaScript caller passed, checked against `spec` (integers must be whole).
double checked_argument(const ParamSpec& spec, double value, const std::string& context);

}  // namespace attractor::wasm
