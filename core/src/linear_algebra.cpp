#include "attractor/linear_algebra.hpp"

#include <Eigen/Eigenvalues>
#include <algorithm>
#include <cmath>

#include "attractor/detmath.hpp"
#include "attractor/kernels.hpp"
#include "attractor/rng.hpp"

namespace attractor {

const ParamSpec& analysis_seed_spec() {
  static const ParamSpec spec{"seed",
                              0,
                              9007199254740991.0,
                              1,
                              true,
                              "",
                              "Seed of the random initial state (when none is given) and of "
                              "other random choices of the analysis."};
  return spec;
}

const ParamSpec& initial_scale_spec() {
  static const ParamSpec spec{"initial_scale",
                              0,
                              1e6,
                              0.5,
                              false,
                              "",
                              "Standard deviation of each unit of the random initial state, "
                              "used when no initial state is given."};
  return spec;
}

const ParamSpec& budget_spec() {
  static const ParamSpec spec{"budget",
                              1,
                              1e9,
                              1000,
                              true,
                              "",
                              "Work allowed in one advance() call: steps, or solver iterations."};
  return spec;
}

void check_state(const StepMap& map, const Eigen::VectorXd& x, const std::string& context,
                 const std::string& what) {
  if (x.size() != map.dimension()) {
    throw InvalidArgument(context + ": the " + what + " has " + std::to_string(x.size()) +
                          " entries; it must have one per unit of the model, " +
                          std::to_string(map.dimension()));
  }
  for (Eigen::Index i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i])) {
      throw InvalidArgument(context + ": the " + what + " has entry " + std::to_string(i) + " = " +
                            format_number(x[i]) + "; every entry must be finite");
    }
  }
}

Eigen::VectorXd random_state(int dimension, std::uint64_t seed, double scale) {
  Rng rng(seed, streams::kAnalysisState);
  Eigen::VectorXd x(dimension);
  for (int i = 0; i < dimension; ++i) x[i] = scale * rng.normal();
  return x;
}

Eigen::VectorXd initial_state_or_random(const StepMap& map, const Eigen::VectorXd& given,
                                        const ParamValues& config, const std::string& context) {
  if (given.size() > 0) {
    check_state(map, given, context);
    return given;
  }
  return random_state(map.dimension(), static_cast<std::uint64_t>(config.at("seed")),
                      config.at("initial_scale"));
}

int resolve_count(double k, int dimension, const std::string& context) {
  if (k > dimension) {
    throw InvalidArgument(context + ": k = " + format_number(k) + " is not allowed for a " +
                          std::to_string(dimension) + "-dimensional model; k must be from 1 to " +
                          std::to_string(dimension) + ", or 0 for all");
  }
  return k == 0 ? dimension : static_cast<int>(k);
}

void orthonormalize(Eigen::MatrixXd& q, Eigen::VectorXd& norms) {
  const int n = static_cast<int>(q.rows());
  const int k = static_cast<int>(q.cols());
  norms.resize(k);
  for (int j = 0; j < k; ++j) {
    double* column = q.col(j).data();
    for (int i = 0; i < j; ++i) {
      const double* earlier = q.col(i).data();
      const double projection = kernels::dot(earlier, column, n);
      for (int r = 0; r < n; ++r) column[r] -= projection * earlier[r];
    }
    const double length = std::sqrt(kernels::dot(column, column, n));
    norms[j] = length;
    if (length > 1e-300 && std::isfinite(length)) {
      for (int r = 0; r < n; ++r) column[r] /= length;
      continue;
    }
    // The map collapsed this direction (a zero multiplier): carry on with any unit vector
    // orthogonal to the earlier columns; norm 0 records the collapse.
    norms[j] = 0.0;
    for (int candidate = 0; candidate < n; ++candidate) {
      for (int r = 0; r < n; ++r) column[r] = r == candidate ? 1.0 : 0.0;
      for (int i = 0; i < j; ++i) {
        const double* earlier = q.col(i).data();
        const double projection = kernels::dot(earlier, column, n);
        for (int r = 0; r < n; ++r) column[r] -= projection * earlier[r];
      }
      const double rest = std::sqrt(kernels::dot(column, column, n));
      if (rest > 0.5) {
        for (int r = 0; r < n; ++r) column[r] /= rest;
        break;
      }
    }
  }
}

LocalSpectrum spectrum_of_step_jacobian(const Eigen::MatrixXd& jacobian, double time_step) {
  LocalSpectrum out;
  out.continuous_time = time_step != 1.0;
  const Eigen::EigenSolver<Eigen::MatrixXd> solver(jacobian, false);
  if (solver.info() != Eigen::Success) {
    throw std::runtime_error("eigenvalues: the eigenvalue iteration did not converge");
  }
  const auto& mu = solver.eigenvalues();
  const int n = static_cast<int>(mu.size());
  std::vector<std::pair<double, std::complex<double>>> entries;
  entries.reserve(n);
  for (int i = 0; i < n; ++i) {
    if (out.continuous_time) {
      const std::complex<double> rate = (mu[i] - 1.0) / time_step;
      entries.emplace_back(rate.real(), rate);
    } else {
      entries.emplace_back(det::log(std::abs(mu[i])), mu[i]);
    }
  }
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    if (a.first != b.first) return a.first > b.first;
    return a.second.imag() > b.second.imag();
  });
  out.growth_rates.resize(n);
  out.eigenvalues.reserve(n);
  for (int i = 0; i < n; ++i) {
    out.growth_rates[i] = entries[i].first;
    out.eigenvalues.push_back(entries[i].second);
  }
  return out;
}

LocalSpectrum local_spectrum(const StepMap& map, const Eigen::VectorXd& x) {
  check_state(map, x, "eigenvalues", "state");
  Eigen::MatrixXd jacobian;
  map.step_jacobian(x, jacobian);
  return spectrum_of_step_jacobian(jacobian, map.time_step());
}

StabilityCounts count_stability(const Eigen::VectorXd& growth_rates, double neutral_tolerance) {
  StabilityCounts counts;
  for (Eigen::Index i = 0; i < growth_rates.size(); ++i) {
    const double g = growth_rates[i];
    if (g > neutral_tolerance) {
      ++counts.growing;
    } else if (g < -neutral_tolerance) {
      ++counts.decaying;
    } else {
      ++counts.neutral;
    }
  }
  return counts;
}

Stability classify(const StabilityCounts& counts) {
  if (counts.growing == 0) return counts.neutral == 0 ? Stability::kStable : Stability::kMarginal;
  return counts.decaying > 0 ? Stability::kSaddle : Stability::kUnstable;
}

const char* stability_name(Stability stability) {
  switch (stability) {
    case Stability::kStable:
      return "stable";
    case Stability::kMarginal:
      return "marginal";
    case Stability::kSaddle:
      return "saddle";
    case Stability::kUnstable:
      return "unstable";
  }
  return "unknown";
}

}  // namespace attractor
