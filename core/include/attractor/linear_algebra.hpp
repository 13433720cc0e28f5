// Shared pieces of the analysis tools: checking and drawing states, orthonormalizing a basis in
// a fixed order, and the eigenvalues of a StepMap's Jacobian at a state with their stability.
#pragma once

#include <Eigen/Core>
#include <complex>
#include <cstdint>
#include <string>
#include <vector>

#include "attractor/dynamics.hpp"
#include "attractor/params.hpp"

namespace attractor {

// Random streams of the analyses, apart from the models' own (rng.hpp).
namespace streams {
constexpr std::uint64_t kAnalysisState = 0xa11a0001;
constexpr std::uint64_t kAnalysisBasis = 0xa11a0002;
}  // namespace streams

// Specs shared by the analyses that start from a state: when no initial state is given they
// draw one, N(0, initial_scale^2) per unit, from `seed`.
const ParamSpec& analysis_seed_spec();
const ParamSpec& initial_scale_spec();
// The `budget` argument of advance(): how much work one call may do.
const ParamSpec& budget_spec();

// Throws InvalidArgument unless `x` has map.dimension() entries, all finite.
void check_state(const StepMap& map, const Eigen::VectorXd& x, const std::string& context,
                 const std::string& what = "initial state");

// N(0, scale^2) per entry, reproducible from `seed`.
Eigen::VectorXd random_state(int dimension, std::uint64_t seed, double scale);

// The given state if not empty (checked), else random_state from config's seed and
// initial_scale.
Eigen::VectorXd initial_state_or_random(const StepMap& map, const Eigen::VectorXd& given,
                                        const ParamValues& config, const std::string& context);

// Throws InvalidArgument for a count `k` of directions above the dimension; returns the count
// to use (0 means all).
int resolve_count(double k, int dimension, const std::string& context);

// Modified Gram-Schmidt on the columns of q, in column order with kernels::dot, so the result
// is the same in every build. norms[j] receives the length of column j after removing the
// earlier ones (the diagonal of R in q = Q R). A column that vanishes is replaced by a unit
// vector orthogonal to the earlier ones and gets norm 0.
void orthonormalize(Eigen::MatrixXd& q, Eigen::VectorXd& norms);

// Eigenvalues of the step's Jacobian at a state. For maps (time_step() == 1) these are the
// multipliers mu; for Euler-discretized flows they are converted to the rates of the flow,
// (mu - 1) / dt, the eigenvalues of Df. growth_rates holds, per unit time, how fast each
// direction grows: Re(lambda) for flows, log|mu| for maps. Sorted by growth rate, largest first
// (ties: larger imaginary part first).
struct LocalSpectrum {
  std::vector<std::complex<double>> eigenvalues;
  Eigen::VectorXd growth_rates;
  bool continuous_time = false;
};
LocalSpectrum local_spectrum(const StepMap& map, const Eigen::VectorXd& x);
LocalSpectrum spectrum_of_step_jacobian(const Eigen::MatrixXd& jacobian, double time_step);

// Stability from growth rates, with |rate| <= neutral_tolerance counted as neutral:
// stable (all decay), marginal (none grows, some neutral: a continuous attractor's directions),
// saddle (some grow, some decay), unstable (some grow, none decays).
enum class Stability { kStable, kMarginal, kSaddle, kUnstable };
struct StabilityCounts {
  int growing = 0;
  int neutral = 0;
  int decaying = 0;
};
StabilityCounts count_stability(const Eigen::VectorXd& growth_rates, double neutral_tolerance);
Stability classify(const StabilityCounts& counts);
const char* stability_name(Stability stability);

}  // namespace attractor
