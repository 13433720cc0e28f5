#pragma once

#include <string>
#include <utility>
#include <vector>

namespace attractor {

// A model's live measures, by name, in a fixed order. NaN means "not available yet" (for
// example a drift rate before any time has passed); bindings turn it into null.
using Measures = std::vector<std::pair<std::string, double>>;

}  // namespace attractor
