#include <emscripten/bind.h>

#include <cstdint>

#include "attractor/torus_network.hpp"
#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

const char* const kContext = "torus network";

template <typename T>
val view_of(const std::vector<T>& v) {
  return val(emscripten::typed_memory_view(v.size(), v.data()));
}

// `new Module.TorusNetwork({n: 64, seed: 1})`: h <- tanh(W h), W = blockdiag(alpha_i R(theta_i)).
class TorusNetworkBinding : public BoundModel {
 public:
  explicit TorusNetworkBinding(const val& params)
      : model_(guarded([&] { return TorusNetwork(params_from_js(params, kContext)); })) {}

  void perturb(double epsilon, double seed) {
    guarded([&] {
      checked_argument(TorusNetwork::seed_spec(), seed, std::string(kContext) + " perturb");
      model_.perturb(epsilon, static_cast<std::uint64_t>(seed));
    });
  }
  void run(double steps) {
    guarded([&] {
      model_.run(static_cast<int>(
          checked_argument(TorusNetwork::steps_spec(), steps, std::string(kContext) + " run")));
    });
  }
  void reset() { model_.reset(); }
  const StepMap& step_map() const override { return model_; }
  int size() const { return model_.size(); }
  val measures() const { return measures_to_js(model_.measures()); }
  val params() const { return params_to_js(model_.params()); }
  val trace_view() const { return view_of(model_.trace()); }
  val state_view() const {
    return val(emscripten::typed_memory_view(model_.state().size(), model_.state().data()));
  }
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
    out.set("alpha", val::global("Float64Array").new_(view_of(alphas)));
    out.set("theta", val::global("Float64Array").new_(view_of(thetas)));
    return out;
  }
  static val param_specs() { return specs_to_js(TorusNetwork::param_specs()); }
  static val argument_specs() {
    val out = val::object();
    for (const ParamSpec* spec :
         {&TorusNetwork::epsilon_spec(), &TorusNetwork::seed_spec(), &TorusNetwork::steps_spec()}) {
      out.set(spec->name, spec_to_js(*spec));
    }
    return out;
  }

 private:
  TorusNetwork model_;
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(torus_network) {
  using attractor::wasm::TorusNetworkBinding;
  emscripten::class_<TorusNetworkBinding, emscripten::base<attractor::wasm::BoundModel>>(
      "TorusNetwork")
      .constructor<const emscripten::val&>()
      .function("perturb", &TorusNetworkBinding::perturb)
      .function("run", &TorusNetworkBinding::run)
      .function("reset", &TorusNetworkBinding::reset)
      .function("size", &TorusNetworkBinding::size)
      .function("measures", &TorusNetworkBinding::measures)
      .function("params", &TorusNetworkBinding::params)
      .function("blocks", &TorusNetworkBinding::blocks)
      .function("traceView", &TorusNetworkBinding::trace_view)
      .function("stateView", &TorusNetworkBinding::state_view)
      .function("rotationNumbersView", &TorusNetworkBinding::rotation_numbers_view)
      .function("amplitudesView", &TorusNetworkBinding::amplitudes_view)
      .function("phasesView", &TorusNetworkBinding::phases_view)
      .function("sectionView", &TorusNetworkBinding::section_view)
      .class_function("paramSpecs", &TorusNetworkBinding::param_specs)
      .class_function("argumentSpecs", &TorusNetworkBinding::argument_specs);
}
