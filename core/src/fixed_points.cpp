#include "attractor/fixed_points.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "attractor/kernels.hpp"

namespace attractor {
namespace {

const char* const kContext = "fixed points";
constexpr double kInfinity = std::numeric_limits<double>::infinity();

}  // namespace

const std::vector<ParamSpec>& FixedPointFinder::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"starts", 1, 10000, 32, true, "states",
       "How many starting states to minimize from, taken evenly along the trajectory."},
      {"trajectory_steps", 0, 1e7, 1000, true, "steps",
       "Length of the trajectory the starts are sampled from (0: every start is the initial "
       "state, plus noise)."},
      {"start_noise", 0, 1e6, 0, false, "",
       "Standard deviation of Gaussian noise added to every start, to explore around the "
       "trajectory."},
      {"max_iterations", 1, 100000, 200, true, "iterations",
       "Solver iterations allowed per start. Each costs about dimension^3 operations."},
      {"fixed_tolerance", 0, 1e6, 1e-16, false, "",
       "Points with q = |F|^2 / 2 at most this are fixed points; above it, slow points."},
      {"slow_tolerance", 0, 1e6, 1e-3, false, "",
       "Minima with q above this are discarded (neither fixed nor slow)."},
      {"merge_distance", 0, 1e6, 1e-3, false, "",
       "Points closer than this (Euclidean distance) are reported once."},
      {"neutral_tolerance", 0, 1e6, 1e-6, false, "per unit time",
       "Growth rates (Re lambda for flows, log|mu| for maps) within this of zero count as "
       "neutral when classifying stability."},
      analysis_seed_spec(),
      initial_scale_spec(),
  };
  return specs;
}

FixedPointFinder::FixedPointFinder(const StepMap& map, const ParamValues& config,
                                   const Eigen::VectorXd& initial_state)
    : map_(map) {
  init(config);
  trajectory_state_ = initial_state_or_random(map, initial_state, config_, kContext);
  start_count_ = static_cast<int>(config_.at("starts"));
  trajectory_steps_ = static_cast<std::int64_t>(config_.at("trajectory_steps"));
  starts_.resize(n_, start_count_);
}

FixedPointFinder::FixedPointFinder(const StepMap& map, const ParamValues& config,
                                   const Eigen::MatrixXd& starts)
    : map_(map) {
  init(config);
  if (starts.cols() < 1) {
    throw InvalidArgument(std::string(kContext) + ": at least one start is needed");
  }
  for (Eigen::Index j = 0; j < starts.cols(); ++j) {
    check_state(map, starts.col(j), kContext, "start " + std::to_string(j));
  }
  starts_ = starts;
  start_count_ = static_cast<int>(starts.cols());
  sampled_ = start_count_;
  trajectory_steps_ = 0;
}

void FixedPointFinder::init(const ParamValues& config) {
  config_ = resolve_params(param_specs(), config, kContext);
  n_ = map_.dimension();
  h_ = map_.time_step();
  max_iterations_ = static_cast<int>(config_.at("max_iterations"));
  start_noise_ = config_.at("start_noise");
  fixed_tolerance_ = config_.at("fixed_tolerance");
  slow_tolerance_ = config_.at("slow_tolerance");
  merge_distance_ = config_.at("merge_distance");
  neutral_tolerance_ = config_.at("neutral_tolerance");
  if (fixed_tolerance_ > slow_tolerance_) {
    throw InvalidArgument(std::string(kContext) +
                          ": fixed_tolerance = " + format_number(fixed_tolerance_) +
                          " is above slow_tolerance = " + format_number(slow_tolerance_) +
                          "; fixed_tolerance must be at most slow_tolerance");
  }
  noise_rng_ = Rng(static_cast<std::uint64_t>(config_.at("seed")), streams::kAnalysisBasis);
  for (Eigen::VectorXd* v : {&x_, &f_, &trial_, &f_trial_, &gradient_, &delta_, &scratch_}) {
    v->resize(n_);
  }
  jacobian_.resize(n_, n_);
  normal_.resize(n_, n_);
  damped_.resize(n_, n_);
}

double FixedPointFinder::evaluate_q(const Eigen::VectorXd& x, Eigen::VectorXd& f) const {
  map_.step(x, f);
  for (int i = 0; i < n_; ++i) f[i] = (f[i] - x[i]) / h_;
  const double q = 0.5 * kernels::dot(f.data(), f.data(), n_);
  return std::isfinite(q) ? q : kInfinity;
}

double FixedPointFinder::q_at(const Eigen::VectorXd& x) const {
  check_state(map_, x, kContext, "state");
  Eigen::VectorXd f(n_);
  return evaluate_q(x, f);
}

double FixedPointFinder::progress() const {
  const double total =
      static_cast<double>(trajectory_steps_) + static_cast<double>(start_count_) * max_iterations_;
  const double work = static_cast<double>(trajectory_done_) +
                      static_cast<double>(finished_starts_) * max_iterations_ +
                      (running_ ? iterations_ : 0);
  return done() ? 1.0 : work / total;
}

void FixedPointFinder::sample_trajectory_step() {
  map_.step(trajectory_state_, scratch_);
  trajectory_state_.swap(scratch_);
  ++trajectory_done_;
  for (int i = 0; i < n_; ++i) {
    if (!std::isfinite(trajectory_state_[i])) {
      throw std::runtime_error(std::string(kContext) +
                               ": the trajectory left the finite range at step " +
                               std::to_string(trajectory_done_) +
                               "; choose a smaller initial_scale or fewer trajectory_steps");
    }
  }
}

void FixedPointFinder::begin_start() {
  x_ = starts_.col(finished_starts_);
  if (start_noise_ > 0) {
    for (int i = 0; i < n_; ++i) x_[i] += start_noise_ * noise_rng_.normal();
  }
  q_ = evaluate_q(x_, f_);
  iterations_ = 0;
  lambda_ = -1.0;  // set from the first Jacobian
  need_jacobian_ = true;
  running_ = true;
}

void FixedPointFinder::iterate() {
  if (need_jacobian_) {
    map_.step_jacobian(x_, jacobian_);
    jacobian_.diagonal().array() -= 1.0;
    jacobian_ /= h_;
    gradient_.noalias() = jacobian_.transpose() * f_;
    normal_.noalias() = jacobian_.transpose() * jacobian_;
    if (lambda_ < 0) lambda_ = 1e-3 * std::fmax(normal_.diagonal().maxCoeff(), 1e-300);
    need_jacobian_ = false;
  }
  damped_ = normal_;
  damped_.diagonal().array() += lambda_;
  llt_.compute(damped_);
  delta_ = llt_.solve(gradient_);
  delta_ = -delta_;
  trial_ = x_ + delta_;
  const double q_trial = evaluate_q(trial_, f_trial_);
  ++iterations_;
  const double step = delta_.norm();
  const double size = 1.0 + x_.norm();
  bool stop = false;
  if (llt_.info() == Eigen::Success && q_trial < q_) {
    const double decrease = q_ - q_trial;
    x_.swap(trial_);
    f_.swap(f_trial_);
    q_ = q_trial;
    lambda_ = std::fmax(lambda_ / 3, 1e-300);
    need_jacobian_ = true;
    // Converged: no more progress to make at this precision.
    stop = q_ == 0.0 || step <= 1e-13 * size || decrease <= 1e-15 * q_;
  } else {
    lambda_ *= 4;
    // A rejected step that is already below rounding means x is a minimum to machine precision.
    stop = step <= 1e-13 * size || !std::isfinite(lambda_) || lambda_ > 1e300;
  }
  if (stop || iterations_ >= max_iterations_) finish_start();
}

void FixedPointFinder::finish_start() {
  running_ = false;
  ++finished_starts_;
  if (!(q_ <= slow_tolerance_)) {
    ++rejected_;
    return;
  }
  for (auto& point : points_) {
    if ((point.x - x_).norm() <= merge_distance_) {
      ++point.hits;
      if (q_ < point.q) {  // keep the better estimate of the same point
        point.x = x_;
        point.q = q_;
        point.fixed = q_ <= fixed_tolerance_;
      }
      return;
    }
  }
  FixedPoint point;
  point.x = x_;
  point.q = q_;
  point.fixed = q_ <= fixed_tolerance_;
  map_.step_jacobian(x_, jacobian_);
  point.spectrum = spectrum_of_step_jacobian(jacobian_, h_);
  point.counts = count_stability(point.spectrum.growth_rates, neutral_tolerance_);
  point.stability = classify(point.counts);
  need_jacobian_ = true;
  points_.push_back(std::move(point));
}

void FixedPointFinder::advance(double budget) {
  check_param(budget_spec(), budget, std::string(kContext) + " advance");
  auto remaining = static_cast<std::int64_t>(budget);
  while (remaining > 0 && !done()) {
    if (sampled_ < start_count_) {
      // Start i is the state after round((i + 1) T / S) steps of the trajectory.
      const std::int64_t due = trajectory_steps_ * (sampled_ + 1) / start_count_;
      if (trajectory_done_ < due) {
        sample_trajectory_step();
        --remaining;
      } else {
        starts_.col(sampled_++) = trajectory_state_;
      }
      continue;
    }
    if (!running_) begin_start();
    iterate();
    --remaining;
  }
}

}  // namespace attractor
