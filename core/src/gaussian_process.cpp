#include "attractor/gaussian_process.hpp"

#include <cmath>
#include <string>

#include "attractor/detmath.hpp"
#include "attractor/params.hpp"

namespace attractor {

void sample_squared_exponential(Rng& rng, const std::vector<double>& points,
                                std::vector<double>& values) {
  for (std::size_t i = 0; i < points.size(); ++i) {
    if (!(std::fabs(points[i]) <= 1.0)) {
      throw InvalidArgument("gaussian process: point " + std::to_string(i) + " = " +
                            format_number(points[i]) + " is not allowed; points lie in [-1, 1]");
    }
  }
  // z_n / sqrt(n!), built up term by term.
  double coefficients[kSquaredExponentialTerms];
  double inverse_root_factorial = 1.0;
  for (int n = 0; n < kSquaredExponentialTerms; ++n) {
    if (n > 0) inverse_root_factorial /= std::sqrt(static_cast<double>(n));
    coefficients[n] = rng.normal() * inverse_root_factorial;
  }
  values.resize(points.size());
  for (std::size_t i = 0; i < points.size(); ++i) {
    const double x = points[i];
    // Horner's rule, highest power first.
    double sum = 0.0;
    for (int n = kSquaredExponentialTerms - 1; n >= 0; --n) sum = sum * x + coefficients[n];
    values[i] = det::exp(-0.5 * x * x) * sum;
  }
}

std::vector<double> linspace_unit(int count) {
  std::vector<double> points(static_cast<std::size_t>(count > 0 ? count : 0));
  if (count == 1) points[0] = -1.0;
  for (int i = 0; i < count && count > 1; ++i)
    points[static_cast<std::size_t>(i)] = -1.0 + 2.0 * i / (count - 1);
  return points;
}

}  // namespace attractor
