#include "attractor/pca.hpp"

#include <Eigen/Eigenvalues>
#include <cmath>
#include <string>

#include "attractor/linear_algebra.hpp"

namespace attractor {
namespace {

const char* const kContext = "pca";

}  // namespace

const std::vector<ParamSpec>& Pca::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"k", 0, 4096, 3, true, "components",
       "How many principal components: 1 to the dimension, or 0 for all."},
      {"transient_steps", 0, 1e7, 0, true, "steps", "Steps run before sampling."},
      {"steps", 2, 1e6, 2000, true, "steps", "Length of the sampled trajectory."},
      {"every", 1, 1e6, 1, true, "steps", "Keep every this-many-th state."},
      analysis_seed_spec(),
      initial_scale_spec(),
  };
  return specs;
}

Pca::Pca(const Eigen::MatrixXd& data, double k) {
  const auto n = static_cast<int>(data.rows());
  const auto samples = static_cast<int>(data.cols());
  if (n < 1 || samples < 2) {
    throw InvalidArgument(std::string(kContext) + ": " + std::to_string(samples) +
                          " samples of dimension " + std::to_string(n) +
                          " given; at least 2 samples of dimension 1 or more are needed");
  }
  check_param(param_specs()[0], k, kContext);
  if (k > n) {
    throw InvalidArgument(std::string(kContext) + ": k = " + format_number(k) +
                          " is not allowed for " + std::to_string(n) +
                          "-dimensional data; k must be from 1 to " + std::to_string(n) +
                          ", or 0 for all");
  }
  if (!data.allFinite()) {
    throw InvalidArgument(std::string(kContext) + ": the data contain a non-finite value");
  }
  const int kept = k == 0 ? n : static_cast<int>(k);
  mean_ = data.rowwise().mean();
  const Eigen::MatrixXd centered = data.colwise() - mean_;
  const Eigen::MatrixXd covariance = centered * centered.transpose() / (samples - 1.0);
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> solver(covariance);
  total_variance_ = covariance.trace();
  components_.resize(n, kept);
  variances_.resize(kept);
  for (int j = 0; j < kept; ++j) {
    const int source = n - 1 - j;  // eigenvalues come in increasing order
    Eigen::VectorXd v = solver.eigenvectors().col(source);
    Eigen::Index largest = 0;
    v.cwiseAbs().maxCoeff(&largest);
    if (v[largest] < 0) v = -v;
    components_.col(j) = v;
    variances_[j] = std::fmax(solver.eigenvalues()[source], 0.0);
  }
}

Pca Pca::from_trajectory(const StepMap& map, const ParamValues& config,
                         const Eigen::VectorXd& initial_state, Eigen::MatrixXd* samples) {
  const ParamValues resolved = resolve_params(param_specs(), config, kContext);
  const int n = map.dimension();
  resolve_count(resolved.at("k"), n, kContext);
  const auto transient = static_cast<long>(resolved.at("transient_steps"));
  const auto steps = static_cast<long>(resolved.at("steps"));
  const auto every = static_cast<long>(resolved.at("every"));
  if (steps / every < 2) {
    throw InvalidArgument(std::string(kContext) + ": steps = " + std::to_string(steps) +
                          " with every = " + std::to_string(every) +
                          " keeps fewer than 2 states; steps must be at least 2 * every");
  }
  check_array_size(
      static_cast<double>(n) * static_cast<double>(steps / every),
      "dimension x kept states = " + std::to_string(n) + " x " + std::to_string(steps / every),
      "lower steps or raise every", kContext);
  Eigen::VectorXd x = initial_state_or_random(map, initial_state, resolved, kContext);
  Eigen::VectorXd next(n);
  Eigen::MatrixXd data(n, steps / every);
  for (long s = 1; s <= transient + steps; ++s) {
    map.step(x, next);
    x.swap(next);
    if (!x.allFinite()) {
      throw std::runtime_error(std::string(kContext) +
                               ": the trajectory left the finite range at step " +
                               std::to_string(s));
    }
    const long t = s - transient;
    if (t > 0 && t % every == 0 && t / every <= data.cols()) data.col(t / every - 1) = x;
  }
  Pca pca(data, resolved.at("k"));
  if (samples) *samples = std::move(data);
  return pca;
}

Eigen::VectorXd Pca::explained_ratio() const {
  return total_variance_ > 0 ? Eigen::VectorXd(variances_ / total_variance_)
                             : Eigen::VectorXd::Zero(variances_.size());
}

Eigen::MatrixXd Pca::project(const Eigen::MatrixXd& points) const {
  if (points.rows() != mean_.size()) {
    throw InvalidArgument(std::string(kContext) + ": points of dimension " +
                          std::to_string(points.rows()) + " cannot be projected; the fit was on " +
                          std::to_string(mean_.size()) + "-dimensional states");
  }
  return components_.transpose() * (points.colwise() - mean_);
}

}  // namespace attractor
