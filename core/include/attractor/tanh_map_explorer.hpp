// The (alpha, theta) plane of the 2-D tanh map h <- tanh(alpha R(theta) h), classified cell by
// cell, and the half-width L(alpha) of the resonance tongues that the QPTA initialization
// excludes.
//
// L(alpha) is read off the classification: on each alpha row the cells from theta = 0 that lock
// to a fixed point form the 1:1 tongue; the first cell outside brackets its edge, and bisection
// with the same classifier refines the edge to 1e-10 rad. The 1:4 (period 4 around pi/2) and 1:2
// (period 2 around pi) tongues are measured on the grid too: they have the same width, because
// tanh applied to each coordinate commutes with a quarter turn, so alpha R(pi/2 + d) acts like
// alpha R(d) followed by a quarter turn (and alpha R(pi + d) like alpha R(d) and a half turn).
#pragma once

#include <cstdint>
#include <vector>

#include "attractor/measures.hpp"
#include "attractor/params.hpp"
#include "attractor/tanh_map.hpp"

namespace attractor {

// The largest theta in [low, high] at which the classifier finds a fixed point for
// W = alpha R(theta), by bisection to `precision`; the caller guarantees that low is inside the
// 1:1 tongue and high outside. Starts every classification at the diagonal fixed point of
// theta = 0.
double tongue_half_width(double alpha, TanhMapClassifier& classifier, double low, double high,
                         double precision = 1e-10);
// The same over [0, pi/4] with the default classifier; 0 for alpha <= 1 (no tongue: the origin
// attracts everything).
double tongue_half_width(double alpha);

class TanhMapExplorer {
 public:
  static const std::vector<ParamSpec>& param_specs();
  static const ParamSpec& cells_spec();

  // Throws InvalidArgument for bad values and for alpha_min >= alpha_max.
  explicit TanhMapExplorer(const ParamValues& params = {});

  const ParamValues& params() const { return params_; }
  int alpha_count() const { return alpha_count_; }
  int theta_count() const { return theta_count_; }
  int cell_count() const { return alpha_count_ * theta_count_; }
  int cells_done() const { return cells_done_; }
  bool done() const { return cells_done_ == cell_count(); }
  double progress() const { return static_cast<double>(cells_done_) / cell_count(); }

  // Classifies up to `cells` more cells, row by row (alpha major, theta minor), and returns how
  // many it did; a user interface calls it in chunks to show progress and can stop in between.
  // Each cell starts from where its theta neighbour ended, so most need a short transient.
  int advance(int cells);
  // Forgets every result.
  void reset();

  const std::vector<double>& alphas() const { return alphas_; }
  const std::vector<double>& thetas() const { return thetas_; }  // 0 to pi
  // Per cell, index alpha_index * theta_count + theta_index; kind -1 until classified.
  const std::vector<std::int32_t>& kinds() const { return kinds_; }
  const std::vector<std::int32_t>& periods() const { return periods_; }
  const std::vector<double>& rotation_numbers() const { return rotation_numbers_; }
  // Per alpha row, NaN until the row is done or where there is no tongue (alpha <= 1):
  // the 1:1 tongue's half-width from the grid (midway between the last locked and the first
  // free cell), refined by bisection, and the grid half-widths of the 1:4 and 1:2 tongues.
  const std::vector<double>& boundary_grid() const { return boundary_grid_; }
  const std::vector<double>& boundary() const { return boundary_; }
  const std::vector<double>& boundary_period4() const { return boundary_period4_; }
  const std::vector<double>& boundary_period2() const { return boundary_period2_; }

  // cells_done, cell_count, progress, and the number of cells of each kind so far:
  // fixed_point_cells, periodic_cells, invariant_circle_cells, other_cells.
  Measures measures() const;

 private:
  void finish_row(int row);

  ParamValues params_;
  int alpha_count_ = 0, theta_count_ = 0;
  TanhMapClassifier classifier_;
  std::vector<double> alphas_, thetas_;
  std::vector<std::int32_t> kinds_, periods_;
  std::vector<double> rotation_numbers_;
  std::vector<double> boundary_grid_, boundary_, boundary_period4_, boundary_period2_;
  int cells_done_ = 0;
  double x_ = 0, y_ = 0;  // where the previous cell of the row ended
};

}  // namespace attractor
