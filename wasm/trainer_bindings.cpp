#include <emscripten/bind.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "attractor/json.hpp"
#include "attractor/trainer.hpp"
#include "bound_model.hpp"
#include "js_errors.hpp"

namespace attractor::wasm {
namespace {

using emscripten::val;

const char* const kContext = "trainer";

// A member of the configuration as the core's reader takes it: a group of numbers through the
// common reader of JavaScript parameters (so a NaN or a string is refused as for every model),
// a name as a string, and any other value as its JSON type, for the core to refuse by name.
JsonValue member_from_js(const std::string& member, const std::string& key, const val& value) {
  const auto& groups = trainer_config_groups();
  if (std::find(groups.begin(), groups.end(), member) != groups.end()) {
    return JsonValue::params(params_from_js(value, std::string(kContext) + " " + key));
  }
  const std::string type = value.typeOf().as<std::string>();
  if (type == "string") return JsonValue::string(value.as<std::string>());
  if (type == "number") return JsonValue::number(value.as<double>());
  if (type == "boolean") return JsonValue::boolean(value.as<bool>());
  if (val::global("Array").call<bool>("isArray", value)) return JsonValue::array();
  if (type == "object" && !value.isNull()) return JsonValue::object();
  return JsonValue();
}

// The configuration in the core's spelling (trainer_config.hpp), the one a checkpoint records:
// {task, task_params, initialization, network, optimizer, optimizer_params, training}.
// taskParams and optimizerParams, the spelling of earlier versions, are read as task_params and
// optimizer_params; members are applied in the object's order.
TrainerConfig config_from_js(const val& object) {
  if (object.isUndefined() || object.isNull() || object.typeOf().as<std::string>() != "object") {
    throw InvalidArgument(std::string(kContext) +
                          ": the configuration must be an object such as {task: \"adding\"}");
  }
  TrainerConfig config;
  const val keys = val::global("Object").call<val>("keys", object);
  for (int i = 0; i < keys["length"].as<int>(); ++i) {
    const std::string key = keys[i].as<std::string>();
    const std::string member = key == "taskParams"        ? "task_params"
                               : key == "optimizerParams" ? "optimizer_params"
                                                          : key;
    if (!is_trainer_config_member(member)) {
      std::string fields;
      for (const auto& name : trainer_config_members())
        fields += (fields.empty() ? "" : ", ") + name;
      throw InvalidArgument(std::string(kContext) + ": unknown field " + quoted(key) +
                            "; fields are " + fields);
    }
    const val value = object[key];
    if (value.isUndefined()) continue;
    apply_trainer_config(JsonValue::object({{member, member_from_js(member, key, value)}}), config,
                         kContext);
  }
  return config;
}

std::vector<double> doubles_from_js(const val& values, std::size_t expected,
                                    const std::string& what) {
  std::vector<double> out = numbers_from_js(values, std::string(kContext) + ": " + what);
  if (out.size() != expected) {
    throw InvalidArgument(std::string(kContext) + ": " + what + " has " +
                          std::to_string(out.size()) + " values; " + std::to_string(expected) +
                          " are needed");
  }
  return out;
}

// "a string", "an array", "null", ...: what a JavaScript value is, for messages.
std::string js_type_name(const val& value) {
  if (value.isNull()) return "null";
  if (value.isUndefined()) return "undefined";
  if (val::global("Array").call<bool>("isArray", value)) return "an array";
  const std::string type = value.typeOf().as<std::string>();
  return (type == "object" ? "an " : "a ") + type;
}

std::optional<double> number_member(const val& object, const char* name) {
  const val value = object[name];
  if (value.isUndefined()) return std::nullopt;
  if (value.typeOf().as<std::string>() != "number") {
    throw InvalidArgument(
        batch_member_type_message(kContext, name, "a number", js_type_name(value)));
  }
  return value.as<double>();
}

std::optional<std::vector<double>> array_member(const val& object, const char* name) {
  const val value = object[name];
  if (value.isUndefined()) return std::nullopt;
  const bool array = val::global("Array").call<bool>("isArray", value);
  if (!array && !val::global("ArrayBuffer").call<bool>("isView", value)) {
    throw InvalidArgument(
        batch_member_type_message(kContext, name, "an array of numbers", js_type_name(value)));
  }
  // Typed arrays (and arrays too long to be a batch) go through the common reader.
  if (!array || value["length"].as<double>() > kMaxArrayValues) {
    return numbers_from_js(value, std::string(kContext) + ": " + name);
  }
  const auto count = static_cast<std::size_t>(value["length"].as<double>());
  std::vector<double> out;
  out.reserve(count);
  for (std::size_t k = 0; k < count; ++k) {
    const val item = value[k];
    if (item.typeOf().as<std::string>() != "number") {
      throw InvalidArgument(
          batch_member_type_message(kContext, std::string(name) + "[" + std::to_string(k) + "]",
                                    "a number", js_type_name(item)));
    }
    out.push_back(item.as<double>());
  }
  return out;
}

// {steps, batch, inputs, targets, mask} from JavaScript; the core checks everything but the types.
BatchMembers batch_members_from_js(const val& object) {
  if (object.isNull() || object.typeOf().as<std::string>() != "object" ||
      val::global("Array").call<bool>("isArray", object)) {
    throw InvalidArgument(batch_type_message(kContext, js_type_name(object)));
  }
  const val keys = val::global("Object").call<val>("keys", object);
  std::vector<std::string> names;
  for (int i = 0; i < keys["length"].as<int>(); ++i) names.push_back(keys[i].as<std::string>());
  return read_batch_members(
      names, kContext, [&](const char* name) { return number_member(object, name); },
      [&](const char* name) { return array_member(object, name); });
}

// `new Module.Trainer({task, task_params, initialization, network, optimizer, optimizer_params,
// training})`: the configuration a checkpoint records. The trained network is also a BoundModel, so
// analyses apply to it.
class TrainerBinding : public BoundModel {
 public:
  explicit TrainerBinding(const val& config)
      : trainer_(guarded([&] { return Trainer(config_from_js(config)); })) {}

  // A trainer restored from a checkpoint (JavaScript owns it and must delete() it).
  static TrainerBinding* from_checkpoint(const std::string& text) {
    return guarded([&] { return new TrainerBinding(std::move(*Trainer::from_checkpoint(text))); });
  }
  std::string checkpoint() const { return trainer_.to_checkpoint(); }

  const StepMap& step_map() const override { return trainer_.network(); }

  int train(double steps) {
    return guarded([&] {
      check_param({"steps", 0, 10000000, 1, true, "", ""}, steps, "trainer train");
      return trainer_.train(static_cast<int>(steps));
    });
  }
  val measures() { return measures_to_js(trainer_.measures()); }
  double steps_taken() const { return static_cast<double>(trainer_.steps_taken()); }
  std::string stop_reason() const { return trainer_.stop_reason(); }
  val losses_view() const {
    return val(emscripten::typed_memory_view(trainer_.losses().size(), trainer_.losses().data()));
  }
  val gradient_norms_view() const {
    const auto& norms = trainer_.gradient_norms();
    return val(emscripten::typed_memory_view(norms.size(), norms.data()));
  }
  val hidden_gradient_norms_view() const {
    const auto& norms = trainer_.hidden_gradient_norms();
    return val(emscripten::typed_memory_view(norms.size(), norms.data()));
  }
  // {real, imag}: Float64Arrays of W's eigenvalues, largest modulus first.
  val recurrent_eigenvalues() const {
    return guarded([&] {
      const Trainer::Eigenvalues values = trainer_.recurrent_eigenvalues();
      val out = val::object();
      for (const auto& [name, data] :
           {std::pair<const char*, const std::vector<double>*>{"real", &values.real},
            {"imag", &values.imag}}) {
        val array = val::global("Float64Array").new_(data->size());
        array.call<void>("set", val(emscripten::typed_memory_view(data->size(), data->data())));
        out.set(name, array);
      }
      return out;
    });
  }
  // lyapunovExponents({k, steps, transient_steps, seed, initial_scale}): a Float64Array of the
  // k largest exponents of the current network with zero input (LyapunovSpectrum's options and
  // defaults; Module.LyapunovSpectrum.paramSpecs() lists them).
  val lyapunov_exponents(const val& options) const {
    return guarded([&] {
      const std::vector<double> exponents = trainer_.lyapunov_exponents(
          params_from_js(options, std::string(kContext) + " lyapunovExponents"));
      val array = val::global("Float64Array").new_(exponents.size());
      array.call<void>("set",
                       val(emscripten::typed_memory_view(exponents.size(), exponents.data())));
      return array;
    });
  }
  val parameters_view() const {
    const auto& p = trainer_.network().parameters();
    return val(emscripten::typed_memory_view(p.size(), p.data()));
  }
  void set_parameters(const val& values) {
    guarded([&] {
      trainer_.network().set_parameters(
          doubles_from_js(values, trainer_.network().parameters().size(), "the parameters"));
    });
  }
  // {loss, gradient} for the current weights on a batch {steps, batch, inputs, targets, mask}
  // laid out as SequenceBatch documents; this lets anyone check the gradients elsewhere. A batch
  // the core refuses (check_batch) throws and leaves the trainer as it was.
  val loss_and_gradient(const val& batch_object) {
    return guarded([&] {
      const TrainableNetwork& rnn = trainer_.network();
      const SequenceBatch batch = batch_from_members(batch_members_from_js(batch_object),
                                                     rnn.input_size(), rnn.output_size(), kContext);
      std::vector<double> gradient;
      const double loss = trainer_.network().loss_and_gradient(batch, gradient);
      val out = val::object();
      out.set("loss", loss);
      out.set("gradient", float64_array(gradient));
      return out;
    });
  }
  // |dL/dh_t| for t = 1..T of the current network on the validation batch (a Float64Array copy):
  // the learning signal across the trial, also before any training. Changes nothing.
  val validation_gradient_norms() {
    return guarded([&] { return float64_array(trainer_.validation_gradient_norms()); });
  }
  // The fixed validation batch, as an object loss_and_gradient() accepts.
  val validation_batch() {
    SequenceBatch batch;
    sample_validation(batch);
    val out = val::object();
    out.set("steps", batch.steps);
    out.set("batch", batch.batch);
    for (const auto& [name, data] :
         {std::pair<const char*, const std::vector<double>*>{"inputs", &batch.inputs},
          {"targets", &batch.targets},
          {"mask", &batch.mask}}) {
      out.set(name, float64_array(*data));
    }
    return out;
  }
  // One trial of the validation batch run through the current network by the core: inputs,
  // targets and mask (steps x inputs, steps x outputs, steps), the outputs y_1..y_T and the
  // hidden states h_1..h_T (steps x hidden), all row by row in time.
  val validation_trial(double trial_value) {
    return guarded([&] {
      SequenceBatch batch;
      sample_validation(batch);
      static const ParamSpec trial_spec{
          "trial", 0, 1e9, 0, true, "", "Index of the validation trial."};
      const int trial =
          static_cast<int>(checked_argument(trial_spec, trial_value, "trainer validationTrial"));
      if (trial >= batch.batch) {
        throw InvalidArgument("trainer validationTrial: trial = " + std::to_string(trial) +
                              " is not allowed; trial must be an integer from 0 to " +
                              std::to_string(batch.batch - 1));
      }
      TrainableNetwork& rnn = trainer_.network();
      const double loss = rnn.loss(batch);
      const int steps = batch.steps;
      const int inputs = rnn.input_size();
      const int outputs = rnn.output_size();
      const int hidden = rnn.hidden_size();
      const auto index = [&](int t, int width, int k) {
        return (static_cast<std::size_t>(t) * batch.batch + trial) * width + k;
      };
      std::vector<double> x(static_cast<std::size_t>(steps) * inputs);
      std::vector<double> y(static_cast<std::size_t>(steps) * outputs);
      std::vector<double> target(y.size());
      std::vector<double> mask(static_cast<std::size_t>(steps));
      std::vector<double> h(static_cast<std::size_t>(steps) * hidden);
      for (int t = 0; t < steps; ++t) {
        for (int k = 0; k < inputs; ++k) x[t * inputs + k] = batch.inputs[index(t, inputs, k)];
        for (int o = 0; o < outputs; ++o) {
          y[t * outputs + o] = rnn.outputs()[index(t, outputs, o)];
          target[t * outputs + o] = batch.targets[index(t, outputs, o)];
        }
        mask[t] = batch.weight(t, trial);
        // hidden_states() holds h_0..h_T; h_{t+1} follows input t.
        for (int i = 0; i < hidden; ++i)
          h[t * hidden + i] = rnn.hidden_states()[index(t + 1, hidden, i)];
      }
      val out = val::object();
      out.set("steps", steps);
      out.set("loss", loss);
      out.set("inputs", float64_array(x));
      out.set("outputs", float64_array(y));
      out.set("targets", float64_array(target));
      out.set("mask", float64_array(mask));
      out.set("states", float64_array(h));
      return out;
    });
  }

  val layout() const {
    const TrainableNetwork& rnn = trainer_.network();
    val out = val::object();
    out.set("architecture", rnn.architecture());
    out.set("inputs", rnn.input_size());
    out.set("hidden", rnn.hidden_size());
    out.set("outputs", rnn.output_size());
    out.set("recurrentOffset", static_cast<double>(rnn.recurrent_offset()));
    out.set("inputOffset", static_cast<double>(rnn.input_offset()));
    out.set("biasOffset", static_cast<double>(rnn.bias_offset()));
    out.set("readoutOffset", static_cast<double>(rnn.readout_offset()));
    out.set("readoutBiasOffset", static_cast<double>(rnn.readout_bias_offset()));
    out.set("size", static_cast<double>(rnn.parameters().size()));
    return out;
  }

  static val task_names() {
    val out = val::array();
    for (const auto& name : attractor::task_names()) out.call<void>("push", name);
    return out;
  }
  static val task_specs(const std::string& name) {
    return guarded([&] { return specs_to_js(task_param_specs(name)); });
  }
  static val network_specs() { return specs_to_js(Rnn::param_specs()); }
  static val lstm_specs() { return specs_to_js(Lstm::param_specs()); }
  static val optimizer_specs() { return specs_to_js(Optimizer::param_specs()); }
  static val training_specs() { return specs_to_js(Trainer::param_specs()); }

 private:
  explicit TrainerBinding(Trainer&& trainer) : trainer_(std::move(trainer)) {}

  // The validation batch is drawn from the training seed's own stream, so it is the same every
  // time.
  void sample_validation(SequenceBatch& batch) {
    Rng rng(static_cast<std::uint64_t>(trainer_.config().training.at("seed")),
            streams::kValidation);
    trainer_.task().sample(rng, static_cast<int>(trainer_.config().training.at("batch")), batch);
  }

  Trainer trainer_;
};

}  // namespace
}  // namespace attractor::wasm

EMSCRIPTEN_BINDINGS(trainer) {
  using attractor::wasm::TrainerBinding;
  emscripten::class_<TrainerBinding, emscripten::base<attractor::wasm::BoundModel>>("Trainer")
      .constructor<const emscripten::val&>()
      .function("train", &TrainerBinding::train)
      .function("measures", &TrainerBinding::measures)
      .function("stepsTaken", &TrainerBinding::steps_taken)
      .function("stopReason", &TrainerBinding::stop_reason)
      .function("lossesView", &TrainerBinding::losses_view)
      .function("gradientNormsView", &TrainerBinding::gradient_norms_view)
      .function("hiddenGradientNormsView", &TrainerBinding::hidden_gradient_norms_view)
      .function("recurrentEigenvalues", &TrainerBinding::recurrent_eigenvalues)
      .function("lyapunovExponents", &TrainerBinding::lyapunov_exponents)
      .function("parametersView", &TrainerBinding::parameters_view)
      .function("setParameters", &TrainerBinding::set_parameters)
      .function("lossAndGradient", &TrainerBinding::loss_and_gradient)
      .function("validationBatch", &TrainerBinding::validation_batch)
      .function("validationTrial", &TrainerBinding::validation_trial)
      .function("validationGradientNorms", &TrainerBinding::validation_gradient_norms)
      .function("layout", &TrainerBinding::layout)
      .function("checkpoint", &TrainerBinding::checkpoint)
      .class_function("fromCheckpoint", &TrainerBinding::from_checkpoint,
                      emscripten::allow_raw_pointers())
      .class_function("taskNames", &TrainerBinding::task_names)
      .class_function("taskSpecs", &TrainerBinding::task_specs)
      .class_function("networkSpecs", &TrainerBinding::network_specs)
      .class_function("lstmSpecs", &TrainerBinding::lstm_specs)
      .class_function("optimizerSpecs", &TrainerBinding::optimizer_specs)
      .class_function("trainingSpecs", &TrainerBinding::training_specs);
}
