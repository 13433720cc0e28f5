#include <emscripten/bind.h>

#include <cstdint>

#include "attractor/stuart_landau.hpp"
#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

const char* const kContext = "stuart-landau oscillator";

// `new Module.StuartLandau({mu: 1, omega: 6.28})`: the Hopf normal form, Euler steps.
class StuartLandauBinding : public BoundModel {
 public:
  explicit StuartLandauBinding(const val& params)
      : model_(guarded([&] { return StuartLandau(params_from_js(params, kContext)); })) {}

  void perturb(double epsilon, double seed) {
    guarded([&] {
      checked_argument(StuartLandau::seed_spec(), seed, std::string(kContext) + " perturb");
      model_.perturb(epsilon, static_cast<std::uint64_t>(seed));
    });
  }
  void run(double steps) {
    guarded([&] {
      model_.run(static_cast<int>(
          checked_argument(StuartLandau::steps_spec(), steps, std::string(kContext) + " run")));
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
  static val param_specs() { return specs_to_js(StuartLandau::param_specs()); }
  static val argument_specs() {
    val out = val::object();
    for (const ParamSpec* spec :
         {&StuartLandau::epsilon_spec(), &StuartLandau::seed_spec(), &StuartLandau::steps_spec()}) {
      out.set(spec->name, spec_to_js(*spec));
    }
    return out;
  }

 private:
  StuartLandau model_;
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(stuart_landau) {
  using attractor::wasm::StuartLandauBinding;
  emscripten::class_<StuartLandauBinding, emscripten::base<attractor::wasm::BoundModel>>(
      "StuartLandau")
      .constructor<const emscripten::val&>()
      .function("perturb", &StuartLandauBinding::perturb)
      .function("run", &StuartLandauBinding::run)
      .function("reset", &StuartLandauBinding::reset)
      .function("measures", &StuartLandauBinding::measures)
      .function("params", &StuartLandauBinding::params)
      .function("traceView", &StuartLandauBinding::trace_view)
      .function("stateView", &StuartLandauBinding::state_view)
      .class_function("paramSpecs", &StuartLandauBinding::param_specs)
      .class_function("argumentSpecs", &StuartLandauBinding::argument_specs);
}
