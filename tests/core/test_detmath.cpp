#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "attractor/detmath.hpp"
#include "attractor/rng.hpp"

namespace det = attractor::det;

namespace {

// Distance in units in the last place between two finite doubles of the same sign.
std::int64_t ulps_apart(double a, double b) {
  std::int64_t ia = 0;
  std::int64_t ib = 0;
  std::memcpy(&ia, &a, sizeof a);
  std::memcpy(&ib, &b, sizeof b);
  return ia > ib ? ia - ib : ib - ia;
}

}  // namespace

TEST_CASE("det::log agrees with the C library to 1 ulp across the whole range") {
  attractor::Rng rng(5);
  std::int64_t worst = 0;
  for (int i = 0; i < 200000; ++i) {
    // Log-uniform over [2^-1070, 2^1023], subnormals included.
    const double x = std::ldexp(1.0 + rng.uniform(), static_cast<int>(rng.uniform(-1070, 1023)));
    const std::int64_t apart = ulps_apart(det::log(x), std::log(x));
    worst = apart > worst ? apart : worst;
  }
  for (int i = 0; i < 200000; ++i) {  // near 1, where cancellation is hardest
    const double x = 1.0 + rng.uniform(-1e-3, 1e-3);
    const std::int64_t apart = ulps_apart(det::log(x), std::log(x));
    worst = apart > worst ? apart : worst;
  }
  CHECK(worst <= 1);
}

TEST_CASE("det::log special values") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(det::log(1.0) == 0.0);
  CHECK(det::log(0.0) == -inf);
  CHECK(det::log(-0.0) == -inf);
  CHECK(std::isnan(det::log(-1.0)));
  CHECK(det::log(inf) == inf);
  CHECK(std::isnan(det::log(std::nan(""))));
  CHECK(det::log(2.0) == std::log(2.0));
  CHECK(det::log(std::numeric_limits<double>::denorm_min()) ==
        doctest::Approx(-744.4400719213812).epsilon(1e-15));
}

TEST_CASE("det::exp agrees with the C library to 1 ulp and inverts det::log") {
  attractor::Rng rng(6);
  std::int64_t worst = 0;
  for (int i = 0; i < 200000; ++i) {
    const double x = rng.uniform(-708, 709);
    worst = std::max(worst, ulps_apart(det::exp(x), std::exp(x)));
  }
  for (int i = 0; i < 100000; ++i) {
    const double x = rng.uniform(-1, 1) * std::ldexp(1.0, -static_cast<int>(rng.uniform(0, 40)));
    worst = std::max(worst, ulps_apart(det::exp(x), std::exp(x)));
    const double y = std::fabs(x) + 0.5;
    CHECK(det::exp(det::log(y)) == doctest::Approx(y).epsilon(4e-16));
  }
  CHECK(worst <= 1);
}

TEST_CASE("det::exp special values") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(det::exp(0.0) == 1.0);
  // fdlibm's exp(1) is one ulp above e; Java's StrictMath.exp, also fdlibm, returns the same.
  CHECK(det::exp(1.0) == 2.7182818284590455);
  CHECK(ulps_apart(det::exp(1.0), 2.718281828459045) == 1);
  CHECK(det::exp(710.0) == inf);
  CHECK(det::exp(-746.0) == 0.0);
  CHECK(det::exp(inf) == inf);
  CHECK(det::exp(-inf) == 0.0);
  CHECK(std::isnan(det::exp(std::nan(""))));
  CHECK(det::exp(-740.0) > 0.0);  // subnormal result
  CHECK(det::exp(-740.0) == doctest::Approx(std::exp(-740.0)).epsilon(1e-12));
}

TEST_CASE("det::expm1 and det::tanh agree with the C library to fdlibm's accuracy") {
  attractor::Rng rng(7);
  std::int64_t worst_expm1 = 0;
  std::int64_t worst_tanh = 0;
  for (int i = 0; i < 300000; ++i) {
    // Magnitudes from 1e-20 to 50 on a log scale, both signs.
    const double magnitude = det::exp(rng.uniform(-46, 4));
    const double x = rng.uniform() < 0.5 ? -magnitude : magnitude;
    worst_expm1 = std::max(worst_expm1, ulps_apart(det::expm1(x), std::expm1(x)));
    worst_tanh = std::max(worst_tanh, ulps_apart(det::tanh(x), std::tanh(x)));
  }
  CHECK(worst_expm1 <= 1);
  // fdlibm's tanh is within 2.5 ulp of the exact value (the bound Java's StrictMath.tanh states),
  // glibc's within about 0.5.
  CHECK(worst_tanh <= 3);
}

TEST_CASE("det::tanh and det::expm1 special values and symmetry") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(det::tanh(0.0) == 0.0);
  CHECK(std::signbit(det::tanh(-0.0)));
  CHECK(det::tanh(inf) == 1.0);
  CHECK(det::tanh(-inf) == -1.0);
  CHECK(det::tanh(30.0) == 1.0);
  CHECK(std::isnan(det::tanh(std::nan(""))));
  CHECK(det::tanh(1e-300) == 1e-300);
  CHECK(det::expm1(0.0) == 0.0);
  CHECK(det::expm1(-inf) == -1.0);
  CHECK(det::expm1(inf) == inf);
  CHECK(det::expm1(-100.0) == -1.0);
  CHECK(std::isnan(det::expm1(std::nan(""))));
  attractor::Rng rng(8);
  for (int i = 0; i < 1000; ++i) {
    const double x = rng.uniform(-5, 5);
    CHECK(det::tanh(-x) == -det::tanh(x));
  }
}

TEST_CASE("det::sin and det::cos agree with the C library to 1 ulp up to 2^19 pi/2") {
  attractor::Rng rng(9);
  std::int64_t worst_sin = 0;
  std::int64_t worst_cos = 0;
  for (int i = 0; i < 300000; ++i) {
    const double x = i < 200000 ? rng.uniform(-10, 10) : rng.uniform(-8e5, 8e5);
    const double s = det::sin(x);
    const double c = det::cos(x);
    // Compare only away from zeros, where a tiny absolute error is a large ulp count.
    if (std::fabs(std::sin(x)) > 1e-6) worst_sin = std::max(worst_sin, ulps_apart(s, std::sin(x)));
    if (std::fabs(std::cos(x)) > 1e-6) worst_cos = std::max(worst_cos, ulps_apart(c, std::cos(x)));
    CHECK(std::fabs(s - std::sin(x)) < 1e-15);
    CHECK(std::fabs(c - std::cos(x)) < 1e-15);
  }
  CHECK(worst_sin <= 1);
  CHECK(worst_cos <= 1);
}

TEST_CASE("det::sin and det::cos special values and identities") {
  const double inf = std::numeric_limits<double>::infinity();
  CHECK(det::sin(0.0) == 0.0);
  CHECK(det::cos(0.0) == 1.0);
  CHECK(std::isnan(det::sin(inf)));
  CHECK(std::isnan(det::cos(-inf)));
  CHECK(std::isnan(det::sin(std::nan(""))));
  // pi rounded to a double is pi - 1.2246e-16, so sin of it is that difference.
  CHECK(det::sin(3.141592653589793) == doctest::Approx(1.2246467991473532e-16).epsilon(1e-15));
  CHECK(det::cos(3.141592653589793) == -1.0);
  CHECK(std::fabs(det::sin(1e7) - std::sin(1e7)) <
        1e-8);  // beyond the exact range: close, not exact
  attractor::Rng rng(10);
  for (int i = 0; i < 10000; ++i) {
    const double x = rng.uniform(-100, 100);
    const double s = det::sin(x);
    const double c = det::cos(x);
    CHECK(std::fabs(s * s + c * c - 1) < 4e-16);
    CHECK(det::sin(-x) == -s);
    CHECK(det::cos(-x) == c);
  }
}

TEST_CASE("the ports return what Java's StrictMath (fdlibm) returns") {
  // Values printed by OpenJDK 17's StrictMath, an independent build of fdlibm.
  CHECK(det::tanh(0.5196689983537598) == 0.4774445038132438);
  CHECK(det::tanh(-0.21499421213399905) == -0.21174180850091467);
  CHECK(det::tanh(1.0e-5) == 9.999999999666668e-6);
  CHECK(det::tanh(3.0) == 0.9950547536867305);
  CHECK(det::expm1(0.5196689983537598) == 0.681470987910881);
  CHECK(det::expm1(-0.21499421213399905) == -0.19345389165538382);
  CHECK(det::expm1(3.0) == 19.085536923187668);
  CHECK(det::sin(0.5196689983537598) == 0.496592861052257);
  CHECK(det::cos(-0.21499421213399905) == 0.9769776290168249);
  CHECK(det::sin(3.0) == 0.1411200080598672);
  CHECK(det::cos(3.0) == -0.9899924966004454);
  CHECK(det::sin(12345.678) == -0.7040813137533816);
  CHECK(det::cos(12345.678) == 0.7101193587160628);
  CHECK(det::atan2(0.3, -0.7) == 2.7367008673047097);
  CHECK(det::atan2(-2.5, 1e-3) == -1.57039632681623);
  CHECK(det::atan2(1e-300, 3.0) == 3.3333333333333334e-301);
  CHECK(det::atan2(-1.0, -1.0) == -2.356194490192345);
}

TEST_CASE("det::atan2 agrees with the C library to 1 ulp and handles the special cases") {
  using attractor::det::atan2;
  attractor::Rng rng(5);
  for (int k = 0; k < 200000; ++k) {
    const double scale = std::pow(10.0, rng.uniform(-8, 8));
    const double y = rng.uniform(-1, 1) * scale;
    const double x = rng.uniform(-1, 1) * std::pow(10.0, rng.uniform(-8, 8));
    const double expected = std::atan2(y, x);
    const double ulp = std::nextafter(std::fabs(expected), INFINITY) - std::fabs(expected);
    REQUIRE(std::fabs(atan2(y, x) - expected) <= ulp);
  }
  CHECK(atan2(0.0, -1.0) == std::atan2(0.0, -1.0));
  CHECK(atan2(-0.0, -1.0) == std::atan2(-0.0, -1.0));
  CHECK(atan2(1.0, 0.0) == std::atan2(1.0, 0.0));
  CHECK(atan2(-INFINITY, INFINITY) == -0.78539816339744828);  // -pi / 4 rounded
  CHECK(atan2(INFINITY, -INFINITY) == 3 * 0.78539816339744828);
  CHECK(atan2(1e300, 1e-300) == std::atan2(1e300, 1e-300));
  CHECK(std::isnan(atan2(NAN, 1.0)));
}
