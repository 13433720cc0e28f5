// Ports of fdlibm 5.3 e_log.c, e_exp.c, s_expm1.c, s_tanh.c, k_sin.c, k_cos.c and the
// medium-size case of e_rem_pio2.c, and e_atan2.c with s_atan.c (Copyright (C) 1993 by Sun
// Microsystems, Inc. "Permission to use, copy, modify, and distribute this software is freely
// granted, provided that this notice is preserved.").
#include "attractor/detmath.hpp"

#include <cmath>
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

double from_words(std::uint32_t high, std::uint32_t low) {
  const std::uint64_t bits = (static_cast<std::uint64_t>(high) << 32u) | low;
  double x = 0.0;
  std::memcpy(&x, &bits, sizeof bits);
  return x;
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

double expm1(double x) {
  constexpr double overflow_threshold = 7.09782712893383973096e+02;
  constexpr double inv_ln2 = 1.44269504088896338700e+00;
  constexpr double q1 = -3.33333333333331316428e-02;
  constexpr double q2 = 1.58730158725481460165e-03;
  constexpr double q3 = -7.93650757867487942473e-05;
  constexpr double q4 = 4.00821782732936239552e-06;
  constexpr double q5 = -2.01099218183624371326e-07;

  std::uint32_t hx = high_word(x);
  const bool negative = (hx & 0x80000000u) != 0;
  hx &= 0x7fffffffu;

  if (hx >= 0x4043687Au) {  // |x| >= 56 ln2
    if (hx >= 0x40862E42u) {
      if (hx >= 0x7ff00000u) {
        if (((hx & 0xfffffu) | low_word(x)) != 0) return x + x;  // NaN
        return negative ? -1.0 : x;
      }
      if (x > overflow_threshold) return std::numeric_limits<double>::infinity();
    }
    if (negative) return -1.0;
  }

  double hi = 0.0;
  double lo = 0.0;
  double c = 0.0;
  std::int32_t k = 0;
  if (hx > 0x3fd62e42u) {    // |x| > 0.5 ln2
    if (hx < 0x3FF0A2B2u) {  // and |x| < 1.5 ln2
      if (!negative) {
        hi = x - kLn2Hi;
        lo = kLn2Lo;
        k = 1;
      } else {
        hi = x + kLn2Hi;
        lo = -kLn2Lo;
        k = -1;
      }
    } else {
      k = static_cast<std::int32_t>(inv_ln2 * x + (negative ? -0.5 : 0.5));
      const double t = k;
      hi = x - t * kLn2Hi;  // t * kLn2Hi is exact here
      lo = t * kLn2Lo;
    }
    x = hi - lo;
    c = (hi - x) - lo;
  } else if (hx < 0x3c900000u) {  // |x| < 2^-54
    return x;
  }

  const double hfx = 0.5 * x;
  const double hxs = x * hfx;
  const double r1 = 1.0 + hxs * (q1 + hxs * (q2 + hxs * (q3 + hxs * (q4 + hxs * q5))));
  double t = 3.0 - r1 * hfx;
  double e = hxs * ((r1 - t) / (6.0 - x * t));
  if (k == 0) return x - (x * e - hxs);
  e = (x * (e - c) - c);
  e -= hxs;
  if (k == -1) return 0.5 * (x - e) - 0.5;
  if (k == 1) {
    if (x < -0.25) return -2.0 * (e - (x + 0.5));
    return 1.0 + 2.0 * (x - e);
  }
  const auto shift = static_cast<std::uint32_t>(k) << 20u;
  if (k <= -2 || k > 56) {  // exp(x) - 1 is exp(x) to working precision
    double y = 1.0 - (e - x);
    y = with_high_word(y, high_word(y) + shift);
    return y - 1.0;
  }
  double y = 0.0;
  if (k < 20) {
    t = from_words(0x3ff00000u - (0x200000u >> static_cast<std::uint32_t>(k)), 0);  // 1 - 2^-k
    y = t - (e - x);
  } else {
    t = from_words(static_cast<std::uint32_t>(0x3ff - k) << 20u, 0);  // 2^-k
    y = x - (e + t);
    y += 1.0;
  }
  return with_high_word(y, high_word(y) + shift);
}

double tanh(double x) {
  const std::uint32_t jx = high_word(x);
  const std::uint32_t ix = jx & 0x7fffffffu;
  const bool negative = (jx & 0x80000000u) != 0;
  if (ix >= 0x7ff00000u) {  // inf or NaN
    if (x != x) return x;
    return negative ? -1.0 : 1.0;
  }
  double z = 0.0;
  if (ix < 0x40360000u) {    // |x| < 22
    if (ix < 0x3c800000u) {  // |x| < 2^-55
      return x * (1.0 + x);
    }
    const double ax = negative ? -x : x;
    if (ix >= 0x3ff00000u) {  // |x| >= 1
      const double t = expm1(2.0 * ax);
      z = 1.0 - 2.0 / (t + 2.0);
    } else {
      const double t = expm1(-2.0 * ax);
      z = -t / (t + 2.0);
    }
  } else {
    z = 1.0;
  }
  return negative ? -z : z;
}

namespace {

// sin(x + y) for |x + y| <= pi/4, y the tail of x; `has_tail` false means y = 0.
double kernel_sin(double x, double y, bool has_tail) {
  constexpr double s1 = -1.66666666666666324348e-01;
  constexpr double s2 = 8.33333333332248946124e-03;
  constexpr double s3 = -1.98412698298579493134e-04;
  constexpr double s4 = 2.75573137070700676789e-06;
  constexpr double s5 = -2.50507602534068634195e-08;
  constexpr double s6 = 1.58969099521155010221e-10;
  const std::uint32_t ix = high_word(x) & 0x7fffffffu;
  if (ix < 0x3e400000u && static_cast<int>(x) == 0) return x;  // |x| < 2^-27
  const double z = x * x;
  const double v = z * x;
  const double r = s2 + z * (s3 + z * (s4 + z * (s5 + z * s6)));
  if (!has_tail) return x + v * (s1 + z * r);
  return x - ((z * (0.5 * y - v * r) - y) - v * s1);
}

// cos(x + y) for |x + y| <= pi/4, y the tail of x.
double kernel_cos(double x, double y) {
  constexpr double c1 = 4.16666666666666019037e-02;
  constexpr double c2 = -1.38888888888741095749e-03;
  constexpr double c3 = 2.48015872894767294178e-05;
  constexpr double c4 = -2.75573143513906633035e-07;
  constexpr double c5 = 2.08757232129817482790e-09;
  constexpr double c6 = -1.13596475577881948265e-11;
  const std::uint32_t ix = high_word(x) & 0x7fffffffu;
  if (ix < 0x3e400000u && static_cast<int>(x) == 0) return 1.0;  // |x| < 2^-27
  const double z = x * x;
  const double r = z * (c1 + z * (c2 + z * (c3 + z * (c4 + z * (c5 + z * c6)))));
  if (ix < 0x3FD33333u) return 1.0 - (0.5 * z - (z * r - x * y));                  // |x| < 0.3
  const double qx = ix > 0x3fe90000u ? 0.28125 : from_words(ix - 0x00200000u, 0);  // x / 4
  const double hz = 0.5 * z - qx;
  const double a = 1.0 - qx;
  return a - (hz - (z * r - x * y));
}

// Reduces x to y0 + y1 in [-pi/4, pi/4] with x = n pi/2 + y0 + y1; returns n. Cody-Waite with
// pi/2 in three parts, exact for |x| <= 2^19 pi/2.
int reduce_pi_over_2(double x, double& y0, double& y1) {
  constexpr double inv_pio2 = 6.36619772367581382433e-01;
  constexpr double pio2_1 = 1.57079632673412561417e+00;
  constexpr double pio2_1t = 6.07710050650619224932e-11;
  constexpr double pio2_2 = 6.07710050630396597660e-11;
  constexpr double pio2_2t = 2.02226624879595063154e-21;
  constexpr double pio2_3 = 2.02226624871116645580e-21;
  constexpr double pio2_3t = 8.47842766036889956997e-32;
  const bool negative = x < 0;
  const double t0 = negative ? -x : x;
  const std::int32_t j = static_cast<std::int32_t>((high_word(t0) & 0x7fffffffu) >> 20u);
  const int n = static_cast<int>(t0 * inv_pio2 + 0.5);
  const double fn = n;
  double r = t0 - fn * pio2_1;
  double w = fn * pio2_1t;
  y0 = r - w;
  std::int32_t i = j - static_cast<std::int32_t>((high_word(y0) >> 20u) & 0x7ffu);
  if (i > 16) {  // cancellation: a second, and maybe a third, part of pi/2
    double t = r;
    w = fn * pio2_2;
    r = t - w;
    w = fn * pio2_2t - ((t - r) - w);
    y0 = r - w;
    i = j - static_cast<std::int32_t>((high_word(y0) >> 20u) & 0x7ffu);
    if (i > 49) {
      t = r;
      w = fn * pio2_3;
      r = t - w;
      w = fn * pio2_3t - ((t - r) - w);
      y0 = r - w;
    }
  }
  y1 = (r - y0) - w;
  if (negative) {
    y0 = -y0;
    y1 = -y1;
    return -n;
  }
  return n;
}

constexpr std::uint32_t kMediumLimit = 0x413921fbu;  // 2^19 pi / 2
constexpr double kTwoPi = 6.28318530717958647692;

}  // namespace

double sin(double x) {
  const std::uint32_t ix = high_word(x) & 0x7fffffffu;
  if (ix <= 0x3fe921fbu) return kernel_sin(x, 0.0, false);  // |x| <= pi/4
  if (ix >= 0x7ff00000u) return x - x;                      // NaN for inf and NaN
  if (ix > kMediumLimit) return sin(std::fmod(x, kTwoPi));
  double y0 = 0.0;
  double y1 = 0.0;
  switch (reduce_pi_over_2(x, y0, y1) & 3) {
    case 0:
      return kernel_sin(y0, y1, true);
    case 1:
      return kernel_cos(y0, y1);
    case 2:
      return -kernel_sin(y0, y1, true);
    default:
      return -kernel_cos(y0, y1);
  }
}

double cos(double x) {
  const std::uint32_t ix = high_word(x) & 0x7fffffffu;
  if (ix <= 0x3fe921fbu) return kernel_cos(x, 0.0);
  if (ix >= 0x7ff00000u) return x - x;
  if (ix > kMediumLimit) return cos(std::fmod(x, kTwoPi));
  double y0 = 0.0;
  double y1 = 0.0;
  switch (reduce_pi_over_2(x, y0, y1) & 3) {
    case 0:
      return kernel_cos(y0, y1);
    case 1:
      return -kernel_sin(y0, y1, true);
    case 2:
      return -kernel_cos(y0, y1);
    default:
      return kernel_sin(y0, y1, true);
  }
}

namespace {

constexpr double kAtanPi = 3.1415926535897931160e+00;
constexpr double kPiLo = 1.2246467991473531772e-16;
constexpr double kPiOver2 = 1.5707963267948965580e+00;
constexpr double kPiOver4 = 7.8539816339744827900e-01;

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
    return y_negative ? -kAtanPi : kAtanPi;
  }
  if (x == 0.0) return y_negative ? -kPiOver2 : kPiOver2;
  if (std::isinf(x)) {
    if (std::isinf(y)) {
      const double z = x_negative ? 3.0 * kPiOver4 : kPiOver4;
      return y_negative ? -z : z;
    }
    if (!x_negative) return y_negative ? -0.0 : 0.0;
    return y_negative ? -kAtanPi : kAtanPi;
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
  return y_negative ? (z - kPiLo) - kAtanPi : kAtanPi - (z - kPiLo);
}

}  // namespace attractor::det
