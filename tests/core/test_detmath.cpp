#include <doctest/doctest.h>

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
