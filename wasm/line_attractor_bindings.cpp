#include <emscripten/bind.h>

#include <cstdint>

#include "attractor/line_attractor.hpp"
#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

const char* const kContext = "line attractor";

// What JavaScript sees as `new Module.LineAttractor({n: 64, ...})`. Arrays come back as typed
// views into the module's memory (no copy); a view is valid until the next call into the module.
class LineAttractorBinding : public BoundModel {
 public:
  explicit LineAttractorBinding(const val& params)
      : model_(guarded([&] { return LineAttractor(params_from_js(params, kContext)); })) {}

  void perturb(double epsilon, double seed) {
    guarded([&] {
      checked_argument(LineAttractor::seed_spec(), seed, std::string(kContext) + " perturb");
      model_.perturb(epsilon, static_cast<std::uint64_t>(seed));
    });
  }
  void store(double value) {
    guarded([&] { model_.store(value); });
  }
  void run(double steps) {
    guarded([&] {
      model_.run(static_cast<int>(
          checked_argument(LineAttractor::steps_spec(), steps, std::string(kContext) + " run")));
    });
  }
  void reset() { model_.reset(); }
  const StepMap& step_map() const override { return model_; }

  int size() const { return model_.size(); }
  double time() const { return model_.time(); }
  double readout() const { return model_.readout(); }
  val measures() const { return measures_to_js(model_.measures()); }
  val params() const { return params_to_js(model_.params()); }
  val trace_view() const {
    return val(emscripten::typed_memory_view(model_.trace().size(), model_.trace().data()));
  }
  val state_view() const {
    return val(emscripten::typed_memory_view(model_.state().size(), model_.state().data()));
  }
  val memory_direction_view() const {
    const auto& m = model_.memory_direction();
    return val(emscripten::typed_memory_view(m.size(), m.data()));
  }

  static val param_specs() { return specs_to_js(LineAttractor::param_specs()); }
  static val argument_specs() {
    val out = val::object();
    for (const ParamSpec* spec : {&LineAttractor::epsilon_spec(), &LineAttractor::seed_spec(),
                                  &LineAttractor::value_spec(), &LineAttractor::steps_spec()}) {
      out.set(spec->name, spec_to_js(*spec));
    }
    return out;
  }

 private:
  LineAttractor model_;
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(line_attractor) {
  using attractor::wasm::LineAttractorBinding;
  emscripten::class_<LineAttractorBinding, emscripten::base<attractor::wasm::BoundModel>>(
      "LineAttractor")
      .constructor<const emscripten::val&>()
      .function("perturb", &LineAttractorBinding::perturb)
      .function("store", &LineAttractorBinding::store)
      .function("run", &LineAttractorBinding::run)
      .function("reset", &LineAttractorBinding::reset)
      .function("size", &LineAttractorBinding::size)
      .function("time", &LineAttractorBinding::time)
      .function("readout", &LineAttractorBinding::readout)
      .function("measures", &LineAttractorBinding::measures)
      .function("params", &LineAttractorBinding::params)
      .function("traceView", &LineAttractorBinding::trace_view)
      .function("stateView", &LineAttractorBinding::state_view)
      .function("memoryDirectionView", &LineAttractorBinding::memory_direction_view)
      .class_function("paramSpecs", &LineAttractorBinding::param_specs)
      .class_function("argumentSpecs", &LineAttractorBinding::argument_specs);
}
