// The common base of every bound model, so that analysis bindings can take any model:
// `new Module.LyapunovSpectrum(model, ...)` works for a line attractor, a ring, a torus, ...
#pragma once

#include "attractor/dynamics.hpp"

namespace attractor::wasm {

class BoundModel {
 public:
  virtual ~BoundModel() = default;
  // The model's autonomous step with its current weights, for analyses.
  virtual const StepMap& step_map() const = 0;
};

}  // namespace attractor::wasm
