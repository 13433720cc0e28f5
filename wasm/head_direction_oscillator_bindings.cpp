#include <string>

#include "attractor/head_direction_oscillator.hpp"
#include "simulation_binding.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

// `new Module.HeadDirectionOscillator({mu: 1})`; drive(steps, velocity) or
// driveInput(Float64Array of velocities), then traceView() = (true, decoded) per step.
class HeadDirectionOscillatorBinding
    : public SimulationBinding<HeadDirectionOscillatorBinding, HeadDirectionOscillator> {
 public:
  static constexpr const char* kContext = "head-direction oscillator";
  using SimulationBinding::SimulationBinding;

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
  static std::vector<const ParamSpec*> extra_argument_specs() {
    return {&HeadDirectionOscillator::velocity_spec()};
  }
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(head_direction_oscillator) {
  using attractor::wasm::HeadDirectionOscillatorBinding;
  attractor::wasm::bind_simulation<HeadDirectionOscillatorBinding>("HeadDirectionOscillator")
      .function("drive", &HeadDirectionOscillatorBinding::drive)
      .function("driveInput", &HeadDirectionOscillatorBinding::drive_input);
}
