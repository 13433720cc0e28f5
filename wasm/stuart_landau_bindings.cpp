#include "attractor/stuart_landau.hpp"
#include "simulation_binding.hpp"

namespace attractor::wasm {
namespace {

// `new Module.StuartLandau({mu: 1, omega: 6.28})`: the Hopf normal form, Euler steps.
class StuartLandauBinding : public SimulationBinding<StuartLandauBinding, StuartLandau> {
 public:
  static constexpr const char* kContext = "stuart-landau oscillator";
  using SimulationBinding::SimulationBinding;
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(stuart_landau) {
  attractor::wasm::bind_simulation<attractor::wasm::StuartLandauBinding>("StuartLandau");
}
