// attractor-lab readout RULE [net.X=V ...] [learn.X=V ...] [train:four_sine:STEPS |
// test:four_sine:STEPS ...] attractor-lab wave RULE dims=D lag=S [input:SEED | run:STEPS ...]
// attractor-lab memory-trials RULE [net.X=V ...] [learn.X=V ...] [task.X=V ...] [trials:K]
//   [until_criterion:K]: one JSON line per trial of Beer & Barak's memory task.
// attractor-lab pattern-trials RULE [...same...]: one JSON line per trial of the
//   pattern-generation task.
// attractor-lab wave-train repeat_copy|lagged_copy [GROUP.NAME=V ...] [steps:K] (the trainer's
//   settings as `train` reads them): trains a bias-free tanh Elman RNN on T1 or T3 and prints the
//   errors of W's eigenvalues against the wave lattice's spectrum (angular, matched, thresholded
//   angle), Phi and the waves, and |dL/dh_t| before and after.
#include <cmath>
#include <iostream>

#include "attractor/memory_trials.hpp"
#include "attractor/pattern_trials.hpp"
#include "attractor/readout_learning.hpp"
#include "attractor/rng.hpp"
#include "attractor/trainer.hpp"
#include "attractor/wave_memory.hpp"
#include "command.hpp"
#include "json.hpp"
#include "trainer_settings.hpp"

namespace attractor::cli {
namespace {

// Four-sine targets for the `count` steps after step `first` (dt in seconds).
std::vector<double> four_sine_targets(long first, long count, double dt) {
  std::vector<double> out(static_cast<std::size_t>(count));
  for (long t = 0; t < count; ++t)
    out[static_cast<std::size_t>(t)] = four_sine_target((first + t + 1) * dt);
  return out;
}

int run_readout(const std::vector<std::string>& args) {
  if (args.empty()) throw InvalidArgument("readout needs a rule: force or lms");
  ParamValues network_params;
  ParamValues learner_params;
  const auto actions =
      read_group_settings(args, 1, {{"net", &network_params}, {"learn", &learner_params}});
  RateNetwork network(network_params);
  ReadoutLearner learner(network, learner_params, args[0]);
  const double dt = network.params().at("dt");
  long step = 0;
  std::vector<double> outputs;
  std::vector<double> test_errors;
  for (const auto& action : actions) {
    if (action.size() != 3 || action[1] != "four_sine" ||
        (action[0] != "train" && action[0] != "test")) {
      throw InvalidArgument(
          "unknown action; actions are train:four_sine:STEPS and test:four_sine:STEPS");
    }
    const double count = parse_number(action[2], "steps");
    check_param(run_steps_spec(), count, "readout");
    const auto targets = four_sine_targets(step, static_cast<long>(count), dt);
    if (action[0] == "train") {
      learner.train(targets);
    } else {
      test_errors.push_back(learner.test(targets));
    }
    outputs.insert(outputs.end(), learner.outputs().begin(), learner.outputs().end());
    step += static_cast<long>(count);
  }
  std::cout << "{\"rule\":" << json_string(args[0])
            << ",\"measures\":" << json_object(learner.measures())
            << ",\"test_errors\":" << json_array(test_errors.data(), test_errors.size())
            << ",\"readout\":"
            << json_array(network.readout_weights().data(), network.readout_weights().size())
            << ",\"outputs\":" << json_array(outputs.data(), outputs.size()) << "}\n";
  return 0;
}

int run_wave(const std::vector<std::string>& args) {
  if (args.empty())
    throw InvalidArgument("wave needs a rule: repeat_copy, lagged_copy or fibonacci");
  const ParsedArgs parsed = parse_args(std::vector<std::string>(args.begin() + 1, args.end()));
  WaveLattice lattice(parsed.params, args[0]);
  std::vector<double> newest;
  for (const auto& action : parsed.actions) {
    if (action.size() == 2 && action[0] == "input") {
      const double seed = parse_number(action[1], "the input seed");
      check_param(perturbation_seed_spec(), seed, "wave input");
      Rng rng(static_cast<std::uint64_t>(seed));
      for (int t = 0; t < lattice.lag(); ++t) {
        std::vector<double> column(static_cast<std::size_t>(lattice.dims()));
        for (auto& value : column) value = rng.uniform() < 0.5 ? -1.0 : 1.0;
        lattice.step(&column);
        for (int i = 0; i < lattice.dims(); ++i) newest.push_back(lattice.lattice()(i, 0));
      }
    } else if (action.size() == 2 && action[0] == "run") {
      const double steps = parse_number(action[1], "steps");
      check_param(run_steps_spec(), steps, "wave run");
      for (long t = 0; t < static_cast<long>(steps); ++t) {
        lattice.step();
        for (int i = 0; i < lattice.dims(); ++i) newest.push_back(lattice.lattice()(i, 0));
      }
    } else {
      throw InvalidArgument("unknown action; actions are input:SEED and run:STEPS");
    }
  }
  std::cout << "{\"rule\":" << json_string(args[0])
            << ",\"growth\":" << json_number(lattice.growth())
            << ",\"lattice\":" << json_array(lattice.lattice().data(), lattice.lattice().size())
            << ",\"newest\":" << json_array(newest.data(), newest.size()) << "}\n";
  return 0;
}

std::string fixed_points_json(const std::vector<ClosedLoopFixedPoint>& points) {
  std::string out = "[";
  for (const auto& point : points) {
    if (out.size() > 1) out += ",";
    out += "{\"z\":" + json_number(point.z) + ",\"q\":" + json_number(point.q) +
           ",\"fixed\":" + (point.fixed ? "true" : "false") +
           ",\"stability\":" + json_string(stability_name(point.stability)) +
           ",\"max_growth_rate\":" + json_number(point.max_growth_rate) + "}";
  }
  return out + "]";
}

struct TrialArgs {
  ParamValues network{{"inputs", 1}, {"feedback", 1}};
  ParamValues learner;
  ParamValues task;
  std::vector<std::vector<std::string>> actions;
};

TrialArgs parse_trial_args(const std::vector<std::string>& args) {
  TrialArgs out;
  out.actions = read_group_settings(
      args, 1, {{"net", &out.network}, {"learn", &out.learner}, {"task", &out.task}});
  return out;
}

// Memory trials on a rate network with one input and feedback (net.inputs and net.feedback are
// set to 1 unless given). trials:K runs K trials; until_criterion:K runs up to K, stopping after
// the first trial at which every value survived.
int run_memory_trials(const std::vector<std::string>& args) {
  if (args.empty()) throw InvalidArgument("memory-trials needs a rule: force or lms");
  TrialArgs parsed = parse_trial_args(args);
  ParamValues& network_params = parsed.network;
  ParamValues& learner_params = parsed.learner;
  ParamValues& task_params = parsed.task;
  const auto& actions = parsed.actions;
  RateNetwork network(network_params);
  ReadoutLearner learner(network, learner_params, args[0]);
  MemoryTrials trials(network, learner, task_params);
  const ParamSpec trials_spec{"trials", 1, 100000, 10, true, "", ""};
  for (const auto& action : actions) {
    if (action.size() != 2 || (action[0] != "trials" && action[0] != "until_criterion")) {
      throw InvalidArgument("unknown action; actions are trials:K and until_criterion:K");
    }
    const double count = parse_number(action[1], "the number of trials");
    check_param(trials_spec, count, "memory-trials");
    const bool stop = action[0] == "until_criterion";
    for (int k = 0; k < static_cast<int>(count); ++k) {
      trials.run_trial();
      const auto& values = trials.values();
      const auto& recalled = trials.recalled();
      const auto& changes = trials.output_changes();
      const auto& correlations = trials.state_correlations();
      std::vector<double> survived(trials.survived().begin(), trials.survived().end());
      for (std::size_t m = 0; m < survived.size(); ++m) {
        if (std::isnan(recalled[m])) survived[m] = std::nan("");
      }
      const auto& fixed_survived = trials.fixed_point_survived();
      std::cout << "{\"rule\":" << json_string(args[0])
                << ",\"measures\":" << json_object(trials.measures())
                << ",\"values\":" << json_array(values.data(), values.size())
                << ",\"recalled\":" << json_array(recalled.data(), recalled.size())
                << ",\"output_changes\":" << json_array(changes.data(), changes.size())
                << ",\"state_correlations\":"
                << json_array(correlations.data(), correlations.size())
                << ",\"survived\":" << json_array(survived.data(), survived.size())
                << ",\"fixed_point_survived\":"
                << json_array(fixed_survived.data(), fixed_survived.size())
                << ",\"fixed_points\":" << fixed_points_json(trials.fixed_points())
                << ",\"readout_norm\":" << json_number(network.readout_weights().norm()) << "}\n";
      if (stop && trials.trials_to_criterion() >= 0) break;
    }
  }
  return 0;
}

// Pattern generation on a rate network (net.inputs and net.feedback 1 unless given): one JSON
// line per trial with the limit cycles (frequency, amplitude) of every trained level.
int run_pattern_trials(const std::vector<std::string>& args) {
  if (args.empty()) throw InvalidArgument("pattern-trials needs a rule: force or lms");
  const TrialArgs parsed = parse_trial_args(args);
  RateNetwork network(parsed.network);
  ReadoutLearner learner(network, parsed.learner, args[0]);
  PatternTrials trials(network, learner, parsed.task);
  const ParamSpec trials_spec{"trials", 1, 100000, 10, true, "", ""};
  for (const auto& action : parsed.actions) {
    if (action.size() != 2 || (action[0] != "trials" && action[0] != "until_criterion")) {
      throw InvalidArgument("unknown action; actions are trials:K and until_criterion:K");
    }
    const double count = parse_number(action[1], "the number of trials");
    check_param(trials_spec, count, "pattern-trials");
    const bool stop = action[0] == "until_criterion";
    for (int k = 0; k < static_cast<int>(count); ++k) {
      trials.run_trial();
      const auto& outputs = trials.outputs();
      std::cout
          << "{\"rule\":" << json_string(args[0])
          << ",\"measures\":" << json_object(trials.measures())
          << ",\"levels\":" << json_array(trials.levels().data(), trials.levels().size())
          << ",\"frequencies\":"
          << json_array(trials.frequencies().data(), trials.frequencies().size())
          << ",\"measured_frequencies\":"
          << json_array(trials.measured_frequencies().data(), trials.measured_frequencies().size())
          << ",\"measured_amplitudes\":"
          << json_array(trials.measured_amplitudes().data(), trials.measured_amplitudes().size())
          << ",\"survived\":" << json_array(trials.survived().data(), trials.survived().size())
          << ",\"outputs\":" << json_array(outputs.data(), outputs.size())
          << ",\"readout_norm\":" << json_number(network.readout_weights().norm()) << "}\n";
      if (stop && trials.trials_to_criterion() >= 0) break;
    }
  }
  return 0;
}

// W's eigenvalues against the wave lattice of the same task: the angle to the nearest theoretical
// angle (`count` leading eigenvalues), the matched error (each theoretical eigenvalue paired with
// its own eigenvalue of W, distance in the complex plane) and the authors' thresholded angle error
// (radians; null when W and the theory have different numbers of eigenvalues above 0.9).
std::string wave_error_json(const Trainer& trainer, const WaveLattice& lattice, int count) {
  const Eigen::MatrixXd w = trainer.rnn("the wave spectrum").recurrent();
  const RootsOfUnityError error =
      spectrum_angle_error(w, eigenvalues_of(lattice.step_matrix()), count);
  const auto values = eigenvalues_of(w);
  const MatchedSpectrumError matched = matched_spectrum_error(values, lattice.task_spectrum());
  const ThresholdedAngleError thresholded =
      thresholded_angle_error(values, lattice.task_spectrum());
  return "{\"mean_degrees\":" + json_number(error.mean_degrees) +
         ",\"max_degrees\":" + json_number(error.max_degrees) +
         ",\"mean_modulus\":" + json_number(error.mean_modulus) +
         ",\"matched_mean\":" + json_number(matched.mean) +
         ",\"matched_max\":" + json_number(matched.max) +
         ",\"unmatched_max_modulus\":" + json_number(matched.unmatched_max_modulus) +
         ",\"thresholded_angle_rad\":" + json_number(thresholded.mean_radians) +
         ",\"above_threshold\":" + std::to_string(thresholded.count) +
         ",\"theory_above_threshold\":" + std::to_string(thresholded.theory_count) + "}";
}

// Phi = pinv(Psi) W Psi of the network's current W and U, its boundary fraction, and the waves
// pinv(Psi) h_t along one task sequence (drawn from a fixed seed, the same before and after).
std::string wave_basis_json(const Trainer& trainer, const WaveLattice& lattice, bool with_arrays) {
  const Rnn& net = trainer.rnn("the wave analysis");
  const Eigen::MatrixXd w = net.recurrent();
  const Eigen::MatrixXd u = net.input();
  const int d = lattice.dims(), s = lattice.lag();
  const InputGroundedBasis basis = input_grounded_basis(w, u, s);
  SequenceBatch sequence;
  Rng rng(1, streams::kAnalysisBasis);
  trainer.task().sample(rng, 1, sequence);
  Eigen::MatrixXd inputs(d, sequence.steps);
  for (int t = 0; t < sequence.steps; ++t) {
    for (int i = 0; i < d; ++i) inputs(i, t) = sequence.input(t, 0, i);
  }
  const Eigen::MatrixXd hidden = elman_hidden_states(w, u, net.bias(), inputs);
  const Eigen::MatrixXd waves = basis.pinv * hidden;
  const WaveShift shift = wave_shift(waves, d, s);
  std::string out = "{\"boundary_fraction\":" +
                    json_number(boundary_fraction(basis.phi, lattice.step_matrix(), d, s)) +
                    ",\"wave_shift\":" + json_number(shift.shifted) +
                    ",\"wave_standing\":" + json_number(shift.standing);
  if (with_arrays) {
    out += ",\"phi\":" + json_array(basis.phi.data(), static_cast<std::size_t>(basis.phi.size())) +
           ",\"waves\":" + json_array(waves.data(), static_cast<std::size_t>(waves.size())) +
           ",\"inputs\":" + json_array(inputs.data(), static_cast<std::size_t>(inputs.size()));
  }
  return out + "}";
}

int run_wave_train(const std::vector<std::string>& args) {
  if (args.empty() || (args[0] != "repeat_copy" && args[0] != "lagged_copy")) {
    throw InvalidArgument("wave-train needs a task: repeat_copy or lagged_copy");
  }
  TrainerConfig config;
  config.task = args[0];
  config.network["bias"] = 0;
  double steps = 100;
  for (std::size_t k = 1; k < args.size(); ++k) {
    const std::string& arg = args[k];
    if (arg.rfind("steps:", 0) == 0) {
      steps = parse_number(arg.substr(6), "steps");
    } else if (!read_trainer_setting(arg, config)) {
      throw InvalidArgument("could not read " + quoted(arg) +
                            "; write steps:K or a setting GROUP.NAME=VALUE such as "
                            "network.hidden=32 (short: net.hidden=32)");
    }
  }
  check_param({"steps", 2, 10000000, 100, true, "", ""}, steps, "wave-train");
  Trainer trainer(config);
  const ParamValues& task = trainer.task().params();
  const WaveLattice lattice(
      {{"dims", task.at("dims")}, {"lag", task.at("lag")}},
      args[0]);  // the lattice with the same d and s: the theoretical spectrum
  int count = 0;
  for (const auto& value : eigenvalues_of(lattice.step_matrix())) count += std::abs(value) > 1e-3;
  if (count > trainer.rnn("wave-train").hidden_size()) {
    throw InvalidArgument("wave-train: the network needs at least " + std::to_string(count) +
                          " hidden units for this task's spectrum");
  }
  if (trainer.rnn("wave-train").params().at("continuous") != 0) {
    throw InvalidArgument(
        "wave-train: the wave analysis needs the discrete form (net.continuous=0)");
  }
  const std::string before = wave_error_json(trainer, lattice, count);
  const std::string basis_before = wave_basis_json(trainer, lattice, false);
  trainer.train(1);  // the gradient at the initial weights
  const std::vector<double> gradient_before = trainer.hidden_gradient_norms();
  const double validation_before = trainer.validation_loss();
  trainer.train(static_cast<int>(steps) - 1);
  const std::vector<double> gradient_after = trainer.hidden_gradient_norms();
  const auto& losses = trainer.losses();
  std::cout << "{\"task\":" << json_string(args[0]) << ",\"theory_count\":" << count
            << ",\"error_before\":" << before
            << ",\"error_after\":" << wave_error_json(trainer, lattice, count)
            << ",\"basis_before\":" << basis_before
            << ",\"basis_after\":" << wave_basis_json(trainer, lattice, true)
            << ",\"validation_loss_before\":" << json_number(validation_before)
            << ",\"measures\":" << json_object(trainer.measures())
            << ",\"stop_reason\":" << json_string(trainer.stop_reason())
            << ",\"hidden_gradient_before\":"
            << json_array(gradient_before.data(), gradient_before.size())
            << ",\"hidden_gradient_after\":"
            << json_array(gradient_after.data(), gradient_after.size())
            << ",\"losses\":" << json_array(losses.data(), losses.size()) << "}\n";
  return 0;
}

const CommandRegistrar readout_registrar({"readout",
                                          "force|lms [net.X=V ...] [learn.X=V ...] "
                                          "[train:four_sine:STEPS | test:four_sine:STEPS ...]",
                                          run_readout,
                                          [] { return ReadoutLearner::param_specs(); }});
const CommandRegistrar wave_registrar({"wave",
                                       "repeat_copy|lagged_copy|fibonacci dims=D lag=S "
                                       "[input:SEED | run:STEPS ...]",
                                       run_wave, [] { return WaveLattice::param_specs(); }});
const CommandRegistrar memory_trials_registrar(
    {"memory-trials",
     "force|lms [net.X=V ...] [learn.X=V ...] [task.X=V ...] [trials:K | until_criterion:K ...]",
     run_memory_trials, [] { return MemoryTrials::param_specs(); }});
const CommandRegistrar pattern_trials_registrar(
    {"pattern-trials",
     "force|lms [net.X=V ...] [learn.X=V ...] [task.X=V ...] [trials:K | until_criterion:K ...]",
     run_pattern_trials, [] { return PatternTrials::param_specs(); }});
const CommandRegistrar wave_train_registrar({"wave-train",
                                             "repeat_copy|lagged_copy " +
                                                 std::string(kTrainerSettingsUsage) + " [steps:K]",
                                             run_wave_train, nullptr});

}  // namespace
}  // namespace attractor::cli
