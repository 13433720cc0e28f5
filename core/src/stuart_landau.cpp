#include "attractor/stuart_landau.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "attractor/phase.hpp"

namespace attractor {
namespace {

const char* const kContext = "stuart-landau oscillator";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The flow with its variational equation: s = (x, y, phi00, phi10, phi01, phi11).
void flow(const Mat2& a, const double* s, double* ds) {
  const double x = s[0], y = s[1], r2 = x * x + y * y;
  ds[0] = a.a * x + a.b * y - r2 * x;
  ds[1] = a.c * x + a.d * y - r2 * y;
  const double j00 = a.a - r2 - 2 * x * x, j01 = a.b - 2 * x * y;
  const double j10 = a.c - 2 * x * y, j11 = a.d - r2 - 2 * y * y;
  for (int col = 0; col < 2; ++col) {
    const double p0 = s[2 + 2 * col], p1 = s[3 + 2 * col];
    ds[2 + 2 * col] = j00 * p0 + j01 * p1;
    ds[3 + 2 * col] = j10 * p0 + j11 * p1;
  }
}

void rk4(const Mat2& a, double* s, double h) {
  double k1[6], k2[6], k3[6], k4[6], t[6];
  flow(a, s, k1);
  for (int i = 0; i < 6; ++i) t[i] = s[i] + 0.5 * h * k1[i];
  flow(a, t, k2);
  for (int i = 0; i < 6; ++i) t[i] = s[i] + 0.5 * h * k2[i];
  flow(a, t, k3);
  for (int i = 0; i < 6; ++i) t[i] = s[i] + h * k3[i];
  flow(a, t, k4);
  for (int i = 0; i < 6; ++i) s[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
}

// Integrates from (x, y) for time `duration` in `steps` RK4 steps with the variational equation;
// returns the phase advanced (unwrapped), leaves the end state and monodromy in s.
double integrate(const Mat2& a, double x, double y, double duration, int steps, double* s,
                 double* radius_mean) {
  s[0] = x, s[1] = y, s[2] = 1, s[3] = 0, s[4] = 0, s[5] = 1;
  const double h = duration / steps;
  double advanced = 0, radius_sum = 0;
  for (int k = 0; k < steps; ++k) {
    const double px = s[0], py = s[1];
    rk4(a, s, h);
    advanced += phase::advance(px, py, s[0], s[1]);
    radius_sum += std::sqrt(s[0] * s[0] + s[1] * s[1]);
  }
  if (radius_mean) *radius_mean = radius_sum / steps;
  return advanced;
}

}  // namespace

FloquetResult stuart_landau_floquet(const Mat2& a) {
  FloquetResult out;
  out.period = out.multiplier[0] = out.multiplier[1] = out.amplitude = kNaN;
  // The rotation rate and growth rate A suggests, for step sizes and the settling time.
  const double rotation = std::fabs(a.c - a.b) / 2;
  const double growth = (a.a + a.d) / 2;
  if (!(rotation > 0) || !(growth > 0)) return out;
  const double guess_period = phase::kTwoPi / rotation;
  double s[6];
  // Settle for 40 / (2 mu) (the cycle attracts at rate 2 mu), at least 5 turns.
  const double settle = std::fmax(20 / growth, 5 * guess_period);
  const int settle_steps = static_cast<int>(std::fmin(2e6, 400 * settle / guess_period));
  integrate(a, std::sqrt(growth), 0, settle, settle_steps, s, nullptr);
  const double x0 = s[0], y0 = s[1];
  // The period: the time at which the phase has advanced by exactly one turn (secant on T).
  const int steps = 4000;
  double period = guess_period;
  double turned = integrate(a, x0, y0, period, steps, s, nullptr);
  if (!(std::fabs(turned) > 0.5)) return out;
  const double direction = turned > 0 ? 1 : -1;
  for (int i = 0; i < 8; ++i) {
    period *= phase::kTwoPi / (direction * turned);
    turned = integrate(a, x0, y0, period, steps, s, nullptr);
    if (std::fabs(direction * turned - phase::kTwoPi) < 1e-13) break;
  }
  double radius_mean = 0;
  integrate(a, x0, y0, period, steps, s, &radius_mean);
  const double trace = s[2] + s[5], det = s[2] * s[5] - s[4] * s[3];
  const double disc = trace * trace - 4 * det;
  if (disc < 0) return out;
  double m1 = 0.5 * (trace + std::sqrt(disc)), m2 = 0.5 * (trace - std::sqrt(disc));
  if (std::fabs(m2 - 1) < std::fabs(m1 - 1)) std::swap(m1, m2);
  out.period = period;
  out.multiplier[0] = m1;
  out.multiplier[1] = m2;
  out.amplitude = radius_mean;
  return out;
}

const std::vector<ParamSpec>& StuartLandau::param_specs() {
  static const std::vector<ParamSpec> specs = with_start_point(
      {
          {"mu", 0.05, 5, 1, false, "1/s",
           "Growth rate at the origin; the cycle's radius is sqrt(mu)."},
          {"omega", 0.1, 100, 6.283185307179586, false, "rad/s", "Angular frequency of the cycle."},
          {"dt", 1e-5, 0.01, 0.001, false, "s", "Euler step; at most 0.1 / max(mu, omega)."},
      },
      3, 0.1);
  return specs;
}

const ParamSpec& StuartLandau::epsilon_spec() {
  static const ParamSpec spec = epsilon_spec_for("A");
  return spec;
}

StuartLandau::StuartLandau(const ParamValues& params)
    : PlanarSystem(param_specs(), params, kContext) {
  dt_ = params_.at("dt");
  const double mu = params_.at("mu"), omega = params_.at("omega");
  const double limit = 0.1 / std::fmax(mu, omega);
  if (dt_ > limit) {
    throw InvalidArgument(
        std::string(kContext) + ": dt = " + format_number(dt_) +
        " s is too large for mu = " + format_number(mu) + " and omega = " + format_number(omega) +
        "; dt must be at most 0.1 / max(mu, omega) = " + format_number(limit) + " s");
  }
  set_tuned_weights({mu, -omega, omega, mu});
  floquet_ = stuart_landau_floquet(w_);
}

void StuartLandau::perturb(double epsilon, std::uint64_t seed) {
  perturb_weights(epsilon_spec(), epsilon, seed);
  floquet_ = stuart_landau_floquet(w_);
}

void StuartLandau::step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const {
  const double r2 = x[0] * x[0] + x[1] * x[1];
  next.resize(2);
  next[0] = x[0] + dt_ * ((w_.a * x[0] + w_.b * x[1]) - r2 * x[0]);
  next[1] = x[1] + dt_ * ((w_.c * x[0] + w_.d * x[1]) - r2 * x[1]);
}

void StuartLandau::step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const {
  const double r2 = x[0] * x[0] + x[1] * x[1];
  jacobian.resize(2, 2);
  jacobian << 1 + dt_ * (w_.a - r2 - 2 * x[0] * x[0]), dt_ * (w_.b - 2 * x[0] * x[1]),
      dt_ * (w_.c - 2 * x[0] * x[1]), 1 + dt_ * (w_.d - r2 - 2 * x[1] * x[1]);
}

void StuartLandau::run(int steps) {
  start_run(steps);
  double x = state_[0], y = state_[1], advanced = 0, radius_sum = 0;
  for (int s = 0; s < steps; ++s) {
    const double r2 = x * x + y * y;
    const double nx = x + dt_ * ((w_.a * x + w_.b * y) - r2 * x);
    const double ny = y + dt_ * ((w_.c * x + w_.d * y) - r2 * y);
    advanced += phase::advance(x, y, nx, ny);
    x = nx, y = ny;
    radius_sum += std::sqrt(x * x + y * y);
    record_step(s, x, y);
  }
  finish_run(steps, x, y);
  if (steps > 0) {
    measured_ = true;
    amplitude_ = radius_sum / steps;
    frequency_ = advanced / (steps * dt_);
  }
}

Measures StuartLandau::measures() const {
  return measures_with("time_s", static_cast<double>(steps_) * dt_,
                       {
                           {"frequency_rad_per_s", measured_ ? frequency_ : kNaN},
                           {"period_s", floquet_.period},
                           {"floquet_multiplier_1", floquet_.multiplier[0]},
                           {"floquet_multiplier_2", floquet_.multiplier[1]},
                       });
}

}  // namespace attractor
