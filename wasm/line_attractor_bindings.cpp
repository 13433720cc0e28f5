#include "attractor/line_attractor.hpp"
#include "simulation_binding.hpp"

namespace attractor::wasm {
namespace {

// `new Module.LineAttractor({n: 64, ...})`; store(value), then run(steps) and read the trace.
class LineAttractorBinding : public SimulationBinding<LineAttractorBinding, LineAttractor> {
 public:
  static constexpr const char* kContext = "line attractor";
  using SimulationBinding::SimulationBinding;

  void store(double value) {
    guarded([&] { model_.store(value); });
  }
  int size() const { return model_.size(); }
  double time() const { return model_.time(); }
  double readout() const { return model_.readout(); }
  emscripten::val memory_direction_view() const { return view_of(model_.memory_direction()); }
  static std::vector<const ParamSpec*> extra_argument_specs() {
    return {&LineAttractor::value_spec()};
  }
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(line_attractor) {
  using attractor::wasm::LineAttractorBinding;
  attractor::wasm::bind_simulation<LineAttractorBinding>("LineAttractor")
      .function("store", &LineAttractorBinding::store)
      .function("size", &LineAttractorBinding::size)
      .function("time", &LineAttractorBinding::time)
      .function("readout", &LineAttractorBinding::readout)
      .function("memoryDirectionView", &LineAttractorBinding::memory_direction_view);
}
