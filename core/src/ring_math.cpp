// Port of fdlibm 5.3 e_atan2.c and s_atan.c (Copyright (C) 1993 by Sun Microsystems, Inc.
// "Permission to use, copy, modify, and distribute this software is freely granted, provided
// that this notice is preserved.").
#include "attractor/ring_math.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

namespace attractor::ring_math {
namespace {

constexpr double kPi = 3.1415926535897931160e+00;
constexpr double kPiLo = 1.2246467991473531772e-16;
constexpr double kPiOver2 = 1.5707963267948965580e+00;
constexpr double kPiOver4 = 7.8539816339744827900e-01;

std::uint32_t high_word(double x) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &x, sizeof bits);
  return static_cast<std::uint32_t>(bits >> 32u);
}

// fdlibm atan for finite x >= 0 (atan2 only calls it on |y / x|).
double atan_nonnegative(double x) {
  constexpr double atan_hi[] = {4.63647609000806093515e-01, 7.85398163397448278999e-01,
                                9.82793723247329054082e-01, 1.57079632679489655800e+00};
  constexpr double atan_lo[] = {2.26987774529616870924e-17, 3.06161699786838301793e-17,
                                1.39033110312309984516e-17, 6.12323399573676603587e-17};
  constexpr double a[] = {
      3.33333333333329318027e-01,  -1.99999999998764832476e-01, 1.42857142725034663711e-01,
      -1.11111104054623557880e-01, 9.09088713343650656196e-02,  -7.69187620504482999495e-02,
      6.66107313738753120669e-02,  -5.83357013379057348645e-02, 4.97687799461593236017e-02,
      -3.65315727442169155270e-02, 1.62858201153657823623e-02};
  const std::uint32_t ix = high_word(x) & 0x7fffffffu;
  if (ix >= 0x44100000u) return atan_hi[3] + atan_lo[3];  // x >= 2^66
  int id = -1;
  if (ix < 0x3fdc0000u) {            // x < 0.4375
    if (ix < 0x3e200000u) return x;  // x < 2^-29
  } else if (ix < 0x3ff30000u) {     // x < 1.1875
    if (ix < 0x3fe60000u) {          // 7/16 <= x < 11/16
      id = 0;
      x = (2.0 * x - 1.0) / (2.0 + x);
    } else {  // 11/16 <= x < 19/16
      id = 1;
      x = (x - 1.0) / (x + 1.0);
    }
  } else if (ix < 0x40038000u) {  // x < 2.4375
    id = 2;
    x = (x - 1.5) / (1.0 + 1.5 * x);
  } else {  // 2.4375 <= x < 2^66
    id = 3;
    x = -1.0 / x;
  }
  const double z = x * x;
  const double w = z * z;
  const double s1 = z * (a[0] + w * (a[2] + w * (a[4] + w * (a[6] + w * (a[8] + w * a[10])))));
  const double s2 = w * (a[1] + w * (a[3] + w * (a[5] + w * (a[7] + w * a[9]))));
  if (id < 0) return x - x * (s1 + s2);
  return atan_hi[id] - ((x * (s1 + s2) - atan_lo[id]) - x);
}

}  // namespace

double atan2(double y, double x) {
  if (std::isnan(x) || std::isnan(y)) return x + y;
  const bool y_negative = std::signbit(y);
  const bool x_negative = std::signbit(x);
  if (y == 0.0) {
    if (!x_negative) return y;
    return y_negative ? -kPi : kPi;
  }
  if (x == 0.0) return y_negative ? -kPiOver2 : kPiOver2;
  if (std::isinf(x)) {
    if (std::isinf(y)) {
      const double z = x_negative ? 3.0 * kPiOver4 : kPiOver4;
      return y_negative ? -z : z;
    }
    if (!x_negative) return y_negative ? -0.0 : 0.0;
    return y_negative ? -kPi : kPi;
  }
  if (std::isinf(y)) return y_negative ? -kPiOver2 : kPiOver2;
  // Exponent difference, as fdlibm: shortcuts for quotients beyond 2^60.
  const int k = static_cast<int>((high_word(y) & 0x7fffffffu) >> 20u) -
                static_cast<int>((high_word(x) & 0x7fffffffu) >> 20u);
  double z = 0.0;
  if (k > 60) {
    z = kPiOver2 + 0.5 * kPiLo;
  } else if (x_negative && k < -60) {
    z = 0.0;
  } else {
    z = atan_nonnegative(std::fabs(y / x));
  }
  if (!x_negative) return y_negative ? -z : z;
  return y_negative ? (z - kPiLo) - kPi : kPi - (z - kPiLo);
}

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
