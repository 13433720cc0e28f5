#include <emscripten/bind.h>

#include <cstdint>

#include "attractor/head_direction_oscillator.hpp"
#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

const char* const kContext = "head-direction oscillator";

// `new Module.HeadDirectionOscillator({mu: 1})`; drive(steps, velocity) or
// driveInput(Float64Array of velocities), then traceView() = (true, decoded) per step.
class HeadDirectionOscillatorBinding : public BoundModel {
 public:
  explicit HeadDirectionOscillatorBinding(const val& params)
      : model_(guarded([&] { return HeadDirectionOscillator(params_from_js(params, kContext)); })) {
  }

  void perturb(double epsilon, double seed) {
    guarded([&] {
      checked_argument(HeadDirectionOscillator::seed_spec(), seed,
                       std::string(kContext) + " perturb");
      model_.perturb(epsilon, static_cast<std::uint64_t>(seed));
    });
  }
  void drive(double steps, double velocity) {
    guarded([&] {
      model_.run(static_cast<int>(checked_argument(HeadDirectionOscillator::steps_spec(), steps,
                                                   std::string(kContext) + " run")),
                 velocity);
    });
  }
  void drive_input(const val& velocities) {
    guarded([&] {
      if (!velocities.instanceof (val::global("Float64Array")) &&
                                     !val::global("Array").call<bool>("isArray", velocities)) {
        throw InvalidArgument(std::string(kContext) +
                              " run_input: velocities must be a Float64Array or an array");
      }
      model_.run_input(emscripten::convertJSArrayToNumberVector<double>(velocities));
    });
  }
  void reset() { model_.reset(); }
  const StepMap& step_map() const override { return model_; }
  val measures() const { return measures_to_js(model_.measures()); }
  val params() const { return params_to_js(model_.params()); }
  val trace_view() const {
    return val(emscripten::typed_memory_view(model_.trace().size(), model_.trace().data()));
  }
  val state_view() const {
    return val(emscripten::typed_memory_view(model_.state().size(), model_.state().data()));
  }
  static val param_specs() { return specs_to_js(HeadDirectionOscillator::param_specs()); }
  static val argument_specs() {
    val out = val::object();
    for (const ParamSpec* spec :
         {&HeadDirectionOscillator::epsilon_spec(), &HeadDirectionOscillator::seed_spec(),
          &HeadDirectionOscillator::steps_spec(), &HeadDirectionOscillator::velocity_spec()}) {
      out.set(spec->name, spec_to_js(*spec));
    }
    return out;
  }

 private:
  HeadDirectionOscillator model_;
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(head_direction_oscillator) {
  using attractor::wasm::HeadDirectionOscillatorBinding;
  emscripten::class_<HeadDirectionOscillatorBinding, emscripten::base<attractor::wasm::BoundModel>>(
      "HeadDirectionOscillator")
      .constructor<const emscripten::val&>()
      .function("perturb", &HeadDirectionOscillatorBinding::perturb)
      .function("drive", &HeadDirectionOscillatorBinding::drive)
      .function("driveInput", &HeadDirectionOscillatorBinding::drive_input)
      .function("reset", &HeadDirectionOscillatorBinding::reset)
      .function("measures", &HeadDirectionOscillatorBinding::measures)
      .function("params", &HeadDirectionOscillatorBinding::params)
      .function("traceView", &HeadDirectionOscillatorBinding::trace_view)
      .function("stateView", &HeadDirectionOscillatorBinding::state_view)
      .class_function("paramSpecs", &HeadDirectionOscillatorBinding::param_specs)
      .class_function("argumentSpecs", &HeadDirectionOscillatorBinding::argument_specs);
}
