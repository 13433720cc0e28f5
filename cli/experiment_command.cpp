// attractor-lab experiment SPEC.json --count | --cell K | --all [--max-array-values N]
//
// A grid of training runs from one JSON spec: every variant crossed with every combination of
// the grid's axes. Each cell is independent and deterministic, so a sweep can run one process
// per cell (GNU parallel, a Slurm array job) and the JSON lines be concatenated in any order.
//
// {
//   "name": "...",
//   "base": {"task": ..., "task_params": {...}, "initialization": ..., "network": {...},
//            "optimizer": ..., "optimizer_params": {...}, "training": {...}},
//   "variants": [{"name": "qpta", "initialization": "qpta", "network": {...}}, ...],
//   "grid": {"task_params.steps": [128, 512], "training.seed": [1, 2, 3]},
//           (the axis "seed" sets network.seed and training.seed together: one run's seed)
//   "steps": 1000,
//   "record_every": 50,
//   "lyapunov": {"k": 8, "steps": 2000},     (optional: LyapunovSpectrum options)
//   "learning_signal": {"steps": 500}        (optional: GradientPersistence options but k)
// }
// With "lyapunov", each line also has "lyapunov_before" and "lyapunov_after": the largest
// Lyapunov exponents of the network with zero input before and after training. With
// "learning_signal", it has "learning_signal_before" and "learning_signal_after": the learning
// signal across the trial, |dL/dh_t| for t = 1..T on the validation batch ("gradient_norms") and
// its ratio |dL/dh_1| / max_t |dL/dh_t| ("gradient_ratio"), and the persistence of the gradient
// with zero input, log ||dh_T/dh_0|| at the longest horizon T ("log_gradient", "horizon"). Every
// line has "mean_last_10_losses", the statistic Park et al. report per run (null before any step).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>

#include "attractor/gradient_persistence.hpp"
#include "attractor/json.hpp"
#include "attractor/trainer.hpp"
#include "command.hpp"
#include "json.hpp"

namespace attractor::cli {
namespace {

// Applies a base or a variant (a partial trainer configuration; a variant also has a "name").
void apply(const JsonValue& overrides, TrainerConfig& config, const std::string& what) {
  std::map<std::string, JsonValue> members = overrides.as_object(what);
  members.erase("name");
  apply_trainer_config(JsonValue::object(std::move(members)), config, what);
}

// One grid axis: the path of one setting in the configuration ("task_params.steps",
// "initialization"; see trainer_config.hpp) with its values, or "seed".
void apply_axis(const std::string& axis, const JsonValue& value, TrainerConfig& config) {
  if (axis == "seed") {  // one run's seed: its initial weights and its data
    apply_axis("network.seed", value, config);
    apply_axis("training.seed", value, config);
    return;
  }
  set_trainer_setting(config, axis, value, "grid");
}

// Members of a spec; anything else is most likely a typo that would silently be ignored.
const std::vector<std::string>& spec_members() {
  static const std::vector<std::string> members = {
      "name", "base", "variants", "grid", "steps", "record_every", "lyapunov", "learning_signal"};
  return members;
}

// The most cells one spec may have: far more than any sweep runs, and small enough that cell
// indices stay exact in every type that holds them (long, double, a shell's arithmetic).
constexpr double kMaxCells = 1e9;

struct Experiment {
  JsonValue spec;
  std::vector<JsonValue> variants;
  std::vector<std::pair<std::string, std::vector<JsonValue>>> axes;
  long cells = 0;
};

Experiment load(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw InvalidArgument("could not open the experiment spec " + quoted(path));
  std::stringstream text;
  text << file.rdbuf();
  Experiment experiment;
  experiment.spec = parse_json(text.str());
  const JsonValue& spec = experiment.spec;
  for (const auto& member : spec.as_object("the experiment spec")) {
    const auto& known = spec_members();
    if (std::find(known.begin(), known.end(), member.first) == known.end()) {
      throw InvalidArgument("the experiment spec has an unknown member " + quoted(member.first) +
                            "; members are name, base, variants, grid, steps, record_every, "
                            "lyapunov, learning_signal");
    }
  }
  if (spec.has("variants")) experiment.variants = spec.at("variants", "spec").as_array("variants");
  if (experiment.variants.empty())
    experiment.variants.push_back(JsonValue::object({{"name", JsonValue::string("base")}}));
  // Counted in floating point so that no product of axis sizes can overflow; each factor is
  // exact, and the product stays exact until it passes kMaxCells.
  double cells = static_cast<double>(experiment.variants.size());
  const std::size_t variants = experiment.variants.size();
  std::string product = std::to_string(variants) + (variants == 1 ? " variant" : " variants");
  if (spec.has("grid")) {
    for (const auto& [axis, values] : spec.at("grid", "spec").as_object("grid")) {
      const auto& list = values.as_array("grid." + axis);
      if (list.empty()) throw InvalidArgument(bounded("grid." + axis) + " has no values");
      experiment.axes.emplace_back(axis, list);
      cells *= static_cast<double>(list.size());
      product += " x " + std::to_string(list.size());
    }
  }
  if (experiment.axes.size() > 8) {
    product = product.substr(0, product.find(" x ")) + " x the values of " +
              std::to_string(experiment.axes.size()) + " axes";
  }
  if (cells > kMaxCells) {
    throw InvalidArgument("the experiment has " + product + " = " + format_number(cells) +
                          " cells; at most " + format_number(kMaxCells) +
                          " are allowed (split the grid into several specs)");
  }
  experiment.cells = static_cast<long>(cells);
  return experiment;
}

// The learning signal of the trainer's current network (see the spec's "learning_signal").
JsonValue learning_signal(Trainer& trainer, const ParamValues& persistence_options) {
  const std::vector<double> norms = trainer.validation_gradient_norms();
  double peak = 0.0;
  for (const double norm : norms) peak = std::max(peak, norm);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double ratio = norms.empty() || !(peak > 0) ? nan : norms.front() / peak;
  ParamValues options = persistence_options;
  options["k"] = 1;
  options["records"] = 1;
  GradientPersistence persistence(trainer.network(), options);
  while (!persistence.done()) persistence.advance(1e8);
  const double log_norm = persistence.log_singular_values().back();
  const auto number = [](double value) {
    return std::isfinite(value) ? JsonValue::number(value) : JsonValue();
  };
  return JsonValue::object({{"gradient_norms", JsonValue::numbers(norms)},
                            {"gradient_ratio", number(ratio)},
                            {"log_gradient", number(log_norm)},
                            {"horizon", JsonValue::number(persistence.record_steps().back())}});
}

std::string run_cell(const Experiment& experiment, long cell) {
  const JsonValue& spec = experiment.spec;
  TrainerConfig config;
  if (spec.has("base")) apply(spec.at("base", "spec"), config, "base");
  long index = cell;
  std::map<std::string, JsonValue> settings;
  // The last axis varies fastest; the variant slowest.
  std::vector<std::size_t> choice(experiment.axes.size());
  for (std::size_t a = experiment.axes.size(); a-- > 0;) {
    const auto size = static_cast<long>(experiment.axes[a].second.size());
    choice[a] = static_cast<std::size_t>(index % size);
    index /= size;
  }
  const JsonValue& variant = experiment.variants[static_cast<std::size_t>(index)];
  apply(variant, config, "variant");
  for (std::size_t a = 0; a < experiment.axes.size(); ++a) {
    const JsonValue& value = experiment.axes[a].second[choice[a]];
    apply_axis(experiment.axes[a].first, value, config);
    settings[experiment.axes[a].first] = value;
  }
  const double steps = spec.has("steps") ? spec.at("steps", "spec").as_number("steps") : 1000;
  const double every =
      spec.has("record_every") ? spec.at("record_every", "spec").as_number("record_every") : 100;
  check_param({"steps", 0, 1e7, 1000, true, "", ""}, steps, "experiment");
  check_param({"record_every", 1, 1e7, 100, true, "", ""}, every, "experiment");

  ParamValues lyapunov_options;
  const bool lyapunov = spec.has("lyapunov");
  if (lyapunov) lyapunov_options = spec.at("lyapunov", "spec").as_params("lyapunov");

  ParamValues signal_options;
  const bool signal = spec.has("learning_signal");
  if (signal) {
    signal_options = spec.at("learning_signal", "spec").as_params("learning_signal");
    for (const char* fixed : {"k", "records"}) {
      if (signal_options.count(fixed)) {
        throw InvalidArgument(std::string("learning_signal: ") + fixed +
                              " cannot be set; the experiment records log ||dh_T/dh_0|| at the "
                              "longest horizon only");
      }
    }
  }

  const auto start = std::chrono::steady_clock::now();
  Trainer trainer(config);
  std::vector<double> lyapunov_before;
  if (lyapunov) lyapunov_before = trainer.lyapunov_exponents(lyapunov_options);
  JsonValue signal_before;
  if (signal) signal_before = learning_signal(trainer, signal_options);
  std::vector<JsonValue> curve;
  auto record = [&] {
    const auto measures = trainer.measures();
    std::map<std::string, JsonValue> point;
    for (const auto& [name, value] : measures) {
      point[name] = std::isfinite(value) ? JsonValue::number(value) : JsonValue();
    }
    curve.push_back(JsonValue::object(std::move(point)));
  };
  record();
  long done = 0;
  while (done < steps && !trainer.stopped()) {
    const int chunk = static_cast<int>(std::min<double>(every, steps - done));
    const int taken = trainer.train(chunk);
    done += taken;
    record();
    if (taken < chunk) break;
  }
  std::vector<double> lyapunov_after;
  if (lyapunov) lyapunov_after = trainer.lyapunov_exponents(lyapunov_options);
  JsonValue signal_after;
  if (signal) signal_after = learning_signal(trainer, signal_options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::map<std::string, JsonValue> line;
  line["experiment"] =
      JsonValue::string(spec.has("name") ? spec.at("name", "spec").as_string("name") : "");
  line["cell"] = JsonValue::number(static_cast<double>(cell));
  line["variant"] = JsonValue::string(variant.has("name")
                                          ? variant.at("name", "variant").as_string("variant name")
                                          : "variant " + std::to_string(index));
  line["settings"] = JsonValue::object(std::move(settings));
  line["initialization"] = JsonValue::string(config.initialization);
  line["task"] = JsonValue::string(config.task);
  line["steps_taken"] = JsonValue::number(static_cast<double>(trainer.steps_taken()));
  line["stop_reason"] = JsonValue::string(trainer.stop_reason());
  line["curve"] = JsonValue::array(std::move(curve));
  // Park et al.'s statistic of a run: the mean of its last 10 training losses.
  const std::vector<double>& losses = trainer.losses();
  const std::size_t last = std::min<std::size_t>(10, losses.size());
  double recent = 0.0;
  for (std::size_t k = losses.size() - last; k < losses.size(); ++k) recent += losses[k];
  line["mean_last_10_losses"] = last ? JsonValue::number(recent / last) : JsonValue();
  if (lyapunov) {
    line["lyapunov_before"] = JsonValue::numbers(lyapunov_before);
    line["lyapunov_after"] = JsonValue::numbers(lyapunov_after);
  }
  if (signal) {
    line["learning_signal_before"] = signal_before;
    line["learning_signal_after"] = signal_after;
  }
  line["seconds"] = JsonValue::number(seconds);
  return JsonValue::object(std::move(line)).dump();
}

int run_experiment(const std::vector<std::string>& given) {
  // --max-array-values N (anywhere after the spec) raises the cap on one working array.
  std::vector<std::string> args;
  for (std::size_t k = 0; k < given.size(); ++k) {
    if (given[k] != "--max-array-values") {
      args.push_back(given[k]);
    } else if (k + 1 < given.size()) {
      set_max_array_values(parse_number(given[++k], "--max-array-values"));
    } else {
      throw InvalidArgument("--max-array-values needs a value");
    }
  }
  if (args.size() < 2) {
    throw InvalidArgument(
        "usage: attractor-lab experiment SPEC.json --count | --cell K | --all "
        "[--max-array-values N]");
  }
  const Experiment experiment = load(args[0]);
  if (args[1] == "--count") {
    std::cout << experiment.cells << "\n";
  } else if (args[1] == "--all") {
    for (long cell = 0; cell < experiment.cells; ++cell)
      std::cout << run_cell(experiment, cell) << "\n" << std::flush;
  } else if (args[1] == "--cell" && args.size() == 3) {
    const double cell = parse_number(args[2], "--cell");
    check_param({"cell", 0, static_cast<double>(experiment.cells - 1), 0, true, "", ""}, cell,
                "experiment");
    std::cout << run_cell(experiment, static_cast<long>(cell)) << "\n";
  } else {
    throw InvalidArgument("after the spec, write --count, --cell K or --all");
  }
  return 0;
}

const CommandRegistrar registrar({"experiment",
                                  "SPEC.json --count | --cell K | --all [--max-array-values N]",
                                  run_experiment, nullptr});

}  // namespace
}  // namespace attractor::cli
