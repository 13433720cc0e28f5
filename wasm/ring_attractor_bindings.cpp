#include <emscripten/bind.h>

#include <cstdint>
#include <vector>

#include "attractor/ring_attractor.hpp"
#include "attractor/ring_fixed_points.hpp"
#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

const char* const kContext = "ring attractor";
const char* const kSearchContext = "ring fixed-point search";

template <typename Vector>
val view_of(const Vector& values) {
  return val(emscripten::typed_memory_view(values.size(), values.data()));
}

// What JavaScript sees as `new Module.RingAttractor({n: 128, ...})`. Arrays come back as typed
// views into the module's memory (no copy); a view is valid until the next call into the module.
class RingAttractorBinding : public BoundModel {
 public:
  explicit RingAttractorBinding(const val& params)
      : model_(guarded([&] { return RingAttractor(params_from_js(params, kContext)); })) {}

  void perturb(double epsilon, double seed) {
    guarded([&] {
      checked_argument(RingAttractor::seed_spec(), seed, std::string(kContext) + " perturb");
      model_.perturb(epsilon, static_cast<std::uint64_t>(seed));
    });
  }
  void cue(double angle) {
    guarded([&] { model_.cue(angle); });
  }
  void set_velocity(double velocity) {
    guarded([&] { model_.set_velocity(velocity); });
  }
  void run(double steps) {
    guarded([&] {
      model_.run(static_cast<int>(
          checked_argument(RingAttractor::steps_spec(), steps, std::string(kContext) + " run")));
    });
  }
  // One step per entry of an Array or typed array of velocities (deg/s).
  void run_velocities(const val& velocities) {
    guarded([&] {
      const bool is_array = val::global("Array").call<bool>("isArray", velocities);
      const bool is_view = !velocities.isNull() && !velocities.isUndefined() &&
                           val::global("ArrayBuffer").call<bool>("isView", velocities);
      if (!is_array && !is_view) {
        throw InvalidArgument(std::string(kContext) +
                              " run_velocities: velocities must be an array of numbers (deg/s)");
      }
      model_.run_velocities(emscripten::convertJSArrayToNumberVector<double>(velocities));
    });
  }
  void reset() { model_.reset(); }
  const StepMap& step_map() const override { return model_; }
  const RingAttractor& model() const { return model_; }

  int size() const { return model_.size(); }
  double time() const { return model_.time(); }
  val measures() const { return measures_to_js(model_.measures()); }
  val params() const { return params_to_js(model_.params()); }
  val trace_view() const { return view_of(model_.trace()); }
  val state_view() const { return view_of(model_.state()); }
  val rates_view() const { return view_of(model_.rates()); }
  // Drift speed (deg/s) of the bump held at `angles` evenly spaced angles, to first order.
  val drift_profile(double angles) {
    return guarded([&] {
      checked_argument(ring_profile_angles_spec(), angles, "ring drift profile");
      profile_ = ring_drift_profile(model_, static_cast<int>(angles));
      return view_of(profile_);
    });
  }
  // Zero crossings of the last drift profile: [{angleDeg, stable}, ...].
  val profile_fixed_points() const {
    val out = val::array();
    for (const auto& point : ring_profile_fixed_points(profile_)) {
      val entry = val::object();
      entry.set("angleDeg", point.angle_deg);
      entry.set("stable", point.stable);
      out.call<void>("push", entry);
    }
    return out;
  }

  static val param_specs() { return specs_to_js(RingAttractor::param_specs()); }
  static val argument_specs() {
    val out = val::object();
    for (const ParamSpec* spec : {&RingAttractor::epsilon_spec(), &RingAttractor::seed_spec(),
                                  &RingAttractor::angle_spec(), &RingAttractor::velocity_spec(),
                                  &RingAttractor::steps_spec(), &ring_profile_angles_spec()}) {
      out.set(spec->name, spec_to_js(*spec));
    }
    return out;
  }

 private:
  RingAttractor model_;
  std::vector<double> profile_;
};

// `new Module.RingFixedPointSearch(ring, bumps)`: a snapshot of the ring's weights with `bumps`
// bumps started evenly around it, advanced in chunks so a page stays responsive.
class RingFixedPointSearchBinding {
 public:
  RingFixedPointSearchBinding(const RingAttractorBinding& ring, double bumps)
      : search_(guarded([&] {
          return RingFixedPointSearch(
              ring.model(), static_cast<int>(checked_argument(RingFixedPointSearch::bumps_spec(),
                                                              bumps, kSearchContext)));
        })) {}

  void advance(double steps) {
    guarded([&] {
      search_.advance(static_cast<int>(checked_argument(RingFixedPointSearch::steps_spec(), steps,
                                                        std::string(kSearchContext) + " advance")));
    });
  }
  double time() const { return search_.time(); }
  int bumps() const { return search_.bumps(); }
  val max_speed() const {
    const double speed = search_.max_speed();
    return speed == speed ? val(speed) : val::null();
  }
  val start_angles_view() const { return view_of(search_.start_angles()); }
  val angles_view() const { return view_of(search_.angles()); }
  val displacements_view() const { return view_of(search_.displacements()); }
  val speeds_view() const { return view_of(search_.speeds()); }
  // [{angleDeg, members}, ...]
  val clusters(double tolerance) const {
    return guarded([&] {
      val out = val::array();
      for (const auto& cluster : search_.clusters(tolerance)) {
        val entry = val::object();
        entry.set("angleDeg", cluster.angle_deg);
        entry.set("members", cluster.members);
        out.call<void>("push", entry);
      }
      return out;
    });
  }

  static val argument_specs() {
    val out = val::object();
    for (const ParamSpec* spec :
         {&RingFixedPointSearch::bumps_spec(), &RingFixedPointSearch::steps_spec(),
          &RingFixedPointSearch::tolerance_spec()}) {
      out.set(spec->name, spec_to_js(*spec));
    }
    return out;
  }

 private:
  RingFixedPointSearch search_;
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(ring_attractor) {
  using attractor::wasm::RingAttractorBinding;
  using attractor::wasm::RingFixedPointSearchBinding;
  emscripten::class_<RingAttractorBinding, emscripten::base<attractor::wasm::BoundModel>>(
      "RingAttractor")
      .constructor<const emscripten::val&>()
      .function("perturb", &RingAttractorBinding::perturb)
      .function("cue", &RingAttractorBinding::cue)
      .function("setVelocity", &RingAttractorBinding::set_velocity)
      .function("run", &RingAttractorBinding::run)
      .function("runVelocities", &RingAttractorBinding::run_velocities)
      .function("reset", &RingAttractorBinding::reset)
      .function("size", &RingAttractorBinding::size)
      .function("time", &RingAttractorBinding::time)
      .function("measures", &RingAttractorBinding::measures)
      .function("params", &RingAttractorBinding::params)
      .function("traceView", &RingAttractorBinding::trace_view)
      .function("stateView", &RingAttractorBinding::state_view)
      .function("ratesView", &RingAttractorBinding::rates_view)
      .function("driftProfile", &RingAttractorBinding::drift_profile)
      .function("profileFixedPoints", &RingAttractorBinding::profile_fixed_points)
      .class_function("paramSpecs", &RingAttractorBinding::param_specs)
      .class_function("argumentSpecs", &RingAttractorBinding::argument_specs);
  emscripten::class_<RingFixedPointSearchBinding>("RingFixedPointSearch")
      .constructor<const RingAttractorBinding&, double>()
      .function("advance", &RingFixedPointSearchBinding::advance)
      .function("time", &RingFixedPointSearchBinding::time)
      .function("bumps", &RingFixedPointSearchBinding::bumps)
      .function("maxSpeed", &RingFixedPointSearchBinding::max_speed)
      .function("startAnglesView", &RingFixedPointSearchBinding::start_angles_view)
      .function("anglesView", &RingFixedPointSearchBinding::angles_view)
      .function("displacementsView", &RingFixedPointSearchBinding::displacements_view)
      .function("speedsView", &RingFixedPointSearchBinding::speeds_view)
      .function("clusters", &RingFixedPointSearchBinding::clusters)
      .class_function("argumentSpecs", &RingFixedPointSearchBinding::argument_specs);
}
