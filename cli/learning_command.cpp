// attractor-lab readout RULE [net.X=V ...] [learn.X=V ...] [train:four_sine:STEPS |
// test:four_sine:STEPS ...] attractor-lab wave RULE dims=D lag=S [input:SEED | run:STEPS ...]
#include <iostream>

#include "attractor/readout_learning.hpp"
#include "attractor/rng.hpp"
#include "attractor/wave_memory.hpp"
#include "command.hpp"
#include "json.hpp"

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
  std::vector<std::vector<std::string>> actions;
  for (std::size_t k = 1; k < args.size(); ++k) {
    const std::string& arg = args[k];
    const auto equals = arg.find('=');
    if (arg.rfind("net.", 0) == 0 && equals != std::string::npos) {
      network_params[arg.substr(4, equals - 4)] = parse_number(arg.substr(equals + 1), arg);
    } else if (arg.rfind("learn.", 0) == 0 && equals != std::string::npos) {
      learner_params[arg.substr(6, equals - 6)] = parse_number(arg.substr(equals + 1), arg);
    } else {
      actions.push_back(split(arg, ':'));
    }
  }
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

const CommandRegistrar readout_registrar({"readout",
                                          "force|lms [net.X=V ...] [learn.X=V ...] "
                                          "[train:four_sine:STEPS | test:four_sine:STEPS ...]",
                                          run_readout,
                                          [] { return ReadoutLearner::param_specs(); }});
const CommandRegistrar wave_registrar({"wave",
                                       "repeat_copy|lagged_copy|fibonacci dims=D lag=S "
                                       "[input:SEED | run:STEPS ...]",
                                       run_wave, [] { return WaveLattice::param_specs(); }});

}  // namespace
}  // namespace attractor::cli
