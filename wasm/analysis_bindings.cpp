// The analysis tools for JavaScript, over any bound model:
//
//   const lyap = new Module.LyapunovSpectrum(model, {k: 3, steps: 20000}, initialState?);
//   while (!lyap.done()) { lyap.advance(1000); report(lyap.progress()); }   // a worker can
//   lyap.exponents();                                                        // yield between
//   lyap.delete();
//
// FixedPoints, GradientPersistence and Pca work the same way (Pca in one call). initialState is
// optional (a Float64Array or array with one entry per unit; without it the analysis draws one
// from its seed). Arrays come back as zero-copy views, valid until the next call into the module.
//
// Ownership: an analysis holds its own handle to the model (a clone of the JavaScript handle),
// so deleting the model's handle while an analysis still uses it is safe: the model object
// lives on until the analysis is deleted too. Changes to the model (perturb, ...) while an
// analysis runs change what the rest of the analysis measures.
#include <emscripten/bind.h>

#include <memory>
#include <string>
#include <vector>

#include "attractor/fixed_points.hpp"
#include "attractor/gradient_persistence.hpp"
#include "attractor/linear_algebra.hpp"
#include "attractor/lyapunov.hpp"
#include "attractor/pca.hpp"
#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

// A counted reference to a bound model: the analysis's own JavaScript handle.
class ModelReference {
 public:
  ModelReference(const val& model, const std::string& context) : handle_(val::undefined()) {
    if (!model.instanceof (val::module_property("BoundModel"))) {
      throw InvalidArgument(context +
                            ": the first argument must be a model, such as new "
                            "Module.LineAttractor({n: 16})");
    }
    if (model.call<bool>("isDeleted")) {
      throw InvalidArgument(context + ": the model has already been deleted");
    }
    handle_ = model.call<val>("clone");
  }
  ~ModelReference() { handle_.call<void>("delete"); }
  ModelReference(const ModelReference&) = delete;
  ModelReference& operator=(const ModelReference&) = delete;

  const StepMap& step_map() const { return handle_.as<const BoundModel&>().step_map(); }

 private:
  val handle_;
};

// undefined or null: none (the analysis draws one); otherwise an array or typed array.
Eigen::VectorXd state_from_js(const val& value, const std::string& context) {
  if (value.isUndefined() || value.isNull()) return Eigen::VectorXd();
  if (!val::global("Array").call<bool>("isArray", value) &&
      !val::global("ArrayBuffer").call<bool>("isView", value)) {
    throw InvalidArgument(context +
                          ": the initial state must be an array or Float64Array of numbers");
  }
  if (value["length"].as<double>() > kMaxArrayValues) {
    throw InvalidArgument(context +
                          ": the initial state has more entries than any model has units");
  }
  const std::vector<double> entries = emscripten::convertJSArrayToNumberVector<double>(value);
  return Eigen::Map<const Eigen::VectorXd>(entries.data(),
                                           static_cast<Eigen::Index>(entries.size()));
}

val copy(const Eigen::VectorXd& values) {
  return val::global("Float64Array").new_(view_of(values));
}

double checked_budget(double budget, const std::string& context) {
  return checked_argument(budget_spec(), budget, context + " advance");
}

// A model reference and the analysis over it, built in one guarded call. With two guarded member
// initializers, the JavaScript Error thrown by the second would skip the destructor of the first,
// and the reference's cloned handle would keep the model alive for ever.
template <class Analysis>
struct AnalysisParts {
  std::unique_ptr<ModelReference> model;
  std::unique_ptr<Analysis> analysis;
};

template <class Analysis>
AnalysisParts<Analysis> analysis_parts(const val& model, const val& config, const val& initial,
                                       const char* context) {
  return guarded([&] {
    AnalysisParts<Analysis> parts;
    parts.model = std::make_unique<ModelReference>(model, context);
    parts.analysis = std::make_unique<Analysis>(
        parts.model->step_map(), params_from_js(config, context), state_from_js(initial, context));
    return parts;
  });
}

class LyapunovBinding {
 public:
  // embind picks constructors by argument count: the initial state is optional.
  LyapunovBinding(const val& model, const val& config)
      : LyapunovBinding(model, config, val::undefined()) {}
  LyapunovBinding(const val& model, const val& config, const val& initial)
      : LyapunovBinding(analysis_parts<LyapunovSpectrum>(model, config, initial, kContext)) {}
  void advance(double budget) {
    guarded([&] { analysis_->advance(checked_budget(budget, kContext)); });
  }
  double progress() const { return analysis_->progress(); }
  bool done() const { return analysis_->done(); }
  int count() const { return analysis_->count(); }
  val exponents() const { return view_of(analysis_->exponents()); }
  val history_times() const { return view_of(analysis_->history_times()); }
  val history() const { return view_of(analysis_->history()); }
  val state() const { return view_of(analysis_->state()); }
  static val param_specs() { return specs_to_js(LyapunovSpectrum::param_specs()); }

 private:
  explicit LyapunovBinding(AnalysisParts<LyapunovSpectrum>&& parts)
      : model_(std::move(parts.model)), analysis_(std::move(parts.analysis)) {}

  static constexpr const char* kContext = "lyapunov spectrum";
  std::unique_ptr<ModelReference> model_;
  std::unique_ptr<LyapunovSpectrum> analysis_;
};

val spectrum_to_js(const LocalSpectrum& spectrum) {
  const auto n = static_cast<Eigen::Index>(spectrum.eigenvalues.size());
  Eigen::VectorXd real(n), imag(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    real[i] = spectrum.eigenvalues[static_cast<std::size_t>(i)].real();
    imag[i] = spectrum.eigenvalues[static_cast<std::size_t>(i)].imag();
  }
  val out = val::object();
  out.set("real", copy(real));
  out.set("imag", copy(imag));
  out.set("growthRates", copy(spectrum.growth_rates));
  out.set("continuousTime", spectrum.continuous_time);
  return out;
}

val point_to_js(const FixedPoint& point) {
  val out = spectrum_to_js(point.spectrum);
  out.set("x", copy(point.x));
  out.set("q", point.q);
  out.set("fixed", point.fixed);
  out.set("stability", std::string(stability_name(point.stability)));
  out.set("growing", point.counts.growing);
  out.set("neutral", point.counts.neutral);
  out.set("decaying", point.counts.decaying);
  out.set("hits", point.hits);
  return out;
}

class FixedPointsBinding {
 public:
  // embind picks constructors by argument count: the initial state is optional.
  FixedPointsBinding(const val& model, const val& config)
      : FixedPointsBinding(model, config, val::undefined()) {}
  FixedPointsBinding(const val& model, const val& config, const val& initial)
      : FixedPointsBinding(analysis_parts<FixedPointFinder>(model, config, initial, kContext)) {}
  void advance(double budget) {
    guarded([&] { finder_->advance(checked_budget(budget, kContext)); });
  }
  double progress() const { return finder_->progress(); }
  bool done() const { return finder_->done(); }
  int finished_starts() const { return finder_->finished_starts(); }
  int rejected() const { return finder_->rejected(); }
  // [{x, q, fixed, stability, real, imag, growthRates, continuousTime, growing, neutral,
  //   decaying, hits}, ...] as copies, in the order found.
  val points() const {
    val out = val::array();
    for (const auto& point : finder_->points()) out.call<void>("push", point_to_js(point));
    return out;
  }
  static val param_specs() { return specs_to_js(FixedPointFinder::param_specs()); }

 private:
  explicit FixedPointsBinding(AnalysisParts<FixedPointFinder>&& parts)
      : model_(std::move(parts.model)), finder_(std::move(parts.analysis)) {}

  static constexpr const char* kContext = "fixed points";
  std::unique_ptr<ModelReference> model_;
  std::unique_ptr<FixedPointFinder> finder_;
};

class GradientPersistenceBinding {
 public:
  // embind picks constructors by argument count: the initial state is optional.
  GradientPersistenceBinding(const val& model, const val& config)
      : GradientPersistenceBinding(model, config, val::undefined()) {}
  GradientPersistenceBinding(const val& model, const val& config, const val& initial)
      : GradientPersistenceBinding(
            analysis_parts<GradientPersistence>(model, config, initial, kContext)) {}
  void advance(double budget) {
    guarded([&] { analysis_->advance(checked_budget(budget, kContext)); });
  }
  double progress() const { return analysis_->progress(); }
  bool done() const { return analysis_->done(); }
  int count() const { return analysis_->count(); }
  val record_steps() const { return view_of(analysis_->record_steps()); }
  val record_times() const { return view_of(analysis_->record_times()); }
  val log_singular_values() const { return view_of(analysis_->log_singular_values()); }
  static val param_specs() { return specs_to_js(GradientPersistence::param_specs()); }

 private:
  explicit GradientPersistenceBinding(AnalysisParts<GradientPersistence>&& parts)
      : model_(std::move(parts.model)), analysis_(std::move(parts.analysis)) {}

  static constexpr const char* kContext = "gradient persistence";
  std::unique_ptr<ModelReference> model_;
  std::unique_ptr<GradientPersistence> analysis_;
};

// PCA of a trajectory of the model, fitted at construction (short: no advance()). Does not keep
// the model.
class PcaBinding {
 public:
  // embind picks constructors by argument count: the initial state is optional.
  PcaBinding(const val& model, const val& config) : PcaBinding(model, config, val::undefined()) {}
  PcaBinding(const val& model, const val& config, const val& initial)
      : pca_(guarded([&] {
          const ModelReference reference(model, kContext);
          Eigen::MatrixXd samples;
          auto pca = std::make_unique<Pca>(
              Pca::from_trajectory(reference.step_map(), params_from_js(config, kContext),
                                   state_from_js(initial, kContext), &samples));
          projected_ = pca->project(samples);
          return pca;
        })) {}
  int dimension() const { return pca_->dimension(); }
  int count() const { return pca_->count(); }
  val mean() const { return view_of(pca_->mean()); }
  // dimension x k, column-major: component j is entries [j * dimension, (j + 1) * dimension).
  val components() const {
    return val(emscripten::typed_memory_view(static_cast<std::size_t>(pca_->components().size()),
                                             pca_->components().data()));
  }
  val variances() const { return view_of(pca_->variances()); }
  val explained_ratio() const { return copy(pca_->explained_ratio()); }
  // The sampled trajectory on the components: k x samples, column-major.
  val trajectory() const {
    return val(emscripten::typed_memory_view(static_cast<std::size_t>(projected_.size()),
                                             projected_.data()));
  }
  // Projects points (dimension x m, column-major, e.g. fixed points one after another) to a new
  // Float64Array of k x m.
  val project(const val& points) const {
    return guarded([&] {
      const Eigen::VectorXd flat = state_from_js(points, kContext);
      const auto n = pca_->dimension();
      if (flat.size() == 0 || flat.size() % n != 0) {
        throw InvalidArgument(std::string(kContext) + ": " + std::to_string(flat.size()) +
                              " numbers cannot be read as points of dimension " +
                              std::to_string(n));
      }
      const Eigen::MatrixXd result =
          pca_->project(Eigen::Map<const Eigen::MatrixXd>(flat.data(), n, flat.size() / n));
      return copy(Eigen::Map<const Eigen::VectorXd>(result.data(), result.size()));
    });
  }
  static val param_specs() { return specs_to_js(Pca::param_specs()); }

 private:
  static constexpr const char* kContext = "pca";
  Eigen::MatrixXd projected_;
  std::unique_ptr<Pca> pca_;
};

// Module.eigenvaluesAt(model, state, neutralTolerance = 1e-6): the Jacobian's eigenvalues at a
// state (rates of the flow for Euler-discretized models), with their stability class.
val eigenvalues_at(const val& model, const val& state, const val& tolerance) {
  return guarded([&] {
    const std::string context = "eigenvalues";
    const ModelReference reference(model, context);
    const Eigen::VectorXd x = state_from_js(state, context);
    if (x.size() == 0) throw InvalidArgument(context + ": a state is needed");
    const LocalSpectrum spectrum = local_spectrum(reference.step_map(), x);
    const double neutral = tolerance.isUndefined() ? 1e-6 : tolerance.as<double>();
    if (!(neutral >= 0) || !std::isfinite(neutral)) {
      throw InvalidArgument(context + ": neutralTolerance = " + format_number(neutral) +
                            " is not allowed; it must be a finite number of at least 0");
    }
    val out = spectrum_to_js(spectrum);
    out.set("stability",
            std::string(stability_name(classify(count_stability(spectrum.growth_rates, neutral)))));
    return out;
  });
}

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(analysis) {
  using namespace attractor::wasm;
  using emscripten::val;
  emscripten::class_<LyapunovBinding>("LyapunovSpectrum")
      .constructor<const val&, const val&>()
      .constructor<const val&, const val&, const val&>()
      .function("advance", &LyapunovBinding::advance)
      .function("progress", &LyapunovBinding::progress)
      .function("done", &LyapunovBinding::done)
      .function("count", &LyapunovBinding::count)
      .function("exponents", &LyapunovBinding::exponents)
      .function("historyTimes", &LyapunovBinding::history_times)
      .function("history", &LyapunovBinding::history)
      .function("state", &LyapunovBinding::state)
      .class_function("paramSpecs", &LyapunovBinding::param_specs);
  emscripten::class_<FixedPointsBinding>("FixedPoints")
      .constructor<const val&, const val&>()
      .constructor<const val&, const val&, const val&>()
      .function("advance", &FixedPointsBinding::advance)
      .function("progress", &FixedPointsBinding::progress)
      .function("done", &FixedPointsBinding::done)
      .function("finishedStarts", &FixedPointsBinding::finished_starts)
      .function("rejected", &FixedPointsBinding::rejected)
      .function("points", &FixedPointsBinding::points)
      .class_function("paramSpecs", &FixedPointsBinding::param_specs);
  emscripten::class_<GradientPersistenceBinding>("GradientPersistence")
      .constructor<const val&, const val&>()
      .constructor<const val&, const val&, const val&>()
      .function("advance", &GradientPersistenceBinding::advance)
      .function("progress", &GradientPersistenceBinding::progress)
      .function("done", &GradientPersistenceBinding::done)
      .function("count", &GradientPersistenceBinding::count)
      .function("recordSteps", &GradientPersistenceBinding::record_steps)
      .function("recordTimes", &GradientPersistenceBinding::record_times)
      .function("logSingularValues", &GradientPersistenceBinding::log_singular_values)
      .class_function("paramSpecs", &GradientPersistenceBinding::param_specs);
  emscripten::class_<PcaBinding>("Pca")
      .constructor<const val&, const val&>()
      .constructor<const val&, const val&, const val&>()
      .function("dimension", &PcaBinding::dimension)
      .function("count", &PcaBinding::count)
      .function("mean", &PcaBinding::mean)
      .function("components", &PcaBinding::components)
      .function("variances", &PcaBinding::variances)
      .function("explainedRatio", &PcaBinding::explained_ratio)
      .function("trajectory", &PcaBinding::trajectory)
      .function("project", &PcaBinding::project)
      .class_function("paramSpecs", &PcaBinding::param_specs);
  emscripten::function("eigenvaluesAt", &eigenvalues_at);
  emscripten::function(
      "eigenvaluesAt", +[](const val& model, const val& state) {
        return eigenvalues_at(model, state, val::undefined());
      });
}
