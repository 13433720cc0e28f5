#include "attractor/assignment.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "attractor/params.hpp"

namespace attractor {

std::vector<int> optimal_assignment(const Eigen::MatrixXd& cost) {
  const Eigen::Index rows = cost.rows();
  const Eigen::Index cols = cost.cols();
  if (rows > cols) {
    throw InvalidArgument("optimal_assignment: the cost matrix has " + std::to_string(rows) +
                          " rows and " + std::to_string(cols) +
                          " columns; every row needs its own column, so rows must be at most "
                          "columns");
  }
  for (Eigen::Index i = 0; i < cost.size(); ++i) {
    if (!std::isfinite(cost.data()[i])) {
      throw InvalidArgument("optimal_assignment: cost (" + std::to_string(i % rows) + ", " +
                            std::to_string(i / rows) + ") = " + format_number(cost.data()[i]) +
                            " is not a finite number");
    }
  }
  // Potentials u (rows) and v (columns) keep every reduced cost cost - u - v >= 0; each row is
  // added by a shortest augmenting path in reduced costs (Dijkstra on the equality graph). Index
  // 0 is a virtual column that holds the row being added; real rows and columns are 1-based.
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  const auto n = static_cast<std::size_t>(rows);
  const auto m = static_cast<std::size_t>(cols);
  std::vector<double> u(n + 1, 0.0), v(m + 1, 0.0);
  std::vector<std::size_t> row_of(m + 1, 0), previous(m + 1, 0);
  for (std::size_t row = 1; row <= n; ++row) {
    row_of[0] = row;
    std::size_t column = 0;
    std::vector<double> reach(m + 1, kInfinity);
    std::vector<bool> done(m + 1, false);
    do {
      done[column] = true;
      const std::size_t from = row_of[column];
      double delta = kInfinity;
      std::size_t next = 0;
      for (std::size_t j = 1; j <= m; ++j) {
        if (done[j]) continue;
        const double reduced =
            cost(static_cast<Eigen::Index>(from - 1), static_cast<Eigen::Index>(j - 1)) - u[from] -
            v[j];
        if (reduced < reach[j]) {
          reach[j] = reduced;
          previous[j] = column;
        }
        if (reach[j] < delta) {
          delta = reach[j];
          next = j;
        }
      }
      for (std::size_t j = 0; j <= m; ++j) {
        if (done[j]) {
          u[row_of[j]] += delta;
          v[j] -= delta;
        } else {
          reach[j] -= delta;
        }
      }
      column = next;
    } while (row_of[column] != 0);
    // Flip the augmenting path back to the virtual column.
    while (column != 0) {
      const std::size_t before = previous[column];
      row_of[column] = row_of[before];
      column = before;
    }
  }
  std::vector<int> out(n, -1);
  for (std::size_t j = 1; j <= m; ++j) {
    if (row_of[j] != 0) out[row_of[j] - 1] = static_cast<int>(j - 1);
  }
  return out;
}

}  // namespace attractor
