#include <string>

#include "attractor/rate_network.hpp"
#include "simulation_binding.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

// `new Module.RateNetwork({n: 200, g: 1.5, ...})`.
class RateNetworkBinding : public SimulationBinding<RateNetworkBinding, RateNetwork> {
 public:
  static constexpr const char* kContext = "rate network";
  using SimulationBinding::SimulationBinding;

  void set_input(const val& input) {
    guarded(
        [&] { model_.set_input(numbers_from_js(input, std::string(kContext) + " set_input")); });
  }
  void set_readout(const val& weights) {
    guarded([&] {
      const auto values = numbers_from_js(weights, std::string(kContext) + " set_readout");
      model_.set_readout(Eigen::Map<const Eigen::VectorXd>(
          values.data(), static_cast<Eigen::Index>(values.size())));
    });
  }
  int size() const { return model_.size(); }
  double time() const { return model_.time(); }
  double readout() const { return model_.readout(); }
  val rates_view() const { return view_of(model_.rates()); }
  val readout_weights_view() const { return view_of(model_.readout_weights()); }
  static std::vector<const ParamSpec*> extra_argument_specs() {
    return {&RateNetwork::input_spec(), &RateNetwork::weight_spec()};
  }
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(rate_network) {
  using attractor::wasm::RateNetworkBinding;
  attractor::wasm::bind_simulation<RateNetworkBinding>("RateNetwork")
      .function("setInput", &RateNetworkBinding::set_input)
      .function("setReadout", &RateNetworkBinding::set_readout)
      .function("size", &RateNetworkBinding::size)
      .function("time", &RateNetworkBinding::time)
      .function("readout", &RateNetworkBinding::readout)
      .function("ratesView", &RateNetworkBinding::rates_view)
      .function("readoutWeightsView", &RateNetworkBinding::readout_weights_view);
}
