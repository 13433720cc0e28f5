#include "attractor/tanh_map.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "attractor/detmath.hpp"
#include "attractor/phase.hpp"

namespace attractor {
namespace {

const char* const kContext = "tanh map";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kLn2 = 0.69314718055994530942;

// Moduli of the eigenvalues of [[a, b], [c, d]] from its trace a + d and its determinant,
// largest first. `det` is passed in: for a product of Jacobians along an orbit, a * d - b * c
// cancels to noise (or to exactly 0) when the product is nearly rank one, while the product of
// the factors' determinants stays accurate.
void eigen_moduli(double a, double d, double det, double out[2]) {
  const double trace = a + d;
  const double disc = trace * trace - 4 * det;
  if (disc >= 0) {
    const double root = std::sqrt(disc);
    const double big = 0.5 * (trace >= 0 ? trace + root : trace - root);
    out[0] = std::fabs(big);
    out[1] = big != 0 ? std::fabs(det / big) : 0.0;
  } else {
    out[0] = out[1] = std::sqrt(std::fabs(det));
  }
  if (out[1] > out[0]) std::swap(out[0], out[1]);
}

// The rotation per step that W itself suggests: the argument of its complex eigenvalue, or 0 / pi
// for real ones. Phase advances are unwrapped around it, so rotations near a half turn are not
// torn apart by the branch cut at +-pi.
double reference_rotation(const Mat2& w) {
  const double trace = w.a + w.d;
  const double disc = (w.a - w.d) * (w.a - w.d) + 4 * w.b * w.c;
  if (disc < 0) {
    const double angle = phase::angle(std::sqrt(-disc), trace);
    return w.c - w.b >= 0 ? angle : -angle;
  }
  return trace >= 0 ? 0.0 : phase::kPi;
}

// A running product kept as mantissa and binary exponent: its log is exact up to one det::log at
// the end, with no log per step.
struct LogProduct {
  double mantissa = 1.0;
  long exponent = 0;
  void multiply(double factor) {
    int e = 0;
    mantissa = std::frexp(mantissa * factor, &e);
    exponent += e;
  }
  double log() const { return det::log(mantissa) + static_cast<double>(exponent) * kLn2; }
};

// Steps h <- tanh(W h) keeping what the Lyapunov exponents and the rotation number need: the
// stretch of a tangent vector, the change of area, and the phase advanced, unwrapped around the
// rotation W itself suggests. Shared by the classifier's window and TanhMap::run.
class TangentOrbit {
 public:
  explicit TangentOrbit(const Mat2& w)
      : w_(w), reference_(reference_rotation(w)), det_w_(std::fabs(w.a * w.d - w.b * w.c)) {}

  void step(double& x, double& y) {
    const double nx = det::tanh(w_.a * x + w_.b * y);
    const double ny = det::tanh(w_.c * x + w_.d * y);
    const double sx = 1 - nx * nx, sy = 1 - ny * ny;
    const double tx = sx * (w_.a * vx_ + w_.b * vy_);
    const double ty = sy * (w_.c * vx_ + w_.d * vy_);
    const double norm = std::sqrt(tx * tx + ty * ty);
    if (norm > 0) {
      stretch_.multiply(norm);
      vx_ = tx / norm, vy_ = ty / norm;
    }
    volume_.multiply(det_w_ * sx * sy);
    advance_sum_ += reference_ + phase::wrap(phase::advance(x, y, nx, ny) - reference_);
    x = nx, y = ny;
  }

  // Over `steps` steps: mean rotation per step / 2 pi, and the two Lyapunov exponents per step.
  double rotation_number(int steps) const { return advance_sum_ / (phase::kTwoPi * steps); }
  void lyapunov(int steps, double out[2]) const {
    out[0] = stretch_.log() / steps;
    out[1] = volume_.log() / steps - out[0];
  }

 private:
  const Mat2& w_;
  double reference_, det_w_;
  double vx_ = 1, vy_ = 0;  // tangent vector for the largest Lyapunov exponent
  double advance_sum_ = 0;
  LogProduct stretch_, volume_;
};

}  // namespace

const char* attractor_kind_name(AttractorKind kind) {
  switch (kind) {
    case AttractorKind::kFixedPoint:
      return "fixed point";
    case AttractorKind::kPeriodic:
      return "periodic";
    case AttractorKind::kInvariantCircle:
      return "invariant circle";
    default:
      return "other";
  }
}

double tanh_map_diagonal_start(double alpha) {
  if (alpha <= 1) return 0.0;
  // Newton on g(x) = tanh(alpha x) - x from x = 1, where g < 0 and g is concave for x > 0.
  double x = 1.0;
  for (int i = 0; i < 100; ++i) {
    const double t = det::tanh(alpha * x);
    const double next = x - (t - x) / (alpha * (1 - t * t) - 1);
    if (std::fabs(next - x) <= 1e-16 * x) return next;
    x = next;
  }
  return x;
}

TanhMapClassifier::TanhMapClassifier(const ClassifierOptions& options)
    : options_(options),
      xs_(options.window + 1),
      ys_(options.window + 1),
      angles_(options.window + 1),
      order_(options.window),
      closest_(options.max_period + 1),
      closest_at_(options.max_period + 1),
      ring_x_(options.max_period + 1),
      ring_y_(options.max_period + 1) {}

bool TanhMapClassifier::newton_periodic(const Mat2& w, int k, double& x, double& y,
                                        double multiplier[2]) const {
  double px = x, py = y;
  const double w_det = w.a * w.d - w.b * w.c;
  double best = INFINITY;
  int best_at = 0;
  for (int iteration = 0; iteration < 60 && iteration - best_at <= 8; ++iteration) {
    // F^k(p) and the product of the Jacobians along the way.
    double qx = px, qy = py;
    double m00 = 1, m01 = 0, m10 = 0, m11 = 1, m_det = 1;
    for (int s = 0; s < k; ++s) {
      const double nx = det::tanh(w.a * qx + w.b * qy);
      const double ny = det::tanh(w.c * qx + w.d * qy);
      const double sx = 1 - nx * nx, sy = 1 - ny * ny;
      const double j00 = sx * w.a, j01 = sx * w.b, j10 = sy * w.c, j11 = sy * w.d;
      const double t00 = j00 * m00 + j01 * m10, t01 = j00 * m01 + j01 * m11;
      const double t10 = j10 * m00 + j11 * m10, t11 = j10 * m01 + j11 * m11;
      m00 = t00, m01 = t01, m10 = t10, m11 = t11;
      m_det *= (sx * sy) * w_det;
      qx = nx, qy = ny;
    }
    const double gx = qx - px, gy = qy - py;
    const double residual = std::fmax(std::fabs(gx), std::fabs(gy));
    if (residual < best) best = residual, best_at = iteration;  // no progress for long: no root
    if (residual <= 1e-13) {
      eigen_moduli(m00, m11, m_det, multiplier);
      const bool away = std::sqrt(px * px + py * py) > 1e-6;
      if (!away && !(multiplier[0] < 1)) return false;  // the unstable origin, not a tongue
      x = px, y = py;
      return true;
    }
    const double a00 = m00 - 1, a11 = m11 - 1;
    const double det = a00 * a11 - m01 * m10;
    if (!(std::fabs(det) > 0)) return false;
    px += (-gx * a11 + gy * m01) / det;
    py += (gx * m10 - gy * a00) / det;
    if (!(std::fabs(px) < 2 && std::fabs(py) < 2)) return false;  // tanh keeps orbits in (-1, 1)
  }
  return false;
}

Classification TanhMapClassifier::classify(const Mat2& w, double x0, double y0) {
  Classification out;
  double x = x0, y = y0;
  // Stop the transient early once the orbit repeats to 1e-13 with some period k: locked cells,
  // most of the plane for large alpha, then cost little. Checked every 8 steps against a ring of
  // the last max_period states.
  const int ring = options_.max_period + 1;
  int window = options_.window;
  for (int t = 0; t < options_.transient; ++t) {
    const double nx = det::tanh(w.a * x + w.b * y);
    const double ny = det::tanh(w.c * x + w.d * y);
    x = nx, y = ny;
    ring_x_[t % ring] = x, ring_y_[t % ring] = y;
    if (t % 8 == 7 && t >= ring) {
      int settled = 0;
      for (int k = 1; k < ring && settled == 0; ++k) {
        const int back = (t - k) % ring;
        if (std::fmax(std::fabs(x - ring_x_[back]), std::fabs(y - ring_y_[back])) <= 1e-13) {
          settled = k;
        }
      }
      if (settled > 0) {
        // A whole number of periods, at least two and 32 steps, keeps the rotation number exact.
        window = std::min(window, settled * std::max(2, (32 + settled - 1) / settled));
        break;
      }
    }
  }

  TangentOrbit orbit(w);
  xs_[0] = x, ys_[0] = y;
  double radius_sum = 0, min_radius = INFINITY;
  for (int t = 0; t < window; ++t) {
    orbit.step(x, y);
    xs_[t + 1] = x, ys_[t + 1] = y;
    const double r = std::sqrt(x * x + y * y);
    radius_sum += r;
    min_radius = std::fmin(min_radius, r);
  }
  out.x = x, out.y = y;
  out.rotation_number = orbit.rotation_number(window);
  out.mean_radius = radius_sum / window;
  out.min_radius = min_radius;
  orbit.lyapunov(window, out.lyapunov);
  out.multiplier[0] = out.multiplier[1] = kNaN;

  auto set_periodic = [&](int k) {
    out.kind = k == 1 ? AttractorKind::kFixedPoint : AttractorKind::kPeriodic;
    out.period = k;
  };
  // On a periodic orbit the exponents are exactly log(multiplier) / period.
  // A multiplier can underflow to 0 on a strongly contracting orbit (alpha = 10: a period-k
  // product of slopes near 1e-12); its logarithm would be -inf. Then the exponent comes from the
  // window's sum of both exponents, which is accumulated in log space.
  auto exponents_from_multipliers = [&](int k) {
    if (std::isnan(out.multiplier[0])) return;
    const double sum = out.lyapunov[0] + out.lyapunov[1];
    if (out.multiplier[0] > 0) out.lyapunov[0] = det::log(out.multiplier[0]) / k;
    out.lyapunov[1] =
        out.multiplier[1] > 0 ? det::log(out.multiplier[1]) / k : sum - out.lyapunov[0];
  };
  // Returns within the tolerance at every point of the window: period k.
  const int max_period = std::min(options_.max_period, window / 2);
  std::vector<double>& closest = closest_;
  std::vector<int>& closest_at = closest_at_;
  std::fill(closest.begin(), closest.end(), INFINITY);
  for (int k = 1; k <= max_period; ++k) {
    double worst = 0;
    for (int t = 0; t + k <= window; ++t) {
      const double d = std::fmax(std::fabs(xs_[t + k] - xs_[t]), std::fabs(ys_[t + k] - ys_[t]));
      worst = std::fmax(worst, d);
      if (d < closest[k]) closest[k] = d, closest_at[k] = t;
    }
    if (worst <= options_.tolerance) {
      set_periodic(k);
      double px = xs_[closest_at[k]], py = ys_[closest_at[k]];
      if (newton_periodic(w, k, px, py, out.multiplier)) out.x = px, out.y = py;
      exponents_from_multipliers(k);
      return out;
    }
  }
  // Not settled, but maybe slowly approaching (or leaving) a periodic orbit: Newton decides.
  for (int k = 1; k <= max_period; ++k) {
    if (closest[k] > 1e-2) continue;
    // A divisor that came close already stood for this orbit.
    bool covered = false;
    for (int j = 1; j < k && !covered; ++j) covered = k % j == 0 && closest[j] <= 1e-2;
    if (covered) continue;
    double px = xs_[closest_at[k]], py = ys_[closest_at[k]];
    if (newton_periodic(w, k, px, py, out.multiplier)) {
      set_periodic(k);
      exponents_from_multipliers(k);
      return out;
    }
  }
  if (min_radius > 1e-6) {
    // A circle homeomorphism keeps the cyclic order of points: sort the window by angle and check
    // that the images come in the same cyclic order (one wrap-around at most).
    for (int t = 0; t <= window; ++t) angles_[t] = phase::angle(ys_[t], xs_[t]);
    for (int t = 0; t < window; ++t) order_[t] = t;
    std::sort(order_.begin(), order_.begin() + window, [&](int i, int j) {
      return angles_[i] < angles_[j] || (angles_[i] == angles_[j] && i < j);
    });
    int descents = 0;
    for (int j = 0; j < window; ++j) {
      const double here = angles_[order_[j] + 1];
      const double next = angles_[order_[(j + 1) % window] + 1];
      if (next < here) ++descents;
    }
    if (descents <= 1) {
      out.kind = AttractorKind::kInvariantCircle;
      return out;
    }
  }
  out.kind = AttractorKind::kOther;
  return out;
}

// ---------------------------------------------------------------------------------------------

const std::vector<ParamSpec>& TanhMap::param_specs() {
  static const std::vector<ParamSpec> specs = with_start_point(
      {
          {"alpha", 0.1, 10, 1.5, false, "",
           "Gain of W = alpha R(theta); above 1 the origin is "
           "unstable and an invariant circle appears."},
          {"theta", -phase::kPi, phase::kPi, 1.0, false, "rad", "Rotation angle of W."},
      },
      1, 0.5);
  return specs;
}

const ParamSpec& TanhMap::epsilon_spec() {
  static const ParamSpec spec = epsilon_spec_for("W");
  return spec;
}

TanhMap::TanhMap(const ParamValues& params) : PlanarSystem(param_specs(), params, kContext) {
  set_tuned_weights(Mat2::scaled_rotation(params_.at("alpha"), params_.at("theta")));
}

void TanhMap::perturb(double epsilon, std::uint64_t seed) {
  perturb_weights(epsilon_spec(), epsilon, seed);
}

void TanhMap::run(int steps) {
  start_run(steps);
  TangentOrbit orbit(w_);
  double x = state_[0], y = state_[1], radius_sum = 0;
  for (int s = 0; s < steps; ++s) {
    orbit.step(x, y);
    radius_sum += std::sqrt(x * x + y * y);
    record_step(s, x, y);
  }
  finish_run(steps, x, y);
  measured_ = steps > 0;
  if (measured_) {
    amplitude_ = radius_sum / steps;
    rotation_number_ = orbit.rotation_number(steps);
    orbit.lyapunov(steps, lyapunov_);
  }
}

Classification TanhMap::classify() const {
  TanhMapClassifier classifier;
  return classifier.classify(w_, state_[0], state_[1]);
}

Measures TanhMap::measures() const {
  const Classification c = classify();
  return measures_with(
      "time_steps", static_cast<double>(steps_),
      {
          {"rotation_number", measured_ ? rotation_number_ : kNaN},
          {"frequency_rad_per_step", measured_ ? phase::kTwoPi * rotation_number_ : kNaN},
          {"lyapunov_1", measured_ ? lyapunov_[0] : kNaN},
          {"lyapunov_2", measured_ ? lyapunov_[1] : kNaN},
          {"attractor_kind", static_cast<double>(static_cast<int>(c.kind))},
          {"period", c.period > 0 ? static_cast<double>(c.period) : kNaN},
          {"attractor_rotation_number", c.rotation_number},
          {"floquet_multiplier_1", c.multiplier[0]},
          {"floquet_multiplier_2", c.multiplier[1]},
      });
}

void TanhMap::step(const Eigen::VectorXd& x, Eigen::VectorXd& next) const {
  next.resize(2);
  next[0] = det::tanh(w_.a * x[0] + w_.b * x[1]);
  next[1] = det::tanh(w_.c * x[0] + w_.d * x[1]);
}

void TanhMap::step_jacobian(const Eigen::VectorXd& x, Eigen::MatrixXd& jacobian) const {
  Eigen::VectorXd next;
  step(x, next);
  const double sx = 1 - next[0] * next[0], sy = 1 - next[1] * next[1];
  jacobian.resize(2, 2);
  jacobian << sx * w_.a, sx * w_.b, sy * w_.c, sy * w_.d;
}

Measures classification_measures(const Classification& c) {
  return {{"kind", static_cast<double>(static_cast<int>(c.kind))},
          {"period", static_cast<double>(c.period)},
          {"rotation_number", c.rotation_number},
          {"mean_radius", c.mean_radius},
          {"lyapunov_1", c.lyapunov[0]},
          {"lyapunov_2", c.lyapunov[1]},
          {"multiplier_1", c.multiplier[0]},
          {"multiplier_2", c.multiplier[1]}};
}

}  // namespace attractor
