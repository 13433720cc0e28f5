// attractor-lab ring [NAME=VALUE ...] [perturb:EPSILON:SEED | cue:ANGLE | velocity:DEG_PER_S |
//   run:STEPS | profile:ANGLES | fixedpoints:BUMPS:STEPS:TOLERANCE ...]
#include <iostream>
#include <sstream>

#include "attractor/ring_attractor.hpp"
#include "attractor/ring_fixed_points.hpp"
#include "command.hpp"
#include "json.hpp"

namespace attractor::cli {
namespace {

const char* const kUsage =
    "[NAME=VALUE ...] [perturb:EPSILON:SEED | cue:ANGLE | velocity:DEG_PER_S | run:STEPS | "
    "profile:ANGLES | fixedpoints:BUMPS:STEPS:TOLERANCE ...]";

int run_ring(const std::vector<std::string>& args) {
  const ParsedArgs parsed = parse_args(args);
  RingAttractor model(parsed.params);
  std::vector<double> trace;
  std::vector<double> profile;
  std::string fixed_points;  // JSON, from the last fixedpoints action
  for (const auto& action : parsed.actions) {
    if (action.size() == 3 && action[0] == "perturb") {
      const double seed = parse_number(action[2], "the perturbation seed");
      check_param(RingAttractor::seed_spec(), seed, "ring attractor perturb");
      model.perturb(parse_number(action[1], "epsilon"), static_cast<std::uint64_t>(seed));
    } else if (action.size() == 2 && action[0] == "cue") {
      model.cue(parse_number(action[1], "the cue angle"));
    } else if (action.size() == 2 && action[0] == "velocity") {
      model.set_velocity(parse_number(action[1], "the velocity"));
    } else if (action.size() == 2 && action[0] == "run") {
      const double steps = parse_number(action[1], "steps");
      check_param(RingAttractor::steps_spec(), steps, "ring attractor run");
      model.run(static_cast<int>(steps));
      trace.insert(trace.end(), model.trace().begin(), model.trace().end());
    } else if (action.size() == 2 && action[0] == "profile") {
      const double angles = parse_number(action[1], "angles");
      check_param(ring_profile_angles_spec(), angles, "ring drift profile");
      profile = ring_drift_profile(model, static_cast<int>(angles));
    } else if (action.size() == 4 && action[0] == "fixedpoints") {
      const double bumps = parse_number(action[1], "bumps");
      const double steps = parse_number(action[2], "steps");
      const double tolerance = parse_number(action[3], "tolerance");
      check_param(RingFixedPointSearch::bumps_spec(), bumps, "ring fixed-point search");
      check_param(RingFixedPointSearch::steps_spec(), steps, "ring fixed-point search advance");
      check_param(RingFixedPointSearch::tolerance_spec(), tolerance,
                  "ring fixed-point search clusters");
      RingFixedPointSearch search(model, static_cast<int>(bumps));
      search.advance(static_cast<int>(steps));
      std::ostringstream out;
      out << "{\"time_s\":" << json_number(search.time())
          << ",\"max_speed_deg_per_s\":" << json_number(search.max_speed())
          << ",\"angles_deg\":" << json_array(search.angles().data(), search.angles().size())
          << ",\"clusters\":[";
      bool first = true;
      for (const auto& cluster : search.clusters(tolerance)) {
        out << (first ? "" : ",") << "{\"angle_deg\":" << json_number(cluster.angle_deg)
            << ",\"members\":" << cluster.members << "}";
        first = false;
      }
      out << "]}";
      fixed_points = out.str();
    } else {
      throw InvalidArgument("unknown action " + quoted(action.empty() ? "" : action[0]) +
                            "; actions are perturb:EPSILON:SEED, cue:ANGLE, velocity:DEG_PER_S, "
                            "run:STEPS, profile:ANGLES and fixedpoints:BUMPS:STEPS:TOLERANCE");
    }
  }
  std::cout << "{\"model\":\"ring\",\"params\":" << json_object(model.params())
            << ",\"measures\":" << json_object(model.measures())
            << ",\"state\":" << json_array(model.state().data(), model.state().size())
            << ",\"trace\":" << json_array(trace.data(), trace.size())
            << ",\"profile\":" << json_array(profile.data(), profile.size())
            << ",\"fixed_points\":" << (fixed_points.empty() ? "null" : fixed_points) << "}\n";
  return 0;
}

const CommandRegistrar registrar({"ring", kUsage, run_ring,
                                  [] { return RingAttractor::param_specs(); }});

}  // namespace
}  // namespace attractor::cli
