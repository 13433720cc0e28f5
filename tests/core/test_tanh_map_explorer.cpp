#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attractor/qpta.hpp"
#include "attractor/rng.hpp"
#include "attractor/tanh_map_explorer.hpp"

using attractor::TanhMapExplorer;

namespace {

// The 1:1 tongue's edge computed without the classifier: a fixed point h != 0 solves
// alpha R(theta) h = atanh(h) (tanh acts on each coordinate), so |atanh h| = alpha |h| and
// theta = arg(atanh h) - arg(h). On that closed curve theta is largest at the saddle-node where
// the fixed points disappear: L(alpha) = max of arg(atanh h) - arg(h), found by golden-section
// search over the direction psi of h in [pi/4, pi/2].
double fold_half_width(double alpha) {
  auto theta_at = [alpha](double psi) {
    const double ux = std::cos(psi), uy = std::sin(psi);
    double low = 0, high = 1 / uy;  // |atanh(r u)| / r grows from 1 to infinity
    for (int i = 0; i < 200; ++i) {
      const double r = 0.5 * (low + high);
      const double ay = r * uy >= 1 ? INFINITY : std::atanh(r * uy);
      (std::hypot(std::atanh(r * ux), ay) > alpha * r ? high : low) = r;
    }
    const double r = 0.5 * (low + high);
    return std::atan2(std::atanh(r * uy), std::atanh(r * ux)) - psi;
  };
  double a = M_PI / 4, b = M_PI / 2;
  const double g = (std::sqrt(5.0) - 1) / 2;
  for (int i = 0; i < 100; ++i) {
    const double c = b - g * (b - a), d = a + g * (b - a);
    (theta_at(c) > theta_at(d) ? b : a) = theta_at(c) > theta_at(d) ? d : c;
  }
  return theta_at(0.5 * (a + b));
}

// Brute force with the standard library: after many steps, does the orbit repeat with period k?
bool iterates_to_period(double alpha, double theta, int k) {
  double x = 0.3, y = 0.2;
  const double c = alpha * std::cos(theta), s = alpha * std::sin(theta);
  std::vector<double> xs, ys;
  for (int t = 0; t < 200000; ++t) {
    const double nx = std::tanh(c * x - s * y), ny = std::tanh(s * x + c * y);
    x = nx, y = ny;
    if (t >= 200000 - 2 * k) xs.push_back(x), ys.push_back(y);
  }
  return std::fabs(xs[k] - xs[0]) < 1e-9 && std::fabs(ys[k] - ys[0]) < 1e-9;
}

}  // namespace

TEST_CASE("the classifier's L(alpha) is the saddle-node edge of the 1:1 tongue") {
  for (const double alpha : {1.001, 1.01, 1.1, 1.5, 2.0, 3.0, 5.0, 10.0}) {
    CAPTURE(alpha);
    CHECK(attractor::tongue_half_width(alpha) ==
          doctest::Approx(fold_half_width(alpha)).epsilon(1e-6));
  }
  CHECK(attractor::tongue_half_width(1.0) == 0.0);
  CHECK(attractor::tongue_half_width(0.5) == 0.0);
}

TEST_CASE("brute-force iteration agrees with L(alpha) on both sides of each tongue's edge") {
  for (const double alpha : {1.2, 2.0, 5.0}) {
    const double l = attractor::tongue_half_width(alpha);
    const double d = 2e-3;
    CAPTURE(alpha);
    CHECK(iterates_to_period(alpha, l - d, 1));
    CHECK(!iterates_to_period(alpha, l + d, 1));
    CHECK(iterates_to_period(alpha, M_PI / 2 + l - d, 4));
    CHECK(!iterates_to_period(alpha, M_PI / 2 + l + d, 4));
    CHECK(iterates_to_period(alpha, M_PI - l + d, 2));
    CHECK(!iterates_to_period(alpha, M_PI - l - d, 2));
  }
}

TEST_CASE("explorer: the grid's tongues bracket L, all three are as wide, L is smooth and grows") {
  TanhMapExplorer explorer(
      {{"alpha_min", 1.001}, {"alpha_max", 10}, {"alpha_count", 24}, {"theta_count", 121}});
  while (!explorer.done()) explorer.advance(500);
  const double cell = M_PI / 120;
  double previous = 0;
  for (int i = 0; i < explorer.alpha_count(); ++i) {
    const double alpha = explorer.alphas()[i];
    const double l = explorer.boundary()[i];
    CAPTURE(alpha);
    CHECK(l == doctest::Approx(fold_half_width(alpha)).epsilon(1e-6));
    CHECK(std::fabs(explorer.boundary_grid()[i] - l) <= cell / 2 + 1e-12);
    CHECK(std::fabs(explorer.boundary_period2()[i] - l) <= cell);
    CHECK(std::fabs(explorer.boundary_period4()[i] - l) <= cell);
    CHECK(l > previous);
    previous = l;
  }
  // Smooth: second differences are small against the first.
  const std::vector<double>& b = explorer.boundary();
  for (int i = 1; i + 1 < explorer.alpha_count(); ++i) {
    CHECK(std::fabs(b[i + 1] - 2 * b[i] + b[i - 1]) < 0.5 * std::fabs(b[i] - b[i - 1]) + 1e-12);
  }
  CHECK(b[0] < 5e-4);  // alpha = 1.001: L -> 0 as alpha -> 1
  const auto m = explorer.measures();
  CHECK(m[0].second == explorer.cell_count());
  CHECK(m[3].second + m[4].second + m[5].second + m[6].second == explorer.cell_count());
  CHECK(m[6].second < 0.01 * explorer.cell_count());  // almost nothing unclassified
}

TEST_CASE("explorer: chunks of any size give the same map; progress counts up; reset forgets") {
  const attractor::ParamValues params = {
      {"alpha_min", 0.8}, {"alpha_max", 4}, {"alpha_count", 5}, {"theta_count", 40}};
  TanhMapExplorer whole(params);
  CHECK(whole.advance(1000000) == 200);
  TanhMapExplorer pieces(params);
  double last = -1;
  while (!pieces.done()) {
    CHECK(pieces.advance(7) > 0);
    CHECK(pieces.progress() > last);
    last = pieces.progress();
  }
  CHECK(pieces.advance(7) == 0);
  CHECK(pieces.kinds() == whole.kinds());
  CHECK(pieces.rotation_numbers() == whole.rotation_numbers());
  CHECK(std::isnan(whole.boundary()[0]));  // alpha = 0.8: no circle, no tongue
  CHECK(whole.boundary()[1] > 0);
  whole.reset();
  CHECK(whole.cells_done() == 0);
  CHECK(whole.kinds()[0] == -1);
  CHECK_THROWS_WITH_AS(TanhMapExplorer({{"alpha_min", 3}, {"alpha_max", 2}}),
                       "tanh map explorer: alpha_min = 3 is not below alpha_max = 2; alpha_min "
                       "must be less than alpha_max",
                       attractor::InvalidArgument);
  CHECK_THROWS_WITH_AS(whole.advance(-1), doctest::Contains("cells = -1 is not allowed"),
                       attractor::InvalidArgument);
}

TEST_CASE("QPTA boundary table: the classifier's L, 0 at alpha = 1, interpolated finely") {
  const auto& table = attractor::qpta_boundary_table();
  CHECK(table.size() == 181);
  CHECK(attractor::qpta_boundary(1.0) == 0.0);
  for (const int k : {1, 20, 100, 180}) {
    CHECK(table[k] == doctest::Approx(fold_half_width(1 + 0.05 * k)).epsilon(1e-6));
  }
  for (const double alpha : {1.001, 1.33, 2.71, 6.18, 9.99}) {
    CHECK(attractor::qpta_boundary(alpha) == doctest::Approx(fold_half_width(alpha)).epsilon(2e-3));
  }
  for (std::size_t k = 1; k < table.size(); ++k) CHECK(table[k] > table[k - 1]);
  CHECK(table.back() < M_PI / 4);
  CHECK_THROWS_WITH_AS(attractor::qpta_boundary(11), doctest::Contains("alpha = 11"),
                       attractor::InvalidArgument);
}

TEST_CASE("QPTA sampler: every block admissible, alpha density ~ pi - 4 L, halves 1/2 each") {
  attractor::Rng rng(11, attractor::streams::kWeights);
  const int count = 40000;
  const auto blocks = attractor::sample_qpta_blocks(count, rng);
  CHECK(blocks.size() == count);
  const int bins = 9;  // alpha in [1.001, 10]
  std::vector<double> observed(bins, 0), expected(bins, 0);
  int lower_half = 0;
  double u_sum = 0;
  for (const auto& b : blocks) {
    const double l = attractor::qpta_boundary(b.alpha);
    const bool lower = b.theta >= l && b.theta <= M_PI / 2 - l;
    const bool upper = b.theta >= M_PI / 2 + l && b.theta <= M_PI - l;
    REQUIRE((lower || upper));
    REQUIRE(b.alpha >= 1.001);
    REQUIRE(b.alpha <= 10);
    lower_half += lower;
    // Within its half, theta is uniform: u in [0, 1] has mean 1/2.
    const double start = lower ? l : M_PI / 2 + l;
    u_sum += (b.theta - start) / (M_PI / 2 - 2 * l);
    observed[std::min(bins - 1, static_cast<int>((b.alpha - 1.001) / (8.999 / bins)))] += 1;
  }
  // Expected alpha histogram from the density pi - 4 L(alpha), by the midpoint rule.
  double total = 0;
  for (int i = 0; i < bins; ++i) {
    for (int j = 0; j < 200; ++j) {
      const double alpha = 1.001 + 8.999 / bins * (i + (j + 0.5) / 200);
      expected[i] += M_PI - 4 * attractor::qpta_boundary(alpha);
    }
    total += expected[i];
  }
  for (int i = 0; i < bins; ++i) {
    const double mean = count * expected[i] / total;
    CAPTURE(i);
    CHECK(std::fabs(observed[i] - mean) < 5 * std::sqrt(mean));
  }
  CHECK(std::fabs(lower_half - count / 2.0) < 5 * std::sqrt(count / 4.0));
  CHECK(std::fabs(u_sum / count - 0.5) < 5 * std::sqrt(1.0 / 12 / count));
  // The rejected region is real: the first alpha bin is much denser than the last.
  CHECK(observed[0] > 2 * observed[bins - 1]);
  attractor::Rng again(11, attractor::streams::kWeights);
  const auto repeat = attractor::sample_qpta_blocks(10, again);
  for (int i = 0; i < 10; ++i) CHECK(repeat[i].theta == blocks[i].theta);
}
