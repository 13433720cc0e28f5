// Seeded random numbers that give the same stream on every platform.
//
// The standard library's engines and distributions differ between libstdc++ (native) and
// libc++ (WebAssembly), so the lab carries its own: PCG32 (O'Neill 2014, XSH-RR output) for
// integers, 53-bit uniform doubles, and Marsaglia's polar method for normals, whose only
// transcendental function is the platform-independent det::log.
#pragma once

#include <cstdint>

namespace attractor {

class Rng {
 public:
  // `stream` selects one of 2^63 independent sequences for the same seed, so that one seed can
  // feed several purposes (weights, perturbations, noise) without their draws overlapping.
  explicit Rng(std::uint64_t seed, std::uint64_t stream = kDefaultStream);

  std::uint32_t next_u32();
  std::uint64_t next_u64();
  // Uniform on [0, 1) with 53 random bits.
  double uniform();
  // Uniform on [low, high).
  double uniform(double low, double high);
  // Standard normal N(0, 1).
  double normal();

  static constexpr std::uint64_t kDefaultStream = 0xda3e39cb94b95bdbULL;

  // The complete generator state, for checkpoints: restoring it continues the same stream.
  struct State {
    std::uint64_t state = 0;
    std::uint64_t increment = 0;
    double spare_normal = 0.0;
    bool has_spare_normal = false;
  };
  State save() const { return {state_, increment_, spare_normal_, has_spare_normal_}; }
  void restore(const State& saved) {
    state_ = saved.state;
    increment_ = saved.increment | 1u;
    spare_normal_ = saved.spare_normal;
    has_spare_normal_ = saved.has_spare_normal;
  }

 private:
  std::uint64_t state_ = 0;
  std::uint64_t increment_ = 0;
  double spare_normal_ = 0.0;
  bool has_spare_normal_ = false;
};

// Stream numbers for the different uses of a model's seed.
namespace streams {
constexpr std::uint64_t kWeights = 1;
constexpr std::uint64_t kPerturbation = 2;
constexpr std::uint64_t kNoise = 3;
constexpr std::uint64_t kTaskData = 4;
constexpr std::uint64_t kValidation = 5;
}  // namespace streams

}  // namespace attractor
