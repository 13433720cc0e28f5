#include "attractor/phase.hpp"

#include <cmath>

namespace attractor::phase {
namespace {

// atan(t) for 0 <= t <= 1. Two half-angle reductions, t -> t / (1 + sqrt(1 + t^2)), bring t
// below tan(pi/16) ~ 0.2, where 14 terms of the alternating series reach full precision.
double atan_unit(double t) {
  for (int i = 0; i < 2; ++i) t = t / (1.0 + std::sqrt(1.0 + t * t));
  const double t2 = t * t;
  double sum = 0.0;
  for (int k = 13; k >= 0; --k) {
    const double term = 1.0 / (2 * k + 1);
    sum = (k % 2 == 0 ? term : -term) + t2 * sum;
  }
  return 4.0 * (t * sum);
}

}  // namespace

double angle(double y, double x) {
  const double ax = std::fabs(x);
  const double ay = std::fabs(y);
  if (ax == 0.0 && ay == 0.0) return 0.0;
  double a = ay > ax ? kPi / 2 - atan_unit(ax / ay) : atan_unit(ay / ax);
  if (x < 0) a = kPi - a;
  return y < 0 ? -a : a;
}

double wrap(double a) {
  if (a > kPi || a <= -kPi) {
    a = a - kTwoPi * std::floor((a + kPi) / kTwoPi);
    if (a <= -kPi) a += kTwoPi;
    if (a > kPi) a -= kTwoPi;
  }
  return a;
}

}  // namespace attractor::phase
