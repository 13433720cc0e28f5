// Checks a trainable network's BPTT gradient against central finite differences of its loss.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <string>
#include <vector>

#include "attractor/sequence_batch.hpp"
#include "attractor/trainable_network.hpp"
#include "sequence_fixtures.hpp"

namespace attractor::testing {

// Central differences of the loss over every parameter but the block [unused_begin, unused_end),
// parameters the network does not use (an absent bias), whose entries are left at zero.
inline std::vector<double> numeric_gradient(TrainableNetwork& network, const SequenceBatch& batch,
                                            std::size_t unused_begin = 0,
                                            std::size_t unused_end = 0) {
  std::vector<double> numeric(network.parameters().size(), 0.0);
  const double h = 1e-5;
  for (std::size_t k = 0; k < numeric.size(); ++k) {
    if (k >= unused_begin && k < unused_end) continue;
    const double saved = network.parameters()[k];
    network.parameters()[k] = saved + h;
    const double plus = network.loss(batch);
    network.parameters()[k] = saved - h;
    const double minus = network.loss(batch);
    network.parameters()[k] = saved;
    numeric[k] = (plus - minus) / (2 * h);
  }
  return numeric;
}

// |a - b| / |b| (Euclidean norms).
inline double relative_error(const std::vector<double>& a, const std::vector<double>& b) {
  double diff = 0.0;
  double norm = 0.0;
  for (std::size_t k = 0; k < a.size(); ++k) {
    diff += (a[k] - b[k]) * (a[k] - b[k]);
    norm += b[k] * b[k];
  }
  return std::sqrt(diff / norm);
}

// Relative error of the analytic gradient against numeric_gradient (same arguments).
inline double gradient_error(TrainableNetwork& network, const SequenceBatch& batch,
                             std::size_t unused_begin = 0, std::size_t unused_end = 0) {
  std::vector<double> gradient;
  network.loss_and_gradient(batch, gradient);
  return relative_error(gradient, numeric_gradient(network, batch, unused_begin, unused_end));
}

// Checks the gradient on random batches of 12 steps, 4 trials, 2 inputs and 3 outputs, for both
// values of two 0/1 options of the network (its form, a bias), each hidden size and a full and a
// sparse mask. error_of(a, b, hidden, batch) builds that network and returns its gradient_error.
template <class ErrorOf>
void check_gradient_grid(const char* option_a, const char* option_b,
                         std::initializer_list<int> hidden_sizes, ErrorOf error_of) {
  for (const int a : {0, 1}) {
    for (const int b : {0, 1}) {
      for (const int hidden : hidden_sizes) {
        for (const double mask_probability : {1.0, 0.3}) {
          INFO(std::string(option_a), " = ", a, ", ", std::string(option_b), " = ", b,
               ", hidden = ", hidden, ", mask probability = ", mask_probability);
          const SequenceBatch batch = random_batch(12, 4, 2, 3, 7, mask_probability);
          CHECK(error_of(a, b, hidden, batch) < 1e-6);
        }
      }
    }
  }
}

// The hidden-state gradient norms |dL/dh_t| of `network` on `batch`.
inline std::vector<double> hidden_gradient_norms(TrainableNetwork& network,
                                                 const SequenceBatch& batch) {
  std::vector<double> gradient;
  std::vector<double> norms;
  network.loss_and_gradient(batch, gradient, &norms);
  return norms;
}

}  // namespace attractor::testing
