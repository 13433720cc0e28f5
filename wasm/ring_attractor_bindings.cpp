#include <vector>

#include "attractor/ring_attractor.hpp"
#include "attractor/ring_fixed_points.hpp"
#include "simulation_binding.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

const char* const kSearchContext = "ring fixed-point search";

// What JavaScript sees as `new Module.RingAttractor({n: 128, ...})`. Arrays come back as typed
// views into the module's memory (no copy); a view is valid until the next call into the module.
class RingAttractorBinding : public SimulationBinding<RingAttractorBinding, RingAttractor> {
 public:
  static constexpr const char* kContext = "ring attractor";
  using SimulationBinding::SimulationBinding;

  void cue(double angle) {
    guarded([&] { model_.cue(angle); });
  }
  void set_velocity(double velocity) {
    guarded([&] { model_.set_velocity(velocity); });
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
  int size() const { return model_.size(); }
  double time() const { return model_.time(); }
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
  static std::vector<const ParamSpec*> extra_argument_specs() {
    return {&RingAttractor::angle_spec(), &RingAttractor::velocity_spec(),
            &ring_profile_angles_spec()};
  }

 private:
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
  val angles_view() const { return view_of(search_.angles()); }
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
  attractor::wasm::bind_simulation<RingAttractorBinding>("RingAttractor")
      .function("cue", &RingAttractorBinding::cue)
      .function("setVelocity", &RingAttractorBinding::set_velocity)
      .function("runVelocities", &RingAttractorBinding::run_velocities)
      .function("size", &RingAttractorBinding::size)
      .function("time", &RingAttractorBinding::time)
      .function("ratesView", &RingAttractorBinding::rates_view)
      .function("driftProfile", &RingAttractorBinding::drift_profile)
      .function("profileFixedPoints", &RingAttractorBinding::profile_fixed_points);
  emscripten::class_<RingFixedPointSearchBinding>("RingFixedPointSearch")
      .constructor<const RingAttractorBinding&, double>()
      .function("advance", &RingFixedPointSearchBinding::advance)
      .function("time", &RingFixedPointSearchBinding::time)
      .function("bumps", &RingFixedPointSearchBinding::bumps)
      .function("maxSpeed", &RingFixedPointSearchBinding::max_speed)
      .function("anglesView", &RingFixedPointSearchBinding::angles_view)
      .function("clusters", &RingFixedPointSearchBinding::clusters)
      .class_function("argumentSpecs", &RingFixedPointSearchBinding::argument_specs);
}
