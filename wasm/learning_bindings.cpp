// Readout learning (FORCE, LMS) on a rate network, and the traveling-wave lattice.
#include <emscripten/bind.h>

#include <memory>
#include <string>
#include <vector>

#include "attractor/readout_learning.hpp"
#include "attractor/wave_memory.hpp"
#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

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
  val eigenvalues() const {
    const auto values = eigenvalues_of(lattice_.step_matrix());
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
  emscripten::class_<WaveLatticeBinding>("WaveLattice")
      .constructor<const emscripten::val&, const std::string&>()
      .function("stepWithInput", &WaveLatticeBinding::step_with_input)
      .function("step", &WaveLatticeBinding::step)
      .function("reset", &WaveLatticeBinding::reset)
      .function("latticeView", &WaveLatticeBinding::lattice_view)
      .function("stepMatrixView", &WaveLatticeBinding::step_matrix_view)
      .function("eigenvalues", &WaveLatticeBinding::eigenvalues)
      .function("dims", &WaveLatticeBinding::dims)
      .function("lag", &WaveLatticeBinding::lag)
      .function("growth", &WaveLatticeBinding::growth)
      .class_function("paramSpecs", &WaveLatticeBinding::param_specs)
      .class_function("rootsOfUnityError", &WaveLatticeBinding::roots_of_unity_error);
}
