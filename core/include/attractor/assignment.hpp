// Optimal one-to-one assignment (the linear assignment problem).
//
// The spectrum comparisons of the wave lessons pair each theoretical eigenvalue with its own
// eigenvalue of a network's W, so that a root hit twice cannot stand in for a root that was
// missed. A greedy pairing depends on the order in which eigenvalues are listed; the optimal one
// does not, and its total cost is a property of the two sets alone.
#pragma once

#include <Eigen/Core>
#include <vector>

namespace attractor {

// For a rows x cols cost matrix with rows <= cols, the distinct column of every row that makes
// the total cost smallest (the Hungarian algorithm with shortest augmenting paths, O(rows^2
// cols)). Deterministic: ties go to the lower column index. Throws InvalidArgument for
// rows > cols or a cost that is not finite.
std::vector<int> optimal_assignment(const Eigen::MatrixXd& cost);

}  // namespace attractor
