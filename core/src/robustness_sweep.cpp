#include "attractor/robustness_sweep.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "attractor/linear_algebra.hpp"

namespace attractor {
namespace {

const char* const kContext = "robustness";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace

const ParamSpec& RobustnessSweep::seeds_spec() {
  static const ParamSpec spec{
      "seeds", 1, 1000, 5, true, "", "How many perturbation seeds per epsilon."};
  return spec;
}

const ParamSpec& RobustnessSweep::first_seed_spec() {
  static const ParamSpec spec{"first_seed",
                              0,
                              kMaxSeed - 1000,
                              1,
                              true,
                              "",
                              "The first perturbation seed; the others follow it."};
  return spec;
}

const std::vector<std::string>& RobustnessSweep::quantities() {
  static const std::vector<std::string> names = {"residual",
                                                 "pairwise_error",
                                                 "distinct_end_states",
                                                 "gradient_log10_mean",
                                                 "near_zero_exponents",
                                                 "common_shift",
                                                 "slope",
                                                 "decoded_error",
                                                 "manifold_exponent",
                                                 "lyapunov_max"};
  return names;
}

RobustnessSweep::RobustnessSweep(const std::string& mechanism, const ParamValues& model_params,
                                 const ParamValues& config, const std::vector<double>& epsilons,
                                 int seeds, double first_seed)
    : mechanism_(mechanism),
      model_params_(model_params),
      config_(config),
      epsilons_(epsilons),
      seeds_(seeds),
      first_seed_(first_seed) {
  const std::string context = std::string(kContext) + " sweep";
  check_param(seeds_spec(), seeds, context);
  check_param(first_seed_spec(), first_seed, context);
  if (epsilons_.empty() || epsilons_.size() > 100) {
    throw InvalidArgument(context + ": " + std::to_string(epsilons_.size()) +
                          " epsilons given; a sweep needs 1 to 100");
  }
  for (double epsilon : epsilons_) {
    check_param(find_spec(RobustnessMeasure::param_specs(), "epsilon", context), epsilon, context);
  }
  for (const char* name : {"epsilon", "perturbation_seed"}) {
    if (config_.count(name) != 0) {
      throw InvalidArgument(context + ": " + name +
                            " is set by the sweep; give epsilons and seeds instead");
    }
  }
  // Builds the first cell now, so that every configuration error surfaces here.
  ParamValues first = config_;
  first["epsilon"] = epsilons_[0];
  first["perturbation_seed"] = first_seed_;
  current_ = std::make_unique<RobustnessMeasure>(mechanism_, model_params_, first);
  records_ = static_cast<int>(current_->config().at("records"));
  const double steps = current_->config().at("steps");
  for (int r = 0; r < records_; ++r) {
    times_.push_back(std::floor(steps * (r + 1) / records_) * current_->time_step());
  }
  const auto quantities_count = quantities().size();
  const std::size_t curves = quantities_count * epsilons_.size() * records_;
  mean_.assign(curves, kNaN);
  spread_.assign(curves, kNaN);
  min_.assign(curves, kNaN);
  max_.assign(curves, kNaN);
  values_.assign(curves * static_cast<std::size_t>(seeds_), kNaN);
}

double RobustnessSweep::progress() const {
  const double cells = static_cast<double>(epsilons_.size()) * seeds_;
  const double partial = current_ ? current_->progress() : 0.0;
  return std::min(1.0, (cell_ + partial) / cells);
}

void RobustnessSweep::advance(double budget) {
  check_param(budget_spec(), budget, std::string(kContext) + " sweep advance");
  double remaining = std::floor(budget);
  while (remaining > 0 && !done()) {
    if (!current_) {
      ParamValues config = config_;
      config["epsilon"] = epsilons_[static_cast<std::size_t>(cell_ / seeds_)];
      config["perturbation_seed"] = first_seed_ + cell_ % seeds_;
      current_ = std::make_unique<RobustnessMeasure>(mechanism_, model_params_, config);
    }
    const std::int64_t before = current_->work_done();
    current_->advance(remaining);
    remaining -= static_cast<double>(current_->work_done() - before);
    if (current_->done()) finish_cell();
  }
}

void RobustnessSweep::finish_cell() {
  const int e = cell_ / seeds_, s = cell_ % seeds_;
  const auto& records = current_->records();
  const std::size_t eps = epsilons_.size();
  const auto& exponents = current_->lyapunov_exponents();
  const double lyapunov_max = exponents.empty() ? kNaN : exponents.front();
  for (int r = 0; r < records_; ++r) {
    const RobustnessRecord& rec = records[static_cast<std::size_t>(r)];
    const double values[] = {rec.residual,
                             rec.pairwise_error,
                             rec.distinct_end_states,
                             rec.gradient_log10_mean,
                             current_->near_zero_exponents(),
                             rec.common_shift,
                             rec.slope,
                             rec.decoded_error,
                             rec.manifold_exponent,
                             lyapunov_max};
    for (std::size_t q = 0; q < quantities().size(); ++q) {
      values_[((q * eps + e) * seeds_ + s) * records_ + r] = values[q];
    }
  }
  current_.reset();
  ++cell_;
  if (s == seeds_ - 1) update_statistics(e);
}

void RobustnessSweep::update_statistics(int e) {
  const std::size_t eps = epsilons_.size();
  for (std::size_t q = 0; q < quantities().size(); ++q) {
    for (int r = 0; r < records_; ++r) {
      double sum = 0, lo = std::numeric_limits<double>::infinity(), hi = -lo;
      for (int s = 0; s < seeds_; ++s) {
        const double v = values_[((q * eps + e) * seeds_ + s) * records_ + r];
        sum += v;
        lo = std::fmin(lo, v);
        hi = std::fmax(hi, v);
      }
      const double mean = sum / seeds_;
      double squares = 0;
      for (int s = 0; s < seeds_; ++s) {
        const double d = values_[((q * eps + e) * seeds_ + s) * records_ + r] - mean;
        squares += d * d;
      }
      const std::size_t at = (q * eps + e) * records_ + r;
      if (std::isnan(mean)) {  // a quantity not measured (e.g. no Lyapunov run)
        lo = hi = kNaN;
      }
      mean_[at] = mean;
      spread_[at] = std::sqrt(squares / seeds_);
      min_[at] = lo;
      max_[at] = hi;
    }
  }
}

}  // namespace attractor
