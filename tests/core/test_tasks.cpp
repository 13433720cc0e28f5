#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attractor/tasks.hpp"

using attractor::InvalidArgument;
using attractor::make_task;
using attractor::Rng;
using attractor::SequenceBatch;

namespace {
constexpr double kPi = 3.14159265358979323846;
}

TEST_CASE("every task fills a batch of its own shape with a non-empty mask, reproducibly") {
  for (const auto& name : attractor::task_names()) {
    CAPTURE(name);
    const auto task = make_task(name, {});
    SequenceBatch a;
    SequenceBatch b;
    Rng rng_a(3);
    Rng rng_b(3);
    task->sample(rng_a, 5, a);
    task->sample(rng_b, 5, b);
    CHECK(a.steps == task->steps());
    CHECK(a.batch == 5);
    CHECK(a.input_size == task->input_size());
    CHECK(a.output_size == task->output_size());
    CHECK(a.inputs == b.inputs);
    CHECK(a.targets == b.targets);
    double mask = 0.0;
    for (const double m : a.mask) mask += m;
    CHECK(mask > 0);
  }
}

TEST_CASE("delayed recall asks back the value given at step 0, during the recall window only") {
  const auto task = make_task("delayed_recall", {{"steps", 30}, {"recall_steps", 4}});
  SequenceBatch batch;
  Rng rng(1);
  task->sample(rng, 8, batch);
  for (int j = 0; j < 8; ++j) {
    const double value = batch.input(0, j, 0);
    CHECK(std::fabs(value) <= 1.0);
    for (int t = 0; t < 30; ++t) {
      const bool recall = t >= 26;
      CHECK(batch.weight(t, j) == (recall ? 1.0 : 0.0));
      CHECK(batch.input(t, j, 1) == (recall ? 1.0 : 0.0));
      if (recall) CHECK(batch.target(t, j, 0) == value);
      if (t > 0) CHECK(batch.input(t, j, 0) == 0.0);
    }
  }
  // Perfect outputs are fully solved, zero outputs are not.
  CHECK(task->accuracy(batch, batch.targets) == 1.0);
}

TEST_CASE("adding: the target is the sum of the two marked numbers, one in each half") {
  const auto task = make_task("adding", {{"steps", 40}});
  SequenceBatch batch;
  Rng rng(2);
  task->sample(rng, 20, batch);
  for (int j = 0; j < 20; ++j) {
    double sum = 0.0;
    int first_half = 0;
    int second_half = 0;
    for (int t = 0; t < 40; ++t) {
      if (batch.input(t, j, 1) == 1.0) {
        sum += batch.input(t, j, 0);
        (t < 20 ? first_half : second_half) += 1;
      }
    }
    CHECK(first_half == 1);
    CHECK(second_half == 1);
    CHECK(batch.target(39, j, 0) == sum);
    CHECK(batch.weight(39, j) == 1.0);
    CHECK(batch.weight(38, j) == 0.0);
  }
}

TEST_CASE("history tasks continue the +-1 sequence with the right lags") {
  SequenceBatch batch;
  Rng rng(4);
  const auto t1 = make_task("repeat_copy", {{"dims", 3}, {"lag", 5}, {"steps", 23}});
  t1->sample(rng, 4, batch);
  for (int j = 0; j < 4; ++j) {
    for (int t = 5; t < 23; ++t) {
      for (int d = 0; d < 3; ++d) {
        const double earlier = t - 5 < 5 ? batch.input(t - 5, j, d) : batch.target(t - 5, j, d);
        CHECK(batch.target(t, j, d) == earlier);
        CHECK(batch.input(t, j, d) == 0.0);
      }
    }
  }
  const auto t3 = make_task("lagged_copy", {{"dims", 3}, {"lag", 5}, {"steps", 23}});
  t3->sample(rng, 4, batch);
  for (int j = 0; j < 4; ++j) {
    for (int t = 5; t < 23; ++t) {
      for (int d = 0; d < 3; ++d) {
        const int source = t - (5 - d);
        const double earlier = source < 5 ? batch.input(source, j, d) : batch.target(source, j, d);
        CHECK(batch.target(t, j, d) == earlier);
      }
    }
  }
  CHECK_THROWS_WITH_AS(make_task("lagged_copy", {{"dims", 6}, {"lag", 5}, {"steps", 20}}),
                       doctest::Contains("dims = 6 must be at most lag = 5"), InvalidArgument);
}

TEST_CASE("sine: the input level selects the period") {
  const auto task = make_task("sine", {{"period_min", 10}, {"period_max", 30}, {"steps", 50}});
  SequenceBatch batch;
  Rng rng(5);
  task->sample(rng, 6, batch);
  for (int j = 0; j < 6; ++j) {
    const double period = 10 + batch.input(0, j, 0) * 20;
    for (int t = 0; t < 50; ++t) {
      CHECK(batch.target(t, j, 0) ==
            doctest::Approx(std::sin(2 * kPi * t / period)).epsilon(1e-12));
    }
  }
}

TEST_CASE("angular velocity: the target heading is the integral of the input velocity") {
  const auto task =
      make_task("angular_velocity", {{"steps", 400}, {"dt", 0.1}, {"loss_window", 0.25}});
  SequenceBatch batch;
  Rng rng(6);
  task->sample(rng, 64, batch);
  int zeroed = 0;
  double sum_sq = 0.0;
  int nonzero = 0;
  for (int j = 0; j < 64; ++j) {
    double heading = std::atan2(batch.input(0, j, 2), batch.input(0, j, 1));
    for (int t = 0; t < 400; ++t) {
      const double v = batch.input(t, j, 0);
      heading += v * 0.1;
      CHECK(batch.target(t, j, 0) == doctest::Approx(std::cos(heading)).epsilon(1e-9).scale(1));
      CHECK(batch.target(t, j, 1) == doctest::Approx(std::sin(heading)).epsilon(1e-9).scale(1));
      CHECK(batch.weight(t, j) == (t >= 300 ? 1.0 : 0.0));
      if (v == 0.0) {
        ++zeroed;
      } else {
        sum_sq += v * v;
        ++nonzero;
      }
    }
  }
  // Each step is zeroed with probability 1 - s, s ~ U(0, 2): on average 1/4 of the steps.
  const double fraction = static_cast<double>(zeroed) / (64 * 400);
  CHECK(fraction == doctest::Approx(0.25).epsilon(0.25));
  // The smoothed process keeps the requested standard deviation (1 by default).
  CHECK(std::sqrt(sum_sq / nonzero) == doctest::Approx(1.0).epsilon(0.1));
}

TEST_CASE("unknown tasks and bad task parameters are rejected by name") {
  CHECK_THROWS_WITH_AS(make_task("copy", {}),
                       "task 'copy' is not known; choose one of delayed_recall, adding, "
                       "repeat_copy, lagged_copy, sine, angular_velocity, angular_integration",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(make_task("delayed_recall", {{"steps", 10}, {"recall_steps", 10}}),
                       doctest::Contains("recall_steps = 10 must be smaller than steps = 10"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(make_task("adding", {{"steps", 0}}),
                       "task adding: steps = 0 is not allowed; steps must be an integer from 4 to "
                       "4096 steps",
                       InvalidArgument);
}

TEST_CASE(
    "angular_integration is Park et al.'s task: smooth velocity over the whole trial, "
    "the integrated angle from 0, one scored step among the last k - 1") {
  for (const int steps : {128, 512}) {
    CAPTURE(steps);
    const auto task = make_task("angular_integration", {{"steps", steps}, {"scored_steps", 10}});
    REQUIRE(task->input_size() == 1);
    REQUIRE(task->output_size() == 2);
    Rng rng(5);
    SequenceBatch batch;
    const int trials = 400;
    task->sample(rng, trials, batch);
    int zeroed = 0;
    std::vector<int> scored_at(10, 0);
    double lag_product = 0.0, lag_count = 0.0, square_sum = 0.0, square_count = 0.0;
    for (int j = 0; j < trials; ++j) {
      double angle = 0.0;
      int scored = 0;
      for (int t = 0; t < steps; ++t) {
        const double v = batch.input(t, j, 0);
        zeroed += v == 0.0;
        angle += 0.1 * v;  // the target includes the current step's velocity
        CHECK(batch.target(t, j, 0) == doctest::Approx(std::cos(angle)).epsilon(1e-12));
        CHECK(batch.target(t, j, 1) == doctest::Approx(std::sin(angle)).epsilon(1e-12));
        if (batch.weight(t, j) != 0) {
          ++scored;
          REQUIRE(steps - t >= 1);
          REQUIRE(steps - t <= 9);
          ++scored_at[static_cast<std::size_t>(steps - t)];
        }
        // The velocity is correlated over half the trial: at a lag of a quarter trial the
        // correlation is exp(-(0.5)^2 / 2) = 0.88, measured where neither step is zeroed.
        const int lag = (steps - 1) / 4;
        if (t + lag < steps && v != 0.0 && batch.input(t + lag, j, 0) != 0.0) {
          lag_product += v * batch.input(t + lag, j, 0);
          lag_count += 1;
        }
        if (v != 0.0) {
          square_sum += v * v;
          square_count += 1;
        }
      }
      CHECK(scored == 1);
    }
    // Each of the last 9 steps is scored about equally often.
    for (int back = 1; back <= 9; ++back) CHECK(scored_at[static_cast<std::size_t>(back)] > 20);
    CHECK(static_cast<double>(zeroed) / (trials * steps) == doctest::Approx(0.25).epsilon(0.2));
    CHECK(square_sum / square_count == doctest::Approx(1.0).epsilon(0.15));
    CHECK((lag_product / lag_count) / (square_sum / square_count) ==
          doctest::Approx(std::exp(-0.125)).epsilon(0.1));
  }
  // Every step in the loss with scored_steps = 0; 1 and more than steps + 1 are refused.
  Rng rng(1);
  SequenceBatch all;
  make_task("angular_integration", {{"steps", 20}, {"scored_steps", 0}})->sample(rng, 3, all);
  for (const double m : all.mask) CHECK(m == 1.0);
  CHECK_THROWS_WITH_AS(make_task("angular_integration", {{"steps", 20}, {"scored_steps", 1}}),
                       doctest::Contains("scored_steps = 1 is not allowed with steps = 20"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(make_task("angular_integration", {{"steps", 20}, {"scored_steps", 22}}),
                       doctest::Contains("use 0 (every step counts) or 2 to steps + 1 = 21"),
                       InvalidArgument);
}
