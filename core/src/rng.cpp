#include "attractor/rng.hpp"

#include <cmath>

#include "attractor/detmath.hpp"

namespace attractor {

Rng::Rng(std::uint64_t seed, std::uint64_t stream) {
  // The seeding procedure of the reference pcg32_srandom_r.
  increment_ = (stream << 1u) | 1u;
  next_u32();
  state_ += seed;
  next_u32();
}

std::uint32_t Rng::next_u32() {
  const std::uint64_t old = state_;
  state_ = old * 6364136223846793005ULL + increment_;
  const auto xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
  const auto rotation = static_cast<std::uint32_t>(old >> 59u);
  return (xorshifted >> rotation) | (xorshifted << ((32u - rotation) & 31u));
}

std::uint64_t Rng::next_u64() {
  const std::uint64_t high = next_u32();
  return (high << 32u) | next_u32();
}

double Rng::uniform() {
  return static_cast<double>(next_u64() >> 11u) * 0x1.0p-53;
}

double Rng::uniform(double low, double high) {
  return low + (high - low) * uniform();
}

double Rng::normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  double u = 0.0;
  double v = 0.0;
  double s = 0.0;
  do {
    u = 2.0 * uniform() - 1.0;
    v = 2.0 * uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const double scale = std::sqrt(-2.0 * det::log(s) / s);  // sqrt is correctly rounded by IEEE 754
  spare_normal_ = v * scale;
  has_spare_normal_ = true;
  return u * scale;
}

}  // namespace attractor
