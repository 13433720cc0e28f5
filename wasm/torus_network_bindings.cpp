#include <vector>

#include "attractor/torus_network.hpp"
#include "simulation_binding.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

// `new Module.TorusNetwork({n: 64, seed: 1})`: h <- tanh(W h), W = blockdiag(alpha_i R(theta_i)).
class TorusNetworkBinding : public SimulationBinding<TorusNetworkBinding, TorusNetwork> {
 public:
  static constexpr const char* kContext = "torus network";
  using SimulationBinding::SimulationBinding;

  int size() const { return model_.size(); }
  val rotation_numbers_view() const { return view_of(model_.rotation_numbers()); }
  val amplitudes_view() const { return view_of(model_.amplitudes()); }
  val phases_view() const { return view_of(model_.phases()); }
  val section_view() const { return view_of(model_.section()); }
  // Copies: {alpha: Float64Array, theta: Float64Array}.
  val blocks() const {
    std::vector<double> alphas, thetas;
    for (const auto& b : model_.block_params())
      alphas.push_back(b.alpha), thetas.push_back(b.theta);
    val out = val::object();
    out.set("alpha", float64_array(alphas));
    out.set("theta", float64_array(thetas));
    return out;
  }
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(torus_network) {
  using attractor::wasm::TorusNetworkBinding;
  attractor::wasm::bind_simulation<TorusNetworkBinding>("TorusNetwork")
      .function("size", &TorusNetworkBinding::size)
      .function("blocks", &TorusNetworkBinding::blocks)
      .function("rotationNumbersView", &TorusNetworkBinding::rotation_numbers_view)
      .function("amplitudesView", &TorusNetworkBinding::amplitudes_view)
      .function("phasesView", &TorusNetworkBinding::phases_view)
      .function("sectionView", &TorusNetworkBinding::section_view);
}
