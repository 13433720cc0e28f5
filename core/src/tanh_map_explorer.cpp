#include "attractor/tanh_map_explorer.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "attractor/phase.hpp"

namespace attractor {
namespace {

const char* const kContext = "tanh map explorer";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ClassifierOptions options_from(const ParamValues& params) {
  ClassifierOptions options;
  options.transient = static_cast<int>(params.at("transient"));
  options.window = static_cast<int>(params.at("window"));
  options.max_period = static_cast<int>(params.at("max_period"));
  return options;
}

bool locked_to_fixed_point(double alpha, double theta, TanhMapClassifier& classifier) {
  const double start = tanh_map_diagonal_start(alpha);
  return classifier.classify(Mat2::scaled_rotation(alpha, theta), start, start).kind ==
         AttractorKind::kFixedPoint;
}

}  // namespace

double tongue_half_width(double alpha, TanhMapClassifier& classifier, double low, double high,
                         double precision) {
  while (high - low > precision) {
    const double mid = 0.5 * (low + high);
    (locked_to_fixed_point(alpha, mid, classifier) ? low : high) = mid;
  }
  return 0.5 * (low + high);
}

double tongue_half_width(double alpha) {
  if (alpha <= 1) return 0.0;
  TanhMapClassifier classifier;
  return tongue_half_width(alpha, classifier, 0.0, phase::kPi / 4);
}

const std::vector<ParamSpec>& TanhMapExplorer::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"alpha_min", 0.1, 10, 1.001, false, "", "Smallest alpha of the grid."},
      {"alpha_max", 0.1, 10, 10, false, "", "Largest alpha of the grid; above alpha_min."},
      {"alpha_count", 2, 1000, 200, true, "", "Grid points along alpha."},
      {"theta_count", 3, 2000, 200, true, "", "Grid points along theta, from 0 to pi."},
      {"transient", 0, 100000, 300, true, "steps", "Steps before a cell is looked at."},
      {"window", 16, 4096, 128, true, "steps", "Steps looked at to classify a cell."},
      {"max_period", 1, 64, 16, true, "", "Longest period reported as periodic."},
  };
  return specs;
}

const ParamSpec& TanhMapExplorer::cells_spec() {
  static const ParamSpec spec{"cells", 0, 4000000, 1000, true, "", "Cells to classify now."};
  return spec;
}

TanhMapExplorer::TanhMapExplorer(const ParamValues& params)
    : params_(resolve_params(param_specs(), params, kContext)), classifier_(options_from(params_)) {
  const double alpha_min = params_.at("alpha_min"), alpha_max = params_.at("alpha_max");
  if (!(alpha_min < alpha_max)) {
    throw InvalidArgument(std::string(kContext) + ": alpha_min = " + format_number(alpha_min) +
                          " is not below alpha_max = " + format_number(alpha_max) +
                          "; alpha_min must be less than alpha_max");
  }
  alpha_count_ = static_cast<int>(params_.at("alpha_count"));
  theta_count_ = static_cast<int>(params_.at("theta_count"));
  alphas_.resize(alpha_count_);
  for (int i = 0; i < alpha_count_; ++i) {
    alphas_[i] = alpha_min + (alpha_max - alpha_min) * i / (alpha_count_ - 1);
  }
  thetas_.resize(theta_count_);
  for (int j = 0; j < theta_count_; ++j) thetas_[j] = phase::kPi * j / (theta_count_ - 1);
  kinds_.resize(cell_count());
  periods_.resize(cell_count());
  rotation_numbers_.resize(cell_count());
  for (auto* row : {&boundary_grid_, &boundary_, &boundary_period4_, &boundary_period2_}) {
    row->resize(alpha_count_);
  }
  reset();
}

void TanhMapExplorer::reset() {
  cells_done_ = 0;
  std::fill(kinds_.begin(), kinds_.end(), -1);
  std::fill(periods_.begin(), periods_.end(), 0);
  std::fill(rotation_numbers_.begin(), rotation_numbers_.end(), kNaN);
  for (auto* row : {&boundary_grid_, &boundary_, &boundary_period4_, &boundary_period2_}) {
    std::fill(row->begin(), row->end(), kNaN);
  }
}

int TanhMapExplorer::advance(int cells) {
  check_param(cells_spec(), cells, std::string(kContext) + " advance");
  int done_now = 0;
  while (done_now < cells && !done()) {
    const int row = cells_done_ / theta_count_, column = cells_done_ % theta_count_;
    const double alpha = alphas_[row];
    if (column == 0) {
      const double start = alpha > 1 ? tanh_map_diagonal_start(alpha) : 0.5;
      x_ = y_ = start;
    }
    const Classification c =
        classifier_.classify(Mat2::scaled_rotation(alpha, thetas_[column]), x_, y_);
    kinds_[cells_done_] = static_cast<std::int32_t>(c.kind);
    periods_[cells_done_] = c.period;
    rotation_numbers_[cells_done_] = c.rotation_number;
    x_ = c.x, y_ = c.y;
    ++cells_done_;
    ++done_now;
    if (column == theta_count_ - 1) finish_row(row);
  }
  return done_now;
}

void TanhMapExplorer::finish_row(int row) {
  const double alpha = alphas_[row];
  if (alpha <= 1) return;  // the origin attracts: no circle, no tongue
  const int n = theta_count_;
  const std::int32_t* kind = &kinds_[static_cast<std::size_t>(row) * n];
  const std::int32_t* period = &periods_[static_cast<std::size_t>(row) * n];
  auto locked = [&](int j, int k) {
    return period[j] == k && (kind[j] == static_cast<int>(AttractorKind::kFixedPoint) ||
                              kind[j] == static_cast<int>(AttractorKind::kPeriodic));
  };
  const std::vector<double>& t = thetas_;

  // 1:1 tongue: locked cells from theta = 0 on.
  int free_at = 0;
  while (free_at < n && locked(free_at, 1)) ++free_at;
  if (free_at > 0 && free_at < n) {
    boundary_grid_[row] = 0.5 * (t[free_at - 1] + t[free_at]);
    boundary_[row] = tongue_half_width(alpha, classifier_, t[free_at - 1], t[free_at]);
  }
  // 1:2 tongue: period-2 cells from theta = pi down.
  int from_top = 0;
  while (from_top < n && locked(n - 1 - from_top, 2)) ++from_top;
  if (from_top > 0 && from_top < n) {
    boundary_period2_[row] = phase::kPi - 0.5 * (t[n - from_top] + t[n - 1 - from_top]);
  }
  // 1:4 tongue: period-4 cells on both sides of pi/2; none locked means narrower than the grid.
  int below = 0;
  while (below + 1 < n && t[below + 1] <= phase::kPi / 2) ++below;
  int above = below + 1;
  if (!locked(below, 4) && !(above < n && locked(above, 4))) {
    boundary_period4_[row] = 0.0;
  } else {
    while (below >= 0 && locked(below, 4)) --below;
    while (above < n && locked(above, 4)) ++above;
    if (below >= 0 && above < n) {
      const double low_edge = 0.5 * (t[below] + t[below + 1]);
      const double high_edge = 0.5 * (t[above - 1] + t[above]);
      boundary_period4_[row] = 0.5 * (high_edge - low_edge);
    }
  }
}

Measures TanhMapExplorer::measures() const {
  double counts[4] = {0, 0, 0, 0};
  for (int i = 0; i < cells_done_; ++i) counts[kinds_[i]] += 1;
  return {
      {"cells_done", static_cast<double>(cells_done_)},
      {"cell_count", static_cast<double>(cell_count())},
      {"progress", progress()},
      {"fixed_point_cells", counts[0]},
      {"periodic_cells", counts[1]},
      {"invariant_circle_cells", counts[2]},
      {"other_cells", counts[3]},
  };
}

}  // namespace attractor
