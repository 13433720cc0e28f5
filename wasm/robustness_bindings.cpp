// The robustness measure for JavaScript:
//
//   const m = new Module.RobustnessMeasure('ring', {n: 32}, {epsilon: 0.1, steps: 5000});
//   while (!m.done()) { m.advance(1000); report(m.progress()); }   // stop by not calling again
//   m.records();   // [{steps, time, residual, pairwiseError, distinctEndStates, ...}, ...]
//   m.delete();
//
//   const s = new Module.RobustnessSweep('line', {n: 16}, {steps: 2000, records: 4},
//                                        [0, 0.05, 0.1], 5, 1);   // epsilons, seeds, first seed
//   while (!s.done()) s.advance(5000);
//   s.mean(); s.spread();   // per quantity, epsilon, record (see RobustnessSweep.quantities())
//
// The measure builds its own models from the mechanism name and parameters. Arrays come back
// as zero-copy views, valid until the next call into the module.
#include <emscripten/bind.h>

#include <memory>
#include <string>
#include <vector>

#include "attractor/linear_algebra.hpp"
#include "attractor/robustness.hpp"
#include "attractor/robustness_sweep.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

val nullable(double value) {
  return value == value ? val(value) : val::null();
}

std::vector<double> numbers_from_js(const val& value, const std::string& context,
                                    const std::string& what) {
  if (!val::global("Array").call<bool>("isArray", value) &&
      !val::global("ArrayBuffer").call<bool>("isView", value)) {
    throw InvalidArgument(context + ": " + what + " must be an array or Float64Array of numbers");
  }
  return emscripten::convertJSArrayToNumberVector<double>(value);
}

std::string string_from_js(const val& value, const std::string& context) {
  if (value.typeOf().as<std::string>() != "string") {
    throw InvalidArgument(context + ": the mechanism must be a string such as 'ring'");
  }
  return value.as<std::string>();
}

val strings_to_js(const std::vector<std::string>& names) {
  val out = val::array();
  for (const auto& name : names) out.call<void>("push", name);
  return out;
}

double checked_budget(double budget, const std::string& context) {
  return checked_argument(budget_spec(), budget, context + " advance");
}

class RobustnessBinding {
 public:
  RobustnessBinding(const val& mechanism, const val& model_params, const val& config)
      : measure_(guarded([&] {
          return std::make_unique<RobustnessMeasure>(string_from_js(mechanism, kContext),
                                                     params_from_js(model_params, kContext),
                                                     params_from_js(config, kContext));
        })) {}
  void advance(double budget) {
    guarded([&] { measure_->advance(checked_budget(budget, kContext)); });
  }
  double progress() const { return measure_->progress(); }
  bool done() const { return measure_->done(); }
  double work_done() const { return static_cast<double>(measure_->work_done()); }
  std::string mechanism() const { return measure_->mechanism(); }
  bool angular() const { return measure_->angular(); }
  double range() const { return measure_->range(); }
  int memories() const { return measure_->memories(); }
  int storage_block() const { return measure_->storage_block(); }
  val config() const { return params_to_js(measure_->config()); }
  val stored() const { return view_of(measure_->stored()); }
  val recalled() const { return view_of(measure_->recalled()); }
  val lyapunov_exponents() const { return view_of(measure_->lyapunov_exponents()); }
  val near_zero_exponents() const { return nullable(measure_->near_zero_exponents()); }
  val records() const {
    val out = val::array();
    for (const auto& r : measure_->records()) {
      val o = val::object();
      o.set("steps", r.steps);
      o.set("time", r.time);
      o.set("residual", r.residual);
      o.set("residualUnits", r.residual_units);
      o.set("pairwiseError", r.pairwise_error);
      o.set("commonShift", r.common_shift);
      o.set("slope", r.slope);
      o.set("distinctEndStates", r.distinct_end_states);
      o.set("decodedError", r.decoded_error);
      o.set("gradientLog10Mean", nullable(r.gradient_log10_mean));
      o.set("gradientLog10Min", nullable(r.gradient_log10_min));
      o.set("gradientLog10Max", nullable(r.gradient_log10_max));
      o.set("manifoldExponent", nullable(r.manifold_exponent));
      out.call<void>("push", o);
    }
    return out;
  }

  static val param_specs() { return specs_to_js(RobustnessMeasure::param_specs()); }
  static val mechanisms() { return strings_to_js(robustness_mechanisms()); }
  static val model_param_specs(const val& mechanism) {
    return guarded(
        [&] { return specs_to_js(robustness_model_specs(string_from_js(mechanism, kContext))); });
  }

 private:
  static constexpr const char* kContext = "robustness";
  std::unique_ptr<RobustnessMeasure> measure_;
};

class RobustnessSweepBinding {
 public:
  RobustnessSweepBinding(const val& mechanism, const val& model_params, const val& config,
                         const val& epsilons, double seeds)
      : RobustnessSweepBinding(mechanism, model_params, config, epsilons, seeds, 1) {}
  RobustnessSweepBinding(const val& mechanism, const val& model_params, const val& config,
                         const val& epsilons, double seeds, double first_seed)
      : sweep_(guarded([&] {
          const double count = checked_argument(RobustnessSweep::seeds_spec(), seeds, kContext);
          return std::make_unique<RobustnessSweep>(
              string_from_js(mechanism, kContext), params_from_js(model_params, kContext),
              params_from_js(config, kContext), numbers_from_js(epsilons, kContext, "epsilons"),
              static_cast<int>(count),
              checked_argument(RobustnessSweep::first_seed_spec(), first_seed, kContext));
        })) {}
  void advance(double budget) {
    guarded([&] { sweep_->advance(checked_budget(budget, kContext)); });
  }
  double progress() const { return sweep_->progress(); }
  bool done() const { return sweep_->done(); }
  int seeds() const { return sweep_->seeds(); }
  int records() const { return sweep_->records(); }
  val epsilons() const { return view_of(sweep_->epsilons()); }
  val times() const { return view_of(sweep_->times()); }
  val mean() const { return view_of(sweep_->mean()); }
  val spread() const { return view_of(sweep_->spread()); }
  val minimum() const { return view_of(sweep_->minimum()); }
  val maximum() const { return view_of(sweep_->maximum()); }
  val values() const { return view_of(sweep_->values()); }
  static val quantities() { return strings_to_js(RobustnessSweep::quantities()); }

 private:
  static constexpr const char* kContext = "robustness sweep";
  std::unique_ptr<RobustnessSweep> sweep_;
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(robustness) {
  using namespace attractor::wasm;
  using emscripten::val;
  emscripten::class_<RobustnessBinding>("RobustnessMeasure")
      .constructor<const val&, const val&, const val&>()
      .function("advance", &RobustnessBinding::advance)
      .function("progress", &RobustnessBinding::progress)
      .function("done", &RobustnessBinding::done)
      .function("workDone", &RobustnessBinding::work_done)
      .function("mechanism", &RobustnessBinding::mechanism)
      .function("angular", &RobustnessBinding::angular)
      .function("range", &RobustnessBinding::range)
      .function("memories", &RobustnessBinding::memories)
      .function("storageBlock", &RobustnessBinding::storage_block)
      .function("config", &RobustnessBinding::config)
      .function("stored", &RobustnessBinding::stored)
      .function("recalled", &RobustnessBinding::recalled)
      .function("records", &RobustnessBinding::records)
      .function("lyapunovExponents", &RobustnessBinding::lyapunov_exponents)
      .function("nearZeroExponents", &RobustnessBinding::near_zero_exponents)
      .class_function("paramSpecs", &RobustnessBinding::param_specs)
      .class_function("mechanisms", &RobustnessBinding::mechanisms)
      .class_function("modelParamSpecs", &RobustnessBinding::model_param_specs);
  emscripten::class_<RobustnessSweepBinding>("RobustnessSweep")
      .constructor<const val&, const val&, const val&, const val&, double>()
      .constructor<const val&, const val&, const val&, const val&, double, double>()
      .function("advance", &RobustnessSweepBinding::advance)
      .function("progress", &RobustnessSweepBinding::progress)
      .function("done", &RobustnessSweepBinding::done)
      .function("seeds", &RobustnessSweepBinding::seeds)
      .function("records", &RobustnessSweepBinding::records)
      .function("epsilons", &RobustnessSweepBinding::epsilons)
      .function("times", &RobustnessSweepBinding::times)
      .function("mean", &RobustnessSweepBinding::mean)
      .function("spread", &RobustnessSweepBinding::spread)
      .function("minimum", &RobustnessSweepBinding::minimum)
      .function("maximum", &RobustnessSweepBinding::maximum)
      .function("values", &RobustnessSweepBinding::values)
      .class_function("quantities", &RobustnessSweepBinding::quantities);
}
