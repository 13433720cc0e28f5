// The native half of `make bench`: the same measurements as bench/measure.mjs runs on the
// WebAssembly module, on the core compiled by g++. Prints one JSON object.
//
//   core_native [repetitions]
//
// bptt: milliseconds per loss_and_gradient (float32 forward pass and BPTT, inputs 2, outputs 1,
// T = 100, batch 16) for N = 32 .. 512. ring: Euler steps per second of the N = 512 ring
// attractor. force: network steps per second of FORCE learning (RLS, float64) with N = 1000.
// lyapunov: QR steps per second of the full spectrum of a 200-unit tanh rate network.
// tanh_map: seconds to classify the 200 x 200 (alpha, theta) grid.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "attractor/lyapunov.hpp"
#include "attractor/rate_network.hpp"
#include "attractor/readout_learning.hpp"
#include "attractor/ring_attractor.hpp"
#include "attractor/rng.hpp"
#include "attractor/tanh_map_explorer.hpp"
#include "attractor/trainer.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t n = values.size();
  return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

// Median over `repetitions` of the seconds per call of `body`, each repetition calling it often
// enough to last about `window` seconds.
double seconds_per_call(const std::function<void()>& body, int repetitions, double window) {
  body();  // warm up
  auto start = Clock::now();
  body();
  const double once = std::max(seconds_since(start), 1e-7);
  const int calls = std::max(1, static_cast<int>(window / once));
  std::vector<double> samples;
  for (int r = 0; r < repetitions; ++r) {
    start = Clock::now();
    for (int k = 0; k < calls; ++k) body();
    samples.push_back(seconds_since(start) / calls);
  }
  return median(samples);
}

attractor::TrainerConfig bptt_config(int hidden) {
  attractor::TrainerConfig c;
  c.task = "delayed_recall";
  c.task_params = {{"steps", 100}, {"recall_steps", 5}};
  c.initialization = "gaussian";
  c.network = {{"hidden", hidden}, {"precision", 32}};
  c.training = {{"batch", 16}, {"seed", 1}};
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::atoi(argv[1]) : 5;
  std::printf("{\n  \"bptt_ms\": {");
  const int sizes[] = {32, 64, 128, 256, 512};
  for (std::size_t s = 0; s < std::size(sizes); ++s) {
    attractor::Trainer trainer(bptt_config(sizes[s]));
    attractor::SequenceBatch batch;
    attractor::Rng rng(1, attractor::streams::kValidation);
    trainer.task().sample(rng, 16, batch);
    std::vector<double> gradient;
    const double seconds = seconds_per_call(
        [&] { trainer.network().loss_and_gradient(batch, gradient); }, repetitions, 0.3);
    std::printf("%s\"%d\": %.5f", s ? ", " : "", sizes[s], 1e3 * seconds);
    std::fflush(stdout);
  }
  std::printf("},\n");

  attractor::RingAttractor ring({{"n", 512}});
  const int ring_steps = 1000;
  const double ring_seconds = seconds_per_call([&] { ring.run(ring_steps); }, repetitions, 0.3);
  std::printf("  \"ring_steps_per_s\": %.1f,\n", ring_steps / ring_seconds);
  ring.perturb(0.1, 1);
  const double ring_perturbed_seconds =
      seconds_per_call([&] { ring.run(ring_steps); }, repetitions, 0.3);
  std::printf("  \"ring_perturbed_steps_per_s\": %.1f,\n", ring_steps / ring_perturbed_seconds);
  std::fflush(stdout);

  attractor::RateNetwork network({{"n", 1000}, {"inputs", 0}, {"feedback", 1}, {"seed", 4}});
  attractor::ReadoutLearner learner(network, {{"alpha", 1}}, "force");
  const int force_steps = 200;
  std::vector<double> targets(force_steps);
  double first = 0;
  const double force_seconds = seconds_per_call(
      [&] {
        for (int t = 0; t < force_steps; ++t)
          targets[static_cast<std::size_t>(t)] =
              attractor::four_sine_target((first + t + 1) * 1e-3);
        first += force_steps;
        learner.train(targets);
      },
      repetitions, 0.5);
  std::printf("  \"force_steps_per_s\": %.1f,\n", force_steps / force_seconds);
  std::fflush(stdout);

  attractor::RateNetwork chaotic({{"n", 200}, {"inputs", 0}});
  attractor::LyapunovSpectrum spectrum(chaotic, {{"transient_steps", 0}, {"steps", 1e8}});
  const int qr_steps = 5;
  const double qr_seconds = seconds_per_call([&] { spectrum.advance(qr_steps); }, repetitions, 0.5);
  std::printf("  \"lyapunov_steps_per_s\": %.2f,\n", qr_steps / qr_seconds);
  std::fflush(stdout);

  std::vector<double> grid;
  for (int r = 0; r < std::max(1, repetitions / 2); ++r) {
    attractor::TanhMapExplorer explorer({{"alpha_count", 200}, {"theta_count", 200}});
    const auto start = Clock::now();
    while (!explorer.done()) explorer.advance(4000);
    grid.push_back(seconds_since(start));
  }
  std::printf("  \"tanh_map_s\": %.4f\n}\n", median(grid));
  return 0;
}
