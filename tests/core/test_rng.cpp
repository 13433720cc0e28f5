#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>

#include "attractor/rng.hpp"

using attractor::Rng;

TEST_CASE("PCG32 reproduces the reference generator's first outputs") {
  // Outputs of pcg32_srandom_r(&rng, 42, 54) in O'Neill's pcg32-demo (pcg-random.org).
  Rng rng(42, 54);
  const std::uint32_t expected[] = {0xa15c02b7u, 0x7b47f409u, 0xba1d3330u,
                                    0x83d2f293u, 0xbfa4784bu, 0xcbed606eu};
  for (const std::uint32_t value : expected) CHECK(rng.next_u32() == value);
}

TEST_CASE("the same seed and stream give the same numbers; other streams differ") {
  Rng a(7, 3);
  Rng b(7, 3);
  Rng c(7, 4);
  Rng d(8, 3);
  int differ_c = 0;
  int differ_d = 0;
  for (int i = 0; i < 1000; ++i) {
    const double x = a.normal();
    CHECK(x == b.normal());
    differ_c += x != c.normal();
    differ_d += x != d.normal();
  }
  CHECK(differ_c > 990);
  CHECK(differ_d > 990);
}

TEST_CASE("uniform numbers lie in [0, 1) with the right mean and variance") {
  Rng rng(2024);
  const int count = 1000000;
  double sum = 0.0;
  double sum_sq = 0.0;
  for (int i = 0; i < count; ++i) {
    const double u = rng.uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    sum_sq += u * u;
  }
  const double mean = sum / count;
  const double variance = sum_sq / count - mean * mean;
  // Five standard errors.
  CHECK(std::fabs(mean - 0.5) < 5 * std::sqrt(1.0 / 12 / count));
  CHECK(std::fabs(variance - 1.0 / 12) < 5 * std::sqrt(1.0 / 180 / count));
  Rng ranged(3);
  for (int i = 0; i < 1000; ++i) {
    const double v = ranged.uniform(-2.0, 5.0);
    CHECK(v >= -2.0);
    CHECK(v < 5.0);
  }
}

TEST_CASE("normal numbers have the moments and the one-sigma mass of N(0, 1)") {
  Rng rng(99);
  const int count = 1000000;
  double m1 = 0, m2 = 0, m3 = 0, m4 = 0;
  int within_one = 0;
  for (int i = 0; i < count; ++i) {
    const double z = rng.normal();
    m1 += z;
    m2 += z * z;
    m3 += z * z * z;
    m4 += z * z * z * z;
    within_one += std::fabs(z) < 1.0;
  }
  m1 /= count;
  m2 /= count;
  m3 /= count;
  m4 /= count;
  // Five standard errors of each estimate under N(0, 1).
  CHECK(std::fabs(m1) < 5 * std::sqrt(1.0 / count));
  CHECK(std::fabs(m2 - 1) < 5 * std::sqrt(2.0 / count));
  CHECK(std::fabs(m3) < 5 * std::sqrt(15.0 / count));
  CHECK(std::fabs(m4 - 3) < 5 * std::sqrt(96.0 / count));
  const double p = 0.6826894921370859;  // P(|Z| < 1)
  CHECK(std::fabs(static_cast<double>(within_one) / count - p) <
        5 * std::sqrt(p * (1 - p) / count));
}
