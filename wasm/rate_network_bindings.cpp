#include <emscripten/bind.h>

#include <cstdint>
#include <vector>

#include "attractor/rate_network.hpp"
#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

const char* const kContext = "rate network";

// `new Module.RateNetwork({n: 200, g: 1.5, ...})`.
class RateNetworkBinding : public BoundModel {
 public:
  explicit RateNetworkBinding(const val& params)
      : net_(guarded([&] { return RateNetwork(params_from_js(params, kContext)); })) {}

  const StepMap& step_map() const override { return net_; }

  void perturb(double epsilon, double seed) {
    guarded([&] {
      checked_argument(RateNetwork::seed_spec(), seed, std::string(kContext) + " perturb");
      net_.perturb(epsilon, static_cast<std::uint64_t>(seed));
    });
  }
  void set_input(const val& input) {
    guarded([&] { net_.set_input(numbers_from_js(input, std::string(kContext) + " set_input")); });
  }
  void set_readout(const val& weights) {
    guarded([&] {
      const auto values = numbers_from_js(weights, std::string(kContext) + " set_readout");
      net_.set_readout(Eigen::Map<const Eigen::VectorXd>(values.data(),
                                                         static_cast<Eigen::Index>(values.size())));
    });
  }
  void run(double steps) {
    guarded([&] {
      net_.run(static_cast<int>(
          checked_argument(RateNetwork::steps_spec(), steps, std::string(kContext) + " run")));
    });
  }
  void reset() { net_.reset(); }

  int size() const { return net_.size(); }
  double time() const { return net_.time(); }
  double readout() const { return net_.readout(); }
  val measures() const { return measures_to_js(net_.measures()); }
  val params() const { return params_to_js(net_.params()); }
  val trace_view() const {
    return val(emscripten::typed_memory_view(net_.trace().size(), net_.trace().data()));
  }
  val state_view() const {
    return val(emscripten::typed_memory_view(net_.state().size(), net_.state().data()));
  }
  val rates_view() const {
    return val(emscripten::typed_memory_view(net_.rates().size(), net_.rates().data()));
  }
  val readout_weights_view() const {
    const auto& w = net_.readout_weights();
    return val(emscripten::typed_memory_view(w.size(), w.data()));
  }

  static val param_specs() { return specs_to_js(RateNetwork::param_specs()); }
  static val argument_specs() {
    val out = val::object();
    for (const ParamSpec* spec :
         {&RateNetwork::epsilon_spec(), &RateNetwork::seed_spec(), &RateNetwork::input_spec(),
          &RateNetwork::weight_spec(), &RateNetwork::steps_spec()}) {
      out.set(spec->name, spec_to_js(*spec));
    }
    return out;
  }

 private:
  RateNetwork net_;
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(rate_network) {
  using attractor::wasm::RateNetworkBinding;
  emscripten::class_<RateNetworkBinding, emscripten::base<attractor::wasm::BoundModel>>(
      "RateNetwork")
      .constructor<const emscripten::val&>()
      .function("perturb", &RateNetworkBinding::perturb)
      .function("setInput", &RateNetworkBinding::set_input)
      .function("setReadout", &RateNetworkBinding::set_readout)
      .function("run", &RateNetworkBinding::run)
      .function("reset", &RateNetworkBinding::reset)
      .function("size", &RateNetworkBinding::size)
      .function("time", &RateNetworkBinding::time)
      .function("readout", &RateNetworkBinding::readout)
      .function("measures", &RateNetworkBinding::measures)
      .function("params", &RateNetworkBinding::params)
      .function("traceView", &RateNetworkBinding::trace_view)
      .function("stateView", &RateNetworkBinding::state_view)
      .function("ratesView", &RateNetworkBinding::rates_view)
      .function("readoutWeightsView", &RateNetworkBinding::readout_weights_view)
      .class_function("paramSpecs", &RateNetworkBinding::param_specs)
      .class_function("argumentSpecs", &RateNetworkBinding::argument_specs);
}
