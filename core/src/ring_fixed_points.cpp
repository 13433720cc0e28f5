#include "attractor/ring_fixed_points.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "attractor/detmath.hpp"
#include "attractor/kernels.hpp"
#include "attractor/ring_math.hpp"

namespace attractor {
namespace {

const char* const kContext = "ring fixed-point search";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

const ParamSpec& RingFixedPointSearch::bumps_spec() {
  static const ParamSpec spec{
      "bumps", 2, 360, 36, true, "", "Bumps started evenly around the ring."};
  return spec;
}

const ParamSpec& RingFixedPointSearch::tolerance_spec() {
  static const ParamSpec spec{"tolerance",
                              0.001,
                              90,
                              1,
                              false,
                              "deg",
                              "End angles closer than this belong to one fixed point."};
  return spec;
}

const ParamSpec& RingFixedPointSearch::steps_spec() {
  static const ParamSpec spec{
      "steps", 0, 1000000, 1000, true, "", "Euler steps to move every bump."};
  return spec;
}

RingFixedPointSearch::RingFixedPointSearch(const RingAttractor& model, int bumps)
    : model_((check_param(bumps_spec(), bumps, kContext), model)),
      bumps_(bumps),
      n_(model.size()),
      states_(model.size(), bumps),
      next_(model.size()),
      rates_(model.size()) {
  const auto m = static_cast<std::size_t>(bumps);
  start_angles_deg_.resize(m);
  angles_deg_.resize(m);
  last_angles_rad_.resize(m);
  displacements_deg_.assign(m, 0.0);
  speeds_.assign(m, kNaN);
  for (int b = 0; b < bumps; ++b) {
    const auto k = static_cast<std::size_t>(b);
    start_angles_deg_[k] = 360.0 * b / bumps;
    model_.place_bump(start_angles_deg_[k], states_.col(b).data());
    last_angles_rad_[k] = model_.angle_of(states_.col(b).data());
    angles_deg_[k] = ring_math::wrap_360(last_angles_rad_[k] * RingAttractor::kDegreesPerRadian);
  }
}

void RingFixedPointSearch::advance(int steps) {
  check_param(steps_spec(), steps, std::string(kContext) + " advance");
  if (steps == 0) return;
  for (int b = 0; b < bumps_; ++b) {
    const auto k = static_cast<std::size_t>(b);
    double* x = states_.col(b).data();
    double unwrapped = 0.0;
    double last = last_angles_rad_[k];
    for (int s = 0; s < steps; ++s) {
      model_.relax_step(x, next_.data(), rates_.data());
      std::copy(next_.data(), next_.data() + n_, x);
      const double angle = model_.angle_of(x);
      unwrapped += ring_math::wrap_pi(angle - last);
      last = angle;
    }
    last_angles_rad_[k] = last;
    const double moved = unwrapped * RingAttractor::kDegreesPerRadian;
    displacements_deg_[k] += moved;
    speeds_[k] = moved / (steps * model_.time_step());
    angles_deg_[k] = ring_math::wrap_360(last * RingAttractor::kDegreesPerRadian);
  }
  step_count_ += steps;
  time_ = static_cast<double>(step_count_) * model_.time_step();
}

double RingFixedPointSearch::max_speed() const {
  double fastest = 0.0;
  for (const double speed : speeds_) {
    if (std::isnan(speed)) return kNaN;
    fastest = std::max(fastest, std::fabs(speed));
  }
  return fastest;
}

std::vector<RingFixedPointSearch::Cluster> RingFixedPointSearch::clusters(
    double tolerance_deg) const {
  check_param(tolerance_spec(), tolerance_deg, std::string(kContext) + " clusters");
  std::vector<double> sorted = angles_deg_;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t m = sorted.size();
  // Start after the widest gap, so no cluster straddles the cut (unless all are one cluster).
  std::size_t start = 0;
  double widest = -1.0;
  for (std::size_t i = 0; i < m; ++i) {
    const double gap = i == 0 ? sorted[0] + 360.0 - sorted[m - 1] : sorted[i] - sorted[i - 1];
    if (gap > widest) {
      widest = gap;
      start = i;
    }
  }
  std::vector<Cluster> out;
  double sum_cos = 0.0;
  double sum_sin = 0.0;
  int members = 0;
  auto close_cluster = [&]() {
    const double mean = det::atan2(sum_sin, sum_cos) * RingAttractor::kDegreesPerRadian;
    out.push_back({ring_math::wrap_360(mean), members});
    sum_cos = sum_sin = 0.0;
    members = 0;
  };
  for (std::size_t step = 0; step < m; ++step) {
    const std::size_t i = (start + step) % m;
    if (members > 0) {
      const double previous = sorted[(i + m - 1) % m];
      if (ring_math::wrap_360(sorted[i] - previous) > tolerance_deg) close_cluster();
    }
    const double radians = sorted[i] / RingAttractor::kDegreesPerRadian;
    sum_cos += det::cos(radians);
    sum_sin += det::sin(radians);
    ++members;
  }
  close_cluster();
  std::sort(out.begin(), out.end(),
            [](const Cluster& a, const Cluster& b) { return a.angle_deg < b.angle_deg; });
  return out;
}

const ParamSpec& ring_profile_angles_spec() {
  static const ParamSpec spec{
      "angles", 4, 3600, 360, true, "", "Angles at which the drift speed is evaluated."};
  return spec;
}

std::vector<double> ring_drift_profile(const RingAttractor& model, int angles) {
  check_param(ring_profile_angles_spec(), angles, "ring drift profile");
  const int n = model.size();
  std::vector<double> x(static_cast<std::size_t>(n));
  std::vector<double> next(static_cast<std::size_t>(n));
  std::vector<double> rates(static_cast<std::size_t>(n));
  std::vector<double> tangent(static_cast<std::size_t>(n));
  std::vector<double> left(static_cast<std::size_t>(n));
  std::vector<double> profile(static_cast<std::size_t>(angles));
  const double amplitude = model.tuned_amplitude();
  for (int k = 0; k < angles; ++k) {
    const double angle_deg = 360.0 * k / angles;
    model.place_bump(angle_deg, x.data());
    // One Euler step without noise or input gives dt * f(x), the vector field times dt.
    model.relax_step(x.data(), next.data(), rates.data());
    const double psi = angle_deg / RingAttractor::kDegreesPerRadian;
    for (int i = 0; i < n; ++i) {
      const auto j = static_cast<std::size_t>(i);
      const double theta = 2 * 3.14159265358979323846 * i / n;
      tangent[j] = amplitude * det::sin(theta - psi);  // d x / d psi
      const double t = det::tanh(x[j]);
      left[j] = 0.5 * (1.0 - t * t) * tangent[j];  // phi'(x) * d x / d psi
      next[j] -= x[j];
    }
    const double per_step =
        kernels::dot(left.data(), next.data(), n) / kernels::dot(left.data(), tangent.data(), n);
    profile[static_cast<std::size_t>(k)] =
        per_step / model.time_step() * RingAttractor::kDegreesPerRadian;
  }
  return profile;
}

std::vector<RingPredictedFixedPoint> ring_profile_fixed_points(const std::vector<double>& profile,
                                                               double neutral_speed) {
  std::vector<RingPredictedFixedPoint> out;
  const std::size_t m = profile.size();
  // Indices of the samples that are clearly non-zero, in order around the circle.
  std::vector<std::size_t> signed_samples;
  for (std::size_t k = 0; k < m; ++k) {
    if (std::fabs(profile[k]) > neutral_speed) signed_samples.push_back(k);
  }
  const std::size_t count = signed_samples.size();
  if (count < 2) return out;
  const double spacing = 360.0 / static_cast<double>(m);
  for (std::size_t q = 0; q < count; ++q) {
    const std::size_t k0 = signed_samples[q];
    const std::size_t k1 = signed_samples[(q + 1) % count];
    const double v0 = profile[k0];
    const double v1 = profile[k1];
    if ((v0 > 0) == (v1 > 0)) continue;
    const double span = static_cast<double>((k1 + m - k0) % m == 0 ? m : (k1 + m - k0) % m);
    const double where = static_cast<double>(k0) + span * v0 / (v0 - v1);
    out.push_back({ring_math::wrap_360(where * spacing), v0 > 0});
  }
  std::sort(out.begin(), out.end(),
            [](const RingPredictedFixedPoint& a, const RingPredictedFixedPoint& b) {
              return a.angle_deg < b.angle_deg;
            });
  return out;
}

}  // namespace attractor
