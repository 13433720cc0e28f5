#include "attractor/phase.hpp"

#include <cmath>

#include "attractor/detmath.hpp"

namespace attractor::phase {
double angle(double y, double x) {
  if (x == 0.0 && y == 0.0) return 0.0;
  const double a = det::atan2(y, x);
  return a == -kPi ? kPi : a;  // (-pi, pi]
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
