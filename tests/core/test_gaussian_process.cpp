#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attractor/gaussian_process.hpp"
#include "attractor/params.hpp"

using attractor::Rng;

TEST_CASE("squared-exponential samples have the kernel's covariance exp(-(x - y)^2 / 2)") {
  const std::vector<double> points = {-1.0, -0.6, 0.0, 0.25, 0.9, 1.0};
  const int samples = 40000;
  const std::size_t m = points.size();
  std::vector<double> sum(m, 0.0), products(m * m, 0.0), values;
  Rng rng(11);
  for (int s = 0; s < samples; ++s) {
    attractor::sample_squared_exponential(rng, points, values);
    for (std::size_t i = 0; i < m; ++i) {
      sum[i] += values[i];
      for (std::size_t j = 0; j < m; ++j) products[i * m + j] += values[i] * values[j];
    }
  }
  for (std::size_t i = 0; i < m; ++i) {
    CAPTURE(points[i]);
    CHECK(std::abs(sum[i] / samples) < 0.02);  // mean 0; its standard error is 0.005
    for (std::size_t j = 0; j < m; ++j) {
      CAPTURE(points[j]);
      const double kernel = std::exp(-0.5 * (points[i] - points[j]) * (points[i] - points[j]));
      CHECK(products[i * m + j] / samples == doctest::Approx(kernel).epsilon(0.03));
    }
  }
}

TEST_CASE("the series is the kernel: its truncation error is below rounding on [-1, 1]") {
  // The covariance of the truncated series, term by term, against the closed form.
  for (const double x : {-1.0, -0.3, 0.7, 1.0}) {
    for (const double y : {-1.0, 0.0, 0.5, 1.0}) {
      double series = 0.0, term = 1.0;
      for (int n = 0; n < attractor::kSquaredExponentialTerms; ++n) {
        if (n > 0) term *= x * y / n;
        series += term;
      }
      const double covariance = std::exp(-0.5 * x * x) * std::exp(-0.5 * y * y) * series;
      CHECK(covariance == doctest::Approx(std::exp(-0.5 * (x - y) * (x - y))).epsilon(1e-15));
    }
  }
}

TEST_CASE("a seed gives one path; points outside [-1, 1] are refused by index and value") {
  const std::vector<double> points = attractor::linspace_unit(128);
  REQUIRE(points.size() == 128);
  CHECK(points.front() == -1.0);
  CHECK(points.back() == 1.0);
  std::vector<double> a, b, c;
  Rng first(3), again(3), other(4);
  attractor::sample_squared_exponential(first, points, a);
  attractor::sample_squared_exponential(again, points, b);
  attractor::sample_squared_exponential(other, points, c);
  CHECK(a == b);
  CHECK(a != c);
  // Smooth: neighbouring steps of a 128-step trial differ far less than the path's spread.
  double largest_step = 0.0;
  for (std::size_t i = 1; i < a.size(); ++i)
    largest_step = std::fmax(largest_step, std::abs(a[i] - a[i - 1]));
  CHECK(largest_step < 0.1);
  CHECK_THROWS_WITH_AS(attractor::sample_squared_exponential(first, {0.0, 1.5}, a),
                       doctest::Contains("point 1 = 1.5"), attractor::InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::sample_squared_exponential(first, {std::nan("")}, a),
                       doctest::Contains("point 0"), attractor::InvalidArgument);
}
