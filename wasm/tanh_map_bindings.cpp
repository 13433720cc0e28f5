#include <emscripten/bind.h>

#include <cstdint>

#include "attractor/qpta.hpp"
#include "attractor/tanh_map.hpp"
#include "attractor/tanh_map_explorer.hpp"
#include "simulation_binding.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

val classification_to_js(const Classification& c) {
  return measures_to_js(classification_measures(c));
}

// `new Module.TanhMap({alpha: 1.5, theta: 1})`: one 2-D map h <- tanh(W h).
class TanhMapBinding : public SimulationBinding<TanhMapBinding, TanhMap> {
 public:
  static constexpr const char* kContext = "tanh map";
  using SimulationBinding::SimulationBinding;

  val classify() const {
    return guarded([&] { return classification_to_js(model_.classify()); });
  }
};

// `new Module.TanhMapExplorer({alpha_count: 200, theta_count: 200})`; call advance(cells) in
// chunks, reading progress() in between; results are zero-copy views.
class TanhMapExplorerBinding {
 public:
  explicit TanhMapExplorerBinding(const val& params)
      : explorer_(
            guarded([&] { return TanhMapExplorer(params_from_js(params, "tanh map explorer")); })) {
  }

  int advance(double cells) {
    return guarded([&] {
      return explorer_.advance(static_cast<int>(
          checked_argument(TanhMapExplorer::cells_spec(), cells, "tanh map explorer advance")));
    });
  }
  void reset() { explorer_.reset(); }
  bool done() const { return explorer_.done(); }
  double progress() const { return explorer_.progress(); }
  int alpha_count() const { return explorer_.alpha_count(); }
  int theta_count() const { return explorer_.theta_count(); }
  val measures() const { return measures_to_js(explorer_.measures()); }
  val params() const { return params_to_js(explorer_.params()); }
  val alphas_view() const { return view_of(explorer_.alphas()); }
  val thetas_view() const { return view_of(explorer_.thetas()); }
  val kinds_view() const { return view_of(explorer_.kinds()); }
  val periods_view() const { return view_of(explorer_.periods()); }
  val rotation_numbers_view() const { return view_of(explorer_.rotation_numbers()); }
  val boundary_view() const { return view_of(explorer_.boundary()); }
  val boundary_grid_view() const { return view_of(explorer_.boundary_grid()); }
  val boundary_period4_view() const { return view_of(explorer_.boundary_period4()); }
  val boundary_period2_view() const { return view_of(explorer_.boundary_period2()); }
  static val param_specs() { return specs_to_js(TanhMapExplorer::param_specs()); }
  static val argument_specs() {
    val out = val::object();
    out.set(TanhMapExplorer::cells_spec().name, spec_to_js(TanhMapExplorer::cells_spec()));
    return out;
  }

 private:
  TanhMapExplorer explorer_;
};

double qpta_boundary_js(double alpha) {
  return guarded([&] { return qpta_boundary(alpha); });
}

// {alpha: Float64Array, theta: Float64Array} (copies), drawn like the torus network's blocks.
val sample_qpta_js(double count, double seed) {
  return guarded([&] {
    static const ParamSpec count_spec{"count", 1, 100000, 256, true, "", "Blocks to draw."};
    static const ParamSpec seed_spec{"seed", 0, 9007199254740991.0, 1, true, "", "Seed."};
    checked_argument(count_spec, count, "qpta sample");
    checked_argument(seed_spec, seed, "qpta sample");
    Rng rng(static_cast<std::uint64_t>(seed), streams::kWeights);
    const auto blocks = sample_qpta_blocks(static_cast<int>(count), rng);
    std::vector<double> alphas, thetas;
    for (const auto& b : blocks) alphas.push_back(b.alpha), thetas.push_back(b.theta);
    val out = val::object();
    out.set("alpha", float64_array(alphas));
    out.set("theta", float64_array(thetas));
    return out;
  });
}

val qpta_boundary_table_js() {
  return view_of(qpta_boundary_table());
}

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(tanh_map) {
  using attractor::wasm::TanhMapBinding;
  using attractor::wasm::TanhMapExplorerBinding;
  attractor::wasm::bind_simulation<TanhMapBinding>("TanhMap").function("classify",
                                                                       &TanhMapBinding::classify);
  emscripten::class_<TanhMapExplorerBinding>("TanhMapExplorer")
      .constructor<const emscripten::val&>()
      .function("advance", &TanhMapExplorerBinding::advance)
      .function("reset", &TanhMapExplorerBinding::reset)
      .function("done", &TanhMapExplorerBinding::done)
      .function("progress", &TanhMapExplorerBinding::progress)
      .function("alphaCount", &TanhMapExplorerBinding::alpha_count)
      .function("thetaCount", &TanhMapExplorerBinding::theta_count)
      .function("measures", &TanhMapExplorerBinding::measures)
      .function("params", &TanhMapExplorerBinding::params)
      .function("alphasView", &TanhMapExplorerBinding::alphas_view)
      .function("thetasView", &TanhMapExplorerBinding::thetas_view)
      .function("kindsView", &TanhMapExplorerBinding::kinds_view)
      .function("periodsView", &TanhMapExplorerBinding::periods_view)
      .function("rotationNumbersView", &TanhMapExplorerBinding::rotation_numbers_view)
      .function("boundaryView", &TanhMapExplorerBinding::boundary_view)
      .function("boundaryGridView", &TanhMapExplorerBinding::boundary_grid_view)
      .function("boundaryPeriod4View", &TanhMapExplorerBinding::boundary_period4_view)
      .function("boundaryPeriod2View", &TanhMapExplorerBinding::boundary_period2_view)
      .class_function("paramSpecs", &TanhMapExplorerBinding::param_specs)
      .class_function("argumentSpecs", &TanhMapExplorerBinding::argument_specs);
  emscripten::function("qptaBoundary", &attractor::wasm::qpta_boundary_js);
  emscripten::function("qptaBoundaryTableView", &attractor::wasm::qpta_boundary_table_js);
  emscripten::function("sampleQptaBlocks", &attractor::wasm::sample_qpta_js);
}
