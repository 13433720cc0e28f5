// The shape every simulation binding shares: `new Module.Name({...params})`, then perturb, run,
// reset, measures, params, traceView, stateView, and the class functions paramSpecs and
// argumentSpecs. A model's binding derives from SimulationBinding and adds only its own methods;
// bind_simulation registers the shared ones and returns the embind class for the rest:
//
//   class LineAttractorBinding : public SimulationBinding<LineAttractorBinding, LineAttractor> {
//    public:
//     static constexpr const char* kContext = "line attractor";
//     using SimulationBinding::SimulationBinding;
//     double readout() const { return model_.readout(); }
//   };
//   EMSCRIPTEN_BINDINGS(line_attractor) {
//     bind_simulation<LineAttractorBinding>("LineAttractor")
//         .function("readout", &LineAttractorBinding::readout);
//   }
//
// The model provides perturb(epsilon, seed), reset(), measures(), params(), trace(), state(),
// param_specs() and epsilon_spec(), seed_spec() and steps_spec(); run(steps) is bound when it has
// one. A binding lists the specs of its own arguments in extra_argument_specs().
#pragma once

#include <emscripten/bind.h>

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {

template <typename Model, typename = void>
struct RunsSteps : std::false_type {};
template <typename Model>
struct RunsSteps<Model, std::void_t<decltype(std::declval<Model&>().run(1))>> : std::true_type {};

template <typename Binding, typename Model>
class SimulationBinding : public BoundModel {
 public:
  explicit SimulationBinding(const emscripten::val& params)
      : model_(guarded([&] { return Model(params_from_js(params, Binding::kContext)); })) {}

  void perturb(double epsilon, double seed) {
    guarded([&] {
      checked_argument(Model::seed_spec(), seed, std::string(Binding::kContext) + " perturb");
      model_.perturb(epsilon, static_cast<std::uint64_t>(seed));
    });
  }
  void run(double steps) {
    guarded([&] {
      model_.run(static_cast<int>(
          checked_argument(Model::steps_spec(), steps, std::string(Binding::kContext) + " run")));
    });
  }
  void reset() { model_.reset(); }
  const StepMap& step_map() const override { return model_; }
  const Model& model() const { return model_; }

  emscripten::val measures() const {
    return guarded([&] { return measures_to_js(model_.measures()); });
  }
  emscripten::val params() const { return params_to_js(model_.params()); }
  emscripten::val trace_view() const { return view_of(model_.trace()); }
  emscripten::val state_view() const { return view_of(model_.state()); }

  static emscripten::val param_specs() { return specs_to_js(Model::param_specs()); }
  static emscripten::val argument_specs() {
    emscripten::val out = emscripten::val::object();
    std::vector<const ParamSpec*> specs = {&Model::epsilon_spec(), &Model::seed_spec(),
                                           &Model::steps_spec()};
    for (const ParamSpec* spec : Binding::extra_argument_specs()) specs.push_back(spec);
    for (const ParamSpec* spec : specs) out.set(spec->name, spec_to_js(*spec));
    return out;
  }
  static std::vector<const ParamSpec*> extra_argument_specs() { return {}; }

 protected:
  Model model_;
};

// Registers `Binding` as `name` with the shared methods; add the model's own to what it returns.
// embind attaches a method to the class its member pointer names, so each shared method is bound
// as a member of Binding, not of SimulationBinding (which embind does not know).
template <typename Binding>
emscripten::class_<Binding, emscripten::base<BoundModel>> bind_simulation(const char* name) {
  using emscripten::val;
  using Action = void (Binding::*)();
  using Query = val (Binding::*)() const;
  auto bound =
      emscripten::class_<Binding, emscripten::base<BoundModel>>(name)
          .template constructor<const val&>()
          .function("perturb", static_cast<void (Binding::*)(double, double)>(&Binding::perturb))
          .function("reset", static_cast<Action>(&Binding::reset))
          .function("measures", static_cast<Query>(&Binding::measures))
          .function("params", static_cast<Query>(&Binding::params))
          .function("traceView", static_cast<Query>(&Binding::trace_view))
          .function("stateView", static_cast<Query>(&Binding::state_view))
          .class_function("paramSpecs", &Binding::param_specs)
          .class_function("argumentSpecs", &Binding::argument_specs);
  using Model = std::decay_t<decltype(std::declval<const Binding&>().model())>;
  if constexpr (RunsSteps<Model>::value) {
    bound.function("run", static_cast<void (Binding::*)(double)>(&Binding::run));
  }
  return bound;
}

}  // namespace attractor::wasm
