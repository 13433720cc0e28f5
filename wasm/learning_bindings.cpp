// Readout learning (FORCE, LMS) on a rate network, the trial-by-trial learning bench, and the
// traveling-wave lattice.
#include <emscripten/bind.h>

#include <cmath>
#include <complex>
#include <memory>
#include <string>
#include <vector>

#include "attractor/readout_learning.hpp"
#include "attractor/trial_bench.hpp"
#include "attractor/wave_memory.hpp"
#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

// {re, im}: the real and imaginary parts of complex values as two Float64Arrays.
val complex_to_js(const std::vector<std::complex<double>>& values) {
  std::vector<double> re, im;
  for (const auto& value : values) {
    re.push_back(value.real());
    im.push_back(value.imag());
  }
  val out = val::object();
  out.set("re", float64_array(re));
  out.set("im", float64_array(im));
  return out;
}

// `new Module.ReadoutLearning(networkParams, learnerParams, "force" | "lms")`: a rate network
// and the rule that learns its readout.
class ReadoutLearningBinding : public BoundModel {
 public:
  ReadoutLearningBinding(const val& network_params, const val& learner_params,
                         const std::string& rule)
      : ReadoutLearningBinding(guarded([&] {
          Parts parts;
          parts.network =
              std::make_unique<RateNetwork>(params_from_js(network_params, "rate network"));
          parts.learner = std::make_unique<ReadoutLearner>(
              *parts.network, params_from_js(learner_params, "readout learning"), rule);
          return parts;
        })) {}

  const StepMap& step_map() const override { return *network_; }

  void train(const val& targets) {
    guarded([&] { learner_->train(numbers_from_js(targets, "readout learning train")); });
  }
  double test(const val& targets) {
    return guarded(
        [&] { return learner_->test(numbers_from_js(targets, "readout learning test")); });
  }
  val outputs_view() const {
    return val(
        emscripten::typed_memory_view(learner_->outputs().size(), learner_->outputs().data()));
  }
  val errors_view() const {
    return val(emscripten::typed_memory_view(learner_->errors().size(), learner_->errors().data()));
  }
  val readout_view() const {
    const auto& w = network_->readout_weights();
    return val(emscripten::typed_memory_view(w.size(), w.data()));
  }
  val measures() const { return measures_to_js(learner_->measures()); }
  val network_measures() const { return measures_to_js(network_->measures()); }

  static val param_specs() { return specs_to_js(ReadoutLearner::param_specs()); }
  // The four-sine target at the `count` steps after step `first`, steps of dt seconds.
  static val four_sine_targets(double first, double count, double dt) {
    return guarded([&] {
      check_param({"count", 0, 1e7, 1000, true, "", ""}, count, "fourSineTargets");
      std::vector<double> out(static_cast<std::size_t>(count));
      for (std::size_t t = 0; t < out.size(); ++t) {
        out[t] = four_sine_target((first + static_cast<double>(t) + 1) * dt);
      }
      return float64_array(out);
    });
  }

 private:
  // Built in one guarded call: a JavaScript Error thrown while building the learner would skip
  // the destructor of an already built network member, which then leaked.
  struct Parts {
    std::unique_ptr<RateNetwork> network;
    std::unique_ptr<ReadoutLearner> learner;
  };
  explicit ReadoutLearningBinding(Parts&& parts)
      : network_(std::move(parts.network)), learner_(std::move(parts.learner)) {}

  std::unique_ptr<RateNetwork> network_;
  std::unique_ptr<ReadoutLearner> learner_;
};

// A string option of the bench's parameter object, or its default.
std::string string_option(const val& params, const char* name, const std::string& fallback) {
  if (params.isUndefined() || params.isNull()) return fallback;
  const val value = params[name];
  if (value.isUndefined()) return fallback;
  if (value.typeOf().as<std::string>() != "string") {
    throw InvalidArgument(std::string("learning bench: ") + name + " must be a string");
  }
  return value.as<std::string>();
}

// The numbers of the bench's parameter object: everything but rule, task and order, with
// order 'random' | 'sorted' turned into sorted = 0 | 1.
ParamValues bench_params(const val& params) {
  if (params.isUndefined() || params.isNull()) return {};
  if (params.typeOf().as<std::string>() != "object") {
    throw InvalidArgument("learning bench: parameters must be an object, such as {rule: 'force'}");
  }
  val numbers = val::object();
  const val keys = val::global("Object").call<val>("keys", params);
  for (int i = 0; i < keys["length"].as<int>(); ++i) {
    const std::string name = keys[i].as<std::string>();
    if (name != "rule" && name != "task" && name != "order") numbers.set(name, params[name]);
  }
  ParamValues out = params_from_js(numbers, "learning bench");
  const std::string order = string_option(params, "order", "");
  if (order == "sorted" || order == "random") {
    out["sorted"] = order == "sorted" ? 1 : 0;
  } else if (!order.empty()) {
    throw InvalidArgument("learning bench: order " + quoted(order) +
                          " is not known; choose one of random, sorted");
  }
  return out;
}

// `new Module.LearningBench({rule: 'force' | 'lms', task: 'memory' | 'pattern',
// order: 'random' | 'sorted', n, g, seed, learning_rate, alpha, values, ...})`: a rate network
// with one input and readout feedback, trained one trial at a time.
class LearningBench : public BoundModel {
 public:
  explicit LearningBench(const val& params)
      : bench_(guarded([&] {
          return std::make_unique<TrialBench>(bench_params(params),
                                              string_option(params, "rule", "force"),
                                              string_option(params, "task", "memory"));
        })) {}

  const StepMap& step_map() const override { return bench_->network(); }

  // One trial; returns the measures after it.
  val run_trial() {
    guarded([&] { bench_->run_trial(); });
    return measures();
  }
  // Up to `count` trials, stopping early after the trial that reaches the criterion if
  // `until_criterion`; returns the measures after the last.
  val run_trials(double count, bool until_criterion) {
    guarded([&] {
      check_param({"count", 1, 100000, 1, true, "trials", ""}, count, "runTrials");
      for (int k = 0; k < static_cast<int>(count); ++k) {
        bench_->run_trial();
        if (until_criterion && bench_->trials_to_criterion() >= 0) break;
      }
    });
    return measures();
  }
  val measures() const { return measures_to_js(bench_->measures()); }
  int trials() const { return bench_->trials(); }
  // -1 until reached.
  int trials_to_criterion() const { return bench_->trials_to_criterion(); }
  std::string rule() const { return bench_->rule(); }
  std::string task() const { return bench_->task(); }

  val outputs_view() const { return view_of(bench_->outputs()); }
  val targets_view() const { return view_of(bench_->targets()); }
  val readout_view() const {
    const auto& w = bench_->network().readout_weights();
    return val(emscripten::typed_memory_view(w.size(), w.data()));
  }
  // The values c (memory) or input levels (pattern).
  val values_view() const {
    return view_of(bench_->memory() ? bench_->memory()->values() : bench_->pattern()->levels());
  }
  // Per value or level: 1 survived, 0 not, NaN not trained yet (memory: the free-run check).
  val survived() const {
    if (bench_->pattern()) return float64_array(bench_->pattern()->survived());
    const MemoryTrials& memory = *bench_->memory();
    std::vector<double> out(memory.values().size());
    for (std::size_t m = 0; m < out.size(); ++m) {
      out[m] = std::isnan(memory.recalled()[m]) ? std::nan("") : memory.survived()[m] ? 1.0 : 0.0;
    }
    return float64_array(out);
  }
  // Memory: per value, 1 if an attracting fixed point lies within tolerance.
  val fixed_point_survived_view() const {
    return bench_->memory() ? view_of(bench_->memory()->fixed_point_survived()) : empty();
  }
  // Memory: z at the end of each value's free run.
  val recalled_view() const {
    return bench_->memory() ? view_of(bench_->memory()->recalled()) : empty();
  }
  val output_changes_view() const {
    return bench_->memory() ? view_of(bench_->memory()->output_changes()) : empty();
  }
  val state_correlations_view() const {
    return bench_->memory() ? view_of(bench_->memory()->state_correlations()) : empty();
  }
  // Memory: [{z, q, fixed, stability, maxGrowthRate}] sorted by z.
  val fixed_points() const {
    val out = val::array();
    if (!bench_->memory()) return out;
    for (const auto& point : bench_->memory()->fixed_points()) {
      val item = val::object();
      item.set("z", point.z);
      item.set("q", point.q);
      item.set("fixed", point.fixed);
      item.set("stability", std::string(stability_name(point.stability)));
      item.set("maxGrowthRate", point.max_growth_rate);
      out.call<void>("push", item);
    }
    return out;
  }
  // Pattern: [{level, targetFrequency, frequency, amplitude, survived}] per trained level.
  val limit_cycles() const {
    val out = val::array();
    if (!bench_->pattern()) return out;
    const PatternTrials& pattern = *bench_->pattern();
    for (std::size_t k = 0; k < pattern.levels().size(); ++k) {
      if (std::isnan(pattern.survived()[k])) continue;
      val item = val::object();
      item.set("level", pattern.levels()[k]);
      item.set("targetFrequency", pattern.frequencies()[k]);
      item.set("frequency", nan_to_null(pattern.measured_frequencies()[k]));
      item.set("amplitude", pattern.measured_amplitudes()[k]);
      item.set("survived", pattern.survived()[k] == 1.0);
      out.call<void>("push", item);
    }
    return out;
  }

  static val param_specs(const std::string& task) {
    return guarded([&] { return specs_to_js(TrialBench::param_specs(task)); });
  }

 private:
  static val empty() { return float64_array({}); }
  static val nan_to_null(double value) { return std::isnan(value) ? val::null() : val(value); }

  std::unique_ptr<TrialBench> bench_;
};

// `new Module.WaveLattice({dims, lag}, rule)`.
class WaveLatticeBinding {
 public:
  WaveLatticeBinding(const val& params, const std::string& rule)
      : lattice_(
            guarded([&] { return WaveLattice(params_from_js(params, "wave lattice"), rule); })) {}

  // One step with the start column written by `input` (dims numbers).
  void step_with_input(const val& input) {
    guarded([&] {
      const auto column = numbers_from_js(input, "wave lattice step");
      lattice_.step(&column);
    });
  }
  // One step with the start column written by the boundary condition.
  void step() { lattice_.step(); }
  void reset() { lattice_.reset(); }
  // dims x lag, column-major, column 0 newest.
  val lattice_view() const {
    return val(emscripten::typed_memory_view(lattice_.lattice().size(), lattice_.lattice().data()));
  }
  val step_matrix_view() const {
    return val(emscripten::typed_memory_view(lattice_.step_matrix().size(),
                                             lattice_.step_matrix().data()));
  }
  // {re, im} of the step matrix's eigenvalues.
  val eigenvalues() const { return complex_to_js(eigenvalues_of(lattice_.step_matrix())); }
  // {re, im} of the lattice's spectrum from its rule, with multiplicities (WaveLattice::spectrum).
  val spectrum() const { return complex_to_js(lattice_.spectrum()); }
  // Phi of the lattice itself, (s d) x (s d) column-major: what a network that is the lattice
  // would show in its input-grounded basis.
  val lattice_phi() const {
    const Eigen::MatrixXd phi = attractor::lattice_phi(lattice_);
    return float64_array(std::vector<double>(phi.data(), phi.data() + phi.size()));
  }
  // The eigenvalues of a square matrix w (N x N, column-major) against this lattice's task
  // spectrum (its nonzero eigenvalues, WaveLattice::task_spectrum):
  // {mean, max, unmatchedMaxModulus} of the matched error and the authors' thresholded angle
  // error {thresholdedAngleRadians (null when the counts above 0.9 differ), aboveThreshold,
  // theoryAboveThreshold}.
  val matched_spectrum_error(const val& w_js) const {
    return guarded([&] {
      const auto values = numbers_from_js(w_js, "matchedSpectrumError");
      const auto n = static_cast<Eigen::Index>(std::lround(std::sqrt(values.size())));
      if (n < 1 || static_cast<std::size_t>(n * n) != values.size()) {
        throw InvalidArgument("matchedSpectrumError: w has " + std::to_string(values.size()) +
                              " entries, not N * N");
      }
      const Eigen::Map<const Eigen::MatrixXd> w(values.data(), n, n);
      const auto eigenvalues = eigenvalues_of(w);
      const auto theory = lattice_.task_spectrum();
      const auto matched = attractor::matched_spectrum_error(eigenvalues, theory);
      const auto thresholded = attractor::thresholded_angle_error(eigenvalues, theory);
      val out = val::object();
      out.set("mean", matched.mean);
      out.set("max", matched.max);
      out.set("unmatchedMaxModulus", matched.unmatched_max_modulus);
      out.set("thresholdedAngleRadians",
              std::isnan(thresholded.mean_radians) ? val::null() : val(thresholded.mean_radians));
      out.set("aboveThreshold", thresholded.count);
      out.set("theoryAboveThreshold", thresholded.theory_count);
      return out;
    });
  }
  // A tanh Elman network's waves in the input-grounded basis of this lattice's d and s: w (N x N),
  // u (N x d), b (N, or empty for none), all column-major, and inputs (d x T, column t the input
  // at step t + 1). Returns {phi, waves: pinv(Psi) h_t ((s d) x T), boundaryFraction, waveShift,
  // waveStanding}.
  val analyze_network(const val& w_js, const val& u_js, const val& b_js, const val& x_js) const {
    return guarded([&] {
      const char* const context = "analyzeNetwork";
      const auto w_values = numbers_from_js(w_js, context);
      const auto n = static_cast<Eigen::Index>(std::lround(std::sqrt(w_values.size())));
      const Eigen::Index d = lattice_.dims();
      if (n < 1 || static_cast<std::size_t>(n * n) != w_values.size()) {
        throw InvalidArgument("analyzeNetwork: w has " + std::to_string(w_values.size()) +
                              " entries, not N * N");
      }
      const auto u_values = numbers_from_js(u_js, context);
      const auto b_values = numbers_from_js(b_js, context);
      const auto x_values = numbers_from_js(x_js, context);
      if (u_values.size() != static_cast<std::size_t>(n * d) ||
          (!b_values.empty() && b_values.size() != static_cast<std::size_t>(n)) ||
          x_values.empty() || x_values.size() % static_cast<std::size_t>(d) != 0) {
        throw InvalidArgument(
            "analyzeNetwork: u must have N * dims = " + std::to_string(n * d) +
            " entries, b N or none, and the inputs a multiple of dims = " + std::to_string(d));
      }
      const Eigen::Map<const Eigen::MatrixXd> w(w_values.data(), n, n);
      const Eigen::Map<const Eigen::MatrixXd> u(u_values.data(), n, d);
      const Eigen::VectorXd b =
          b_values.empty() ? Eigen::VectorXd::Zero(n)
                           : Eigen::VectorXd(Eigen::Map<const Eigen::VectorXd>(b_values.data(), n));
      const Eigen::Map<const Eigen::MatrixXd> x(x_values.data(), d,
                                                static_cast<Eigen::Index>(x_values.size()) / d);
      const InputGroundedBasis basis = input_grounded_basis(w, u, lattice_.lag());
      const Eigen::MatrixXd waves = basis.pinv * elman_hidden_states(w, u, b, x);
      const WaveShift shift = wave_shift(waves, static_cast<int>(d), lattice_.lag());
      val out = val::object();
      out.set("phi", float64_array(std::vector<double>(basis.phi.data(),
                                                       basis.phi.data() + basis.phi.size())));
      out.set("waves",
              float64_array(std::vector<double>(waves.data(), waves.data() + waves.size())));
      out.set("boundaryFraction", boundary_fraction(basis.phi, lattice_.step_matrix(),
                                                    static_cast<int>(d), lattice_.lag()));
      out.set("waveShift", shift.shifted);
      out.set("waveStanding", shift.standing);
      return out;
    });
  }
  int dims() const { return lattice_.dims(); }
  int lag() const { return lattice_.lag(); }
  double growth() const { return lattice_.growth(); }

  static val param_specs() { return specs_to_js(WaveLattice::param_specs()); }
  // Angles (degrees) of a square matrix's leading eigenvalues from the s-th roots of unity.
  static val roots_of_unity_error(const val& matrix, double n, double s, double count) {
    return guarded([&] {
      check_param({"n", 1, 2048, 1, true, "", ""}, n, "rootsOfUnityError");
      const auto values = numbers_from_js(matrix, "rootsOfUnityError");
      const auto size = static_cast<std::size_t>(n);
      if (values.size() != size * size) {
        throw InvalidArgument("rootsOfUnityError: the matrix has " + std::to_string(values.size()) +
                              " entries; n * n = " + std::to_string(size * size) + " are needed");
      }
      const Eigen::Map<const Eigen::MatrixXd> w(values.data(), static_cast<Eigen::Index>(n),
                                                static_cast<Eigen::Index>(n));
      check_param({"s", 1, 1024, 8, true, "", ""}, s, "rootsOfUnityError");
      check_param({"count", 1, n, 1, true, "", ""}, count, "rootsOfUnityError");
      const auto error =
          attractor::roots_of_unity_error(w, static_cast<int>(s), static_cast<int>(count));
      val out = val::object();
      out.set("meanDegrees", error.mean_degrees);
      out.set("maxDegrees", error.max_degrees);
      out.set("meanModulus", error.mean_modulus);
      return out;
    });
  }

 private:
  WaveLattice lattice_;
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(learning) {
  using attractor::wasm::ReadoutLearningBinding;
  using attractor::wasm::WaveLatticeBinding;
  emscripten::class_<ReadoutLearningBinding, emscripten::base<attractor::wasm::BoundModel>>(
      "ReadoutLearning")
      .constructor<const emscripten::val&, const emscripten::val&, const std::string&>()
      .function("train", &ReadoutLearningBinding::train)
      .function("test", &ReadoutLearningBinding::test)
      .function("outputsView", &ReadoutLearningBinding::outputs_view)
      .function("errorsView", &ReadoutLearningBinding::errors_view)
      .function("readoutView", &ReadoutLearningBinding::readout_view)
      .function("measures", &ReadoutLearningBinding::measures)
      .function("networkMeasures", &ReadoutLearningBinding::network_measures)
      .class_function("paramSpecs", &ReadoutLearningBinding::param_specs)
      .class_function("fourSineTargets", &ReadoutLearningBinding::four_sine_targets);
  using attractor::wasm::LearningBench;
  emscripten::class_<LearningBench, emscripten::base<attractor::wasm::BoundModel>>("LearningBench")
      .constructor<const emscripten::val&>()
      .function("runTrial", &LearningBench::run_trial)
      .function("runTrials", &LearningBench::run_trials)
      .function("measures", &LearningBench::measures)
      .function("trials", &LearningBench::trials)
      .function("trialsToCriterion", &LearningBench::trials_to_criterion)
      .function("rule", &LearningBench::rule)
      .function("task", &LearningBench::task)
      .function("outputsView", &LearningBench::outputs_view)
      .function("targetsView", &LearningBench::targets_view)
      .function("readoutView", &LearningBench::readout_view)
      .function("valuesView", &LearningBench::values_view)
      .function("survived", &LearningBench::survived)
      .function("fixedPointSurvivedView", &LearningBench::fixed_point_survived_view)
      .function("recalledView", &LearningBench::recalled_view)
      .function("outputChangesView", &LearningBench::output_changes_view)
      .function("stateCorrelationsView", &LearningBench::state_correlations_view)
      .function("fixedPoints", &LearningBench::fixed_points)
      .function("limitCycles", &LearningBench::limit_cycles)
      .class_function("paramSpecs", &LearningBench::param_specs);
  emscripten::class_<WaveLatticeBinding>("WaveLattice")
      .constructor<const emscripten::val&, const std::string&>()
      .function("stepWithInput", &WaveLatticeBinding::step_with_input)
      .function("step", &WaveLatticeBinding::step)
      .function("reset", &WaveLatticeBinding::reset)
      .function("latticeView", &WaveLatticeBinding::lattice_view)
      .function("stepMatrixView", &WaveLatticeBinding::step_matrix_view)
      .function("eigenvalues", &WaveLatticeBinding::eigenvalues)
      .function("spectrum", &WaveLatticeBinding::spectrum)
      .function("latticePhi", &WaveLatticeBinding::lattice_phi)
      .function("matchedSpectrumError", &WaveLatticeBinding::matched_spectrum_error)
      .function("analyzeNetwork", &WaveLatticeBinding::analyze_network)
      .function("dims", &WaveLatticeBinding::dims)
      .function("lag", &WaveLatticeBinding::lag)
      .function("growth", &WaveLatticeBinding::growth)
      .class_function("paramSpecs", &WaveLatticeBinding::param_specs)
      .class_function("rootsOfUnityError", &WaveLatticeBinding::roots_of_unity_error);
}
