#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include "attractor/assignment.hpp"
#include "attractor/params.hpp"

using attractor::optimal_assignment;

namespace {

double total(const Eigen::MatrixXd& cost, const std::vector<int>& pairing) {
  double sum = 0.0;
  for (std::size_t i = 0; i < pairing.size(); ++i)
    sum += cost(static_cast<Eigen::Index>(i), pairing[i]);
  return sum;
}

}  // namespace

TEST_CASE("optimal assignment: hand-made cases") {
  SUBCASE("greedy in row order is not optimal") {
    // Row 0 takes column 0 greedily (1), leaving 10 for row 1: 11. The optimum swaps: 2 + 1 = 3.
    Eigen::MatrixXd cost(2, 2);
    cost << 1, 2, 1, 10;
    CHECK(optimal_assignment(cost) == std::vector<int>{1, 0});
  }
  SUBCASE("three by three") {
    // All six permutations: 4+0+2 = 6, 4+5+2 = 11, 1+2+2 = 5, 1+5+3 = 9, 3+2+2 = 7, 3+0+3 = 6.
    Eigen::MatrixXd cost(3, 3);
    cost << 4, 1, 3, 2, 0, 5, 3, 2, 2;
    const auto pairing = optimal_assignment(cost);
    CHECK(pairing == std::vector<int>{1, 0, 2});
    CHECK(total(cost, pairing) == 5.0);
  }
  SUBCASE("more columns than rows: the spare column stays free") {
    // Pairs (1, 0) cost 1 + 5 = 6; (0, 1) 7; (1, 2) 10; (2, 1) 11; (0, 2) 14; (2, 0) 14.
    Eigen::MatrixXd cost(2, 3);
    cost << 5, 1, 9, 5, 2, 9;
    CHECK(optimal_assignment(cost) == std::vector<int>{1, 0});
  }
  SUBCASE("ties go to the lower column") {
    CHECK(optimal_assignment(Eigen::MatrixXd::Ones(1, 3)) == std::vector<int>{0});
  }
  SUBCASE("no rows") {
    CHECK(optimal_assignment(Eigen::MatrixXd(0, 3)).empty());
  }
}

TEST_CASE("optimal assignment: no permutation is cheaper (exhaustive check on 5 x 5)") {
  Eigen::MatrixXd cost(5, 5);
  // A fixed, irregular cost without ties.
  for (Eigen::Index i = 0; i < 5; ++i) {
    for (Eigen::Index j = 0; j < 5; ++j)
      cost(i, j) = std::fmod(37.0 * i + 11.0 * j * j + 3.0, 17.0);
  }
  const auto pairing = optimal_assignment(cost);
  std::vector<int> permutation = {0, 1, 2, 3, 4};
  double best = 1e300;
  do {
    best = std::min(best, total(cost, permutation));
  } while (std::next_permutation(permutation.begin(), permutation.end()));
  CHECK(total(cost, pairing) == best);
  std::vector<int> sorted = pairing;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == std::vector<int>{0, 1, 2, 3, 4});  // one to one
}

TEST_CASE("optimal assignment: bad input is named") {
  CHECK_THROWS_WITH_AS(optimal_assignment(Eigen::MatrixXd::Zero(3, 2)),
                       doctest::Contains("3 rows and 2 columns"), attractor::InvalidArgument);
  Eigen::MatrixXd cost = Eigen::MatrixXd::Zero(2, 2);
  cost(1, 0) = NAN;
  CHECK_THROWS_WITH_AS(optimal_assignment(cost), doctest::Contains("cost (1, 0) = nan"),
                       attractor::InvalidArgument);
}
