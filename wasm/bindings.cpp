#include <emscripten.h>
#include <emscripten/bind.h>
#include <emscripten/stack.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "bound_model.hpp"
#include "js_errors.hpp"

// Emscripten's own stack_ops.S: sets the shadow stack pointer.
extern "C" void stackRestore(std::uintptr_t pointer);

// Gives back the whole shadow stack. A JavaScript exception leaves the wasm frames it passes
// without their epilogues, and the EH cleanup pads it runs put the stack pointer back only to
// their own frame's level: each Error thrown out of the module kept about 50 bytes of the 5 MB
// stack, and after some 100,000 rejected calls the module trapped ("memory access out of
// bounds"). Called from a microtask, when no wasm frame is active and the stack is empty.
extern "C" EMSCRIPTEN_KEEPALIVE void attractor_release_stack() {
  stackRestore(emscripten_stack_get_base());
}

namespace attractor::wasm {
namespace {

using emscripten::val;

// The message is copied into JavaScript before the throw, so the caller's string can go. The
// stack is released once the current JavaScript task is done (see attractor_release_stack), so
// a worker answering one request per message never runs out of it.
EM_JS(void, throw_error_from_utf8, (const char* message), {
  const text = UTF8ToString(message);
  queueMicrotask(function() { _attractor_release_stack(); });
  throw new Error(text);
});

}  // namespace

void throw_js_error(const std::string& message) {
  // A static copy outlives this frame, which the JavaScript exception unwinds without running
  // C++ destructors.
  static std::string pending;
  pending = message;
  throw_error_from_utf8(pending.c_str());
  __builtin_unreachable();
}

ParamValues params_from_js(const val& object, const std::string& context) {
  ParamValues params;
  if (object.isUndefined() || object.isNull()) return params;
  if (object.typeOf().as<std::string>() != "object" ||
      val::global("Array").call<bool>("isArray", object)) {
    throw InvalidArgument(context + ": parameters must be an object of numbers, such as {n: 64}");
  }
  const val keys = val::global("Object").call<val>("keys", object);
  const int count = keys["length"].as<int>();
  for (int i = 0; i < count; ++i) {
    const std::string name = keys[i].as<std::string>();
    const val value = object[name];
    const std::string type = value.typeOf().as<std::string>();
    if (type != "number") {
      throw InvalidArgument(context + ": " + bounded(name) + " must be a number, but a " + type +
                            " was given");
    }
    params[name] = value.as<double>();
  }
  return params;
}

val spec_to_js(const ParamSpec& spec) {
  val out = val::object();
  out.set("name", spec.name);
  out.set("min", spec.min);
  out.set("max", spec.max);
  out.set("default", spec.default_value);
  out.set("integer", spec.integer);
  out.set("unit", spec.unit);
  out.set("description", spec.description);
  return out;
}

val specs_to_js(const std::vector<ParamSpec>& specs) {
  val out = val::array();
  for (const auto& spec : specs) out.call<void>("push", spec_to_js(spec));
  return out;
}

val measures_to_js(const std::vector<std::pair<std::string, double>>& measures) {
  val out = val::object();
  for (const auto& [name, value] : measures) {
    if (std::isnan(value)) {
      out.set(name, val::null());
    } else {
      out.set(name, value);
    }
  }
  return out;
}

val params_to_js(const ParamValues& params) {
  val out = val::object();
  for (const auto& [name, value] : params) out.set(name, value);
  return out;
}

std::vector<double> numbers_from_js(const val& values, const std::string& context) {
  if (!val::global("Array").call<bool>("isArray", values) &&
      !val::global("ArrayBuffer").call<bool>("isView", values)) {
    throw InvalidArgument(context + ": expected an array of numbers");
  }
  const auto length = values["length"].as<double>();
  // `new Array(2 ** 32 - 1)` is a valid, empty-looking JavaScript array: without this check its
  // length alone would ask for 32 GB.
  if (length > kMaxArrayValues) {
    throw InvalidArgument(context + ": " + format_number(length) + " numbers given; at most " +
                          format_number(kMaxArrayValues) + " are allowed");
  }
  const auto count = static_cast<std::size_t>(length);
  if (values.instanceof (val::global("Float64Array")) || values.instanceof
      (val::global("Float32Array"))) {
    // A float array holds only numbers: one copy into wasm memory instead of three calls across
    // the JavaScript boundary per element (which cost more than a BPTT step of a small network).
    std::vector<double> out(count);
    val(emscripten::typed_memory_view(count, out.data())).call<void>("set", values);
    return out;
  }
  std::vector<double> out;
  out.reserve(std::min<std::size_t>(count, 65536));
  for (std::size_t i = 0; i < count; ++i) {
    const val item = values[i];
    if (item.typeOf().as<std::string>() != "number") {
      throw InvalidArgument(context + ": element " + std::to_string(i) + " is not a number");
    }
    out.push_back(item.as<double>());
  }
  return out;
}

val float64_array(const std::vector<double>& values) {
  val array = val::global("Float64Array").new_(values.size());
  array.call<void>("set", val(emscripten::typed_memory_view(values.size(), values.data())));
  return array;
}

double checked_argument(const ParamSpec& spec, double value, const std::string& context) {
  check_param(spec, value, context);
  return value;
}

}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(bound_model) {
  emscripten::class_<attractor::wasm::BoundModel>("BoundModel");
}
