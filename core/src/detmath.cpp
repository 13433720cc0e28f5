// Ports of fdlibm 5.3 e_log.c and e_exp.c (Copyright (C) 1993 by Sun Microsystems, Inc.
// "Permission to use, copy, modify, and distribute this software is freely granted, provided
// that this notice is preserved.").
#include "attractor/detmath.hpp"

#include <cstdint>
#include <cstring>
#include <limits>

namespace attractor::det {
namespace {

std::uint32_t high_word(double x) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &x, sizeof bits);
  return static_cast<std::uint32_t>(bits >> 32u);
}

std::uint32_t low_word(double x) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &x, sizeof bits);
  return static_cast<std::uint32_t>(bits);
}

double with_high_word(double x, std::uint32_t high) {
  std::uint64_t bits = 0;
  std::memcpy(&bits, &x, sizeof bits);
  bits = (static_cast<std::uint64_t>(high) << 32u) | (bits & 0xffffffffULL);
  std::memcpy(&x, &bits, sizeof bits);
  return x;
}

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 0x3fe62e42 fee00000
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // 0x3dea39ef 35793c76

}  // namespace

double log(double x) {
  constexpr double two54 = 1.80143985094819840000e+16;
  constexpr double lg1 = 6.666666666666735130e-01;
  constexpr double lg2 = 3.999999999940941908e-01;
  constexpr double lg3 = 2.857142874366239149e-01;
  constexpr double lg4 = 2.222219843214978396e-01;
  constexpr double lg5 = 1.818357216161805012e-01;
  constexpr double lg6 = 1.531383769920937332e-01;
  constexpr double lg7 = 1.479819860511658591e-01;

  auto hx = static_cast<std::int32_t>(high_word(x));
  const std::uint32_t lx = low_word(x);
  std::int32_t k = 0;
  if (hx < 0x00100000) {  // x < 2^-1022: zero, negative or subnormal
    if (((hx & 0x7fffffff) | static_cast<std::int32_t>(lx)) == 0) {
      return -std::numeric_limits<double>::infinity();
    }
    if (hx < 0) return std::numeric_limits<double>::quiet_NaN();
    k -= 54;
    x *= two54;
    hx = static_cast<std::int32_t>(high_word(x));
  }
  if (hx >= 0x7ff00000) return x + x;  // inf or NaN
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  std::int32_t i = (hx + 0x95f64) & 0x100000;
  x = with_high_word(
      x, static_cast<std::uint32_t>(hx | (i ^ 0x3ff00000)));  // x or x/2 in [sqrt2/2, sqrt2)
  k += (i >> 20);
  const double f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {  // |f| < 2^-20
    if (f == 0.0) {
      if (k == 0) return 0.0;
      const double dk = k;
      return dk * kLn2Hi + dk * kLn2Lo;
    }
    const double r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - r;
    const double dk = k;
    return dk * kLn2Hi - ((r - dk * kLn2Lo) - f);
  }
  const double s = f / (2.0 + f);
  const double dk = k;
  const double z = s * s;
  i = hx - 0x6147a;
  const double w = z * z;
  const std::int32_t j = 0x6b851 - hx;
  const double t1 = w * (lg2 + w * (lg4 + w * lg6));
  const double t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
  i |= j;
  const double r = t2 + t1;
  if (i > 0) {
    const double hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + r));
    return dk * kLn2Hi - ((hfsq - (s * (hfsq + r) + dk * kLn2Lo)) - f);
  }
  if (k == 0) return f - s * (f - r);
  return dk * kLn2Hi - ((s * (f - r) - dk * kLn2Lo) - f);
}

double exp(double x) {
  constexpr double overflow_threshold = 7.09782712893383973096e+02;
  constexpr double underflow_threshold = -7.45133219101941108420e+02;
  constexpr double inv_ln2 = 1.44269504088896338700e+00;
  constexpr double two_m1000 = 9.33263618503218878990e-302;
  constexpr double p1 = 1.66666666666666019037e-01;
  constexpr double p2 = -2.77777777770155933842e-03;
  constexpr double p3 = 6.61375632143793436117e-05;
  constexpr double p4 = -1.65339022054652515390e-06;
  constexpr double p5 = 4.13813679705723846039e-08;

  std::uint32_t hx = high_word(x);
  const std::int32_t sign = static_cast<std::int32_t>(hx >> 31u);
  hx &= 0x7fffffffu;

  if (hx >= 0x40862E42u) {  // |x| >= 709.78...
    if (hx >= 0x7ff00000u) {
      if (((hx & 0xfffffu) | low_word(x)) != 0) return x + x;  // NaN
      return sign == 0 ? x : 0.0;                              // exp(+-inf) = inf, 0
    }
    if (x > overflow_threshold) return std::numeric_limits<double>::infinity();
    if (x < underflow_threshold) return 0.0;
  }

  double hi = 0.0;
  double lo = 0.0;
  std::int32_t k = 0;
  if (hx > 0x3fd62e42u) {    // |x| > 0.5 ln2
    if (hx < 0x3FF0A2B2u) {  // and |x| < 1.5 ln2
      hi = sign == 0 ? x - kLn2Hi : x + kLn2Hi;
      lo = sign == 0 ? kLn2Lo : -kLn2Lo;
      k = 1 - sign - sign;
    } else {
      k = static_cast<std::int32_t>(inv_ln2 * x + (sign == 0 ? 0.5 : -0.5));
      const double t = k;
      hi = x - t * kLn2Hi;  // t * kLn2Hi is exact here
      lo = t * kLn2Lo;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000u) {  // |x| < 2^-28
    return 1.0 + x;
  }

  const double t = x * x;
  const double c = x - t * (p1 + t * (p2 + t * (p3 + t * (p4 + t * p5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const double y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    return with_high_word(y, high_word(y) + (static_cast<std::uint32_t>(k) << 20u));
  }
  return with_high_word(y, high_word(y) + (static_cast<std::uint32_t>(k + 1000) << 20u)) *
         two_m1000;
}

}  // namespace attractor::det
