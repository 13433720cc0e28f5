#include "attractor/ring_math.hpp"

#include <cmath>

namespace attractor::ring_math {

constexpr double kPi = 3.1415926535897931160e+00;

double wrap_pi(double angle) {
  constexpr double kTwoPi = 2 * kPi;
  double wrapped = std::fmod(angle + kPi, kTwoPi);  // fmod is exact, hence deterministic
  if (wrapped < 0) wrapped += kTwoPi;
  return wrapped - kPi;
}

double wrap_360(double degrees) {
  double wrapped = std::fmod(degrees, 360.0);
  if (wrapped < 0) wrapped += 360.0;
  if (wrapped >= 360.0) wrapped -= 360.0;  // -tiny + 360 rounds to 360
  return wrapped;
}

}  // namespace attractor::ring_math
