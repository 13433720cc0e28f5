// libFuzzer target: arbitrary bytes as a training checkpoint. Trainer::from_checkpoint must
// either rebuild a trainer that trains, measures and writes itself again, or throw
// InvalidArgument; any other exception, crash or sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "attractor/trainer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return -1;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto trainer = attractor::Trainer::from_checkpoint(text);
    trainer->train(1);
    volatile double sink = 0;
    for (const auto& entry : trainer->measures()) sink = sink + entry.second;
    const std::string again = trainer->to_checkpoint();
    attractor::Trainer::from_checkpoint(again);
  } catch (const attractor::InvalidArgument&) {
  }
  return 0;
}
