#include "attractor/planar_system.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "attractor/detmath.hpp"
#include "attractor/perturbation.hpp"
#include "attractor/phase.hpp"

namespace attractor {

Mat2 Mat2::scaled_rotation(double alpha, double theta) {
  const double c = alpha * det::cos(theta);
  const double s = alpha * det::sin(theta);
  return {c, -s, s, c};
}

std::vector<ParamSpec> PlanarSystem::with_start_point(std::vector<ParamSpec> specs, double bound,
                                                      double x0) {
  specs.push_back({"x0", -bound, bound, x0, false, "", "Initial x."});
  specs.push_back({"y0", -bound, bound, 0, false, "", "Initial y."});
  return specs;
}

ParamSpec PlanarSystem::epsilon_spec_for(const char* matrix) {
  return epsilon_spec_with(std::string("Size of the perturbation of ") + matrix +
                           ": noise of standard deviation epsilon / sqrt(2) is added to each of "
                           "its four entries.");
}

PlanarSystem::PlanarSystem(const std::vector<ParamSpec>& specs, const ParamValues& params,
                           const char* context)
    : context_(context),
      params_(resolve_params(specs, params, context)),
      state_(Eigen::VectorXd::Zero(2)) {
  reset();
}

void PlanarSystem::reset() {
  state_[0] = params_.at("x0");
  state_[1] = params_.at("y0");
  steps_ = 0;
  trace_.clear();
  measured_ = false;
}

void PlanarSystem::perturb_weights(const ParamSpec& epsilon_spec, double epsilon,
                                   std::uint64_t seed) {
  check_param(epsilon_spec, epsilon, std::string(context_) + " perturb");
  check_param(seed_spec(), static_cast<double>(seed), std::string(context_) + " perturb");
  epsilon_ = epsilon;
  w_ = tuned_;
  if (epsilon > 0) {
    double noise[4] = {0, 0, 0, 0};  // a, c, b, d: column-major, as for the networks
    add_weight_noise(noise, 4, epsilon / std::sqrt(2.0), seed);
    w_.a += noise[0];
    w_.c += noise[1];
    w_.b += noise[2];
    w_.d += noise[3];
  }
  measured_ = false;
}

void PlanarSystem::start_run(int steps) {
  check_param(steps_spec(), steps, std::string(context_) + " run");
  trace_.resize(2 * static_cast<std::size_t>(steps));
}

void PlanarSystem::finish_run(int steps, double x, double y) {
  state_[0] = x, state_[1] = y;
  steps_ += steps;
}

Measures PlanarSystem::measures_with(const char* time_name, double time,
                                     const Measures& own) const {
  const double x = state_[0], y = state_[1];
  Measures out = {
      {time_name, time},
      {"x", x},
      {"y", y},
      {"radius", std::sqrt(x * x + y * y)},
      {"phase", phase::angle(y, x)},
      {"epsilon", epsilon_},
      {"amplitude", measured_ ? amplitude_ : std::numeric_limits<double>::quiet_NaN()},
  };
  out.insert(out.end(), own.begin(), own.end());
  return out;
}

}  // namespace attractor
