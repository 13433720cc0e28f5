// Milliseconds per BPTT step of the RNN, float64 against float32, natively:
//   one loss_and_gradient (forward pass + BPTT) of a tanh RNN with N = 64, T = 100, batch 16,
//   2 inputs, 1 output (delayed recall), and one full training step (batch, BPTT, Adam).
// Also the cost and accuracy of the two deterministic float32 tanh candidates.
//
//   build/native/bench/bptt_native [repetitions]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "attractor/detmath.hpp"
#include "attractor/rng.hpp"
#include "attractor/trainer.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double elapsed_ms(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

attractor::TrainerConfig config(int precision) {
  attractor::TrainerConfig c;
  c.task = "delayed_recall";
  c.task_params = {{"steps", 100}, {"recall_steps", 5}};
  c.initialization = "gaussian";
  c.network = {{"hidden", 64}, {"precision", precision}};
  c.training = {{"batch", 16}, {"seed", 1}};
  return c;
}

double ulps(float y, double exact) {
  const float e = static_cast<float>(std::abs(exact));
  return std::abs(static_cast<double>(y) - exact) / (std::nextafter(e, 2.0f) - e);
}

}  // namespace

int main(int argc, char** argv) {
  const int repetitions = argc > 1 ? std::atoi(argv[1]) : 5;
  for (const int precision : {64, 32}) {
    attractor::Trainer trainer(config(precision));
    attractor::SequenceBatch batch;
    attractor::Rng rng(1, attractor::streams::kValidation);
    trainer.task().sample(rng, 16, batch);
    std::vector<double> gradient;
    trainer.network().loss_and_gradient(batch, gradient);  // warm up
    std::printf("float%d native:\n  loss_and_gradient ms:", precision);
    for (int r = 0; r < repetitions; ++r) {
      const int calls = 200;
      const auto start = Clock::now();
      for (int k = 0; k < calls; ++k) trainer.network().loss_and_gradient(batch, gradient);
      std::printf(" %.3f", elapsed_ms(start) / calls);
    }
    std::printf("\n  train step ms:       ");
    for (int r = 0; r < repetitions; ++r) {
      const int steps = 100;
      const auto start = Clock::now();
      trainer.train(steps);
      std::printf(" %.3f", elapsed_ms(start) / steps);
    }
    std::printf("\n");
  }

  // The two deterministic float32 tanh: the float kernel and float64 det::tanh rounded to float.
  std::vector<float> x(1 << 16);
  for (std::size_t i = 0; i < x.size(); ++i) x[i] = -8.0f + 16.0f * i / x.size();
  std::vector<float> y(x.size());
  double worst_kernel = 0, worst_rounded = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double exact = std::tanh(static_cast<double>(x[i]));
    worst_kernel = std::max(worst_kernel, ulps(attractor::det::tanh_float(x[i]), exact));
    worst_rounded =
        std::max(worst_rounded,
                 ulps(static_cast<float>(attractor::det::tanh(static_cast<double>(x[i]))), exact));
  }
  const int sweeps = 100;
  auto start = Clock::now();
  for (int s = 0; s < sweeps; ++s) {
    for (std::size_t i = 0; i < x.size(); ++i) y[i] = attractor::det::tanh_float(x[i] + y[i] * 0);
  }
  const double kernel_ns = elapsed_ms(start) * 1e6 / (sweeps * x.size());
  start = Clock::now();
  for (int s = 0; s < sweeps; ++s) {
    for (std::size_t i = 0; i < x.size(); ++i)
      y[i] = static_cast<float>(attractor::det::tanh(static_cast<double>(x[i] + y[i] * 0)));
  }
  const double rounded_ns = elapsed_ms(start) * 1e6 / (sweeps * x.size());
  std::printf("tanh_float: %.2f ns, max %.2f ulp; float(det::tanh): %.2f ns, max %.2f ulp\n",
              kernel_ns, worst_kernel, rounded_ns, worst_rounded);
  return 0;
}
