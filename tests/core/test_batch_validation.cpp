// Batches from outside the core (JavaScript's lossAndGradient, the command line's --batch) are
// checked in one place, check_batch(); a refused batch changes nothing.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <string>

#include "attractor/rnn.hpp"
#include "attractor/sequence_batch.hpp"
#include "attractor/tasks.hpp"
#include "sequence_fixtures.hpp"

using attractor::BatchMembers;
using attractor::InvalidArgument;
using attractor::Rnn;
using attractor::SequenceBatch;
using attractor::testing::random_batch;

namespace {

// steps 3, trials 2, 2 inputs, 1 output, every step in the loss.
SequenceBatch good_batch() {
  return random_batch(3, 2, 2, 1, 7, 1.0);
}

BatchMembers members_of(const SequenceBatch& batch) {
  BatchMembers members;
  members.steps = batch.steps;
  members.batch = batch.batch;
  members.inputs = batch.inputs;
  members.targets = batch.targets;
  members.mask = batch.mask;
  return members;
}

// Runs `refused` on `rnn`, which must throw `message`, and checks that the network's parameters
// are bit for bit those before the call.
template <typename Call>
void check_refused(Rnn& rnn, Call refused, const std::string& message) {
  const std::vector<double> before = rnn.parameters();
  CHECK_THROWS_WITH_AS(refused(), message.c_str(), InvalidArgument);
  REQUIRE(rnn.parameters().size() == before.size());
  for (std::size_t k = 0; k < before.size(); ++k) {
    CHECK(std::memcmp(&rnn.parameters()[k], &before[k], sizeof(double)) == 0);
  }
}

}  // namespace

TEST_CASE("a negative mask entry is refused: loss and gradient would disagree") {
  Rnn rnn({{"hidden", 4}, {"inputs", 2}, {"seed", 3}});
  SequenceBatch batch = good_batch();
  batch.mask = {1, -1, 1, 0, 0, 0};  // sums to 1; the loss used to count -1 as a weight
  std::vector<double> gradient;
  check_refused(
      rnn, [&] { return rnn.loss_and_gradient(batch, gradient); },
      "rnn: mask[1] = -1 is not allowed (step 0, trial 1); mask entries must be finite numbers "
      ">= 0");
  check_refused(
      rnn, [&] { return rnn.loss(batch); },
      "rnn: mask[1] = -1 is not allowed (step 0, trial 1); mask entries must be finite numbers "
      ">= 0");
  batch.mask = {1, -1, 0, 0, 0, 0};  // sums to 0: the loss used to be 0, the gradient not
  check_refused(
      rnn, [&] { return rnn.loss(batch); },
      "rnn: mask[1] = -1 is not allowed (step 0, trial 1); mask entries must be finite numbers "
      ">= 0");
}

TEST_CASE("a mask with NaN or infinite entries, or summing to 0 or to infinity, is refused") {
  Rnn rnn({{"hidden", 4}, {"inputs", 2}});
  SequenceBatch batch = good_batch();
  batch.mask[4] = std::numeric_limits<double>::quiet_NaN();
  check_refused(
      rnn, [&] { return rnn.loss(batch); },
      "rnn: mask[4] = nan is not allowed (step 2, trial 0); mask entries must be finite numbers "
      ">= 0");
  batch.mask[4] = std::numeric_limits<double>::infinity();
  check_refused(
      rnn, [&] { return rnn.loss(batch); },
      "rnn: mask[4] = inf is not allowed (step 2, trial 0); mask entries must be finite numbers "
      ">= 0");
  batch.mask.assign(batch.mask.size(), 0.0);
  check_refused(
      rnn, [&] { return rnn.loss(batch); },
      "rnn: the mask sums to 0; the loss is divided by that sum, so it must be a positive finite "
      "number (give at least one step a positive weight)");
  batch.mask.assign(batch.mask.size(), 1e308);
  check_refused(
      rnn, [&] { return rnn.loss(batch); },
      "rnn: the mask sums to inf; the loss is divided by that sum, so it must be a positive "
      "finite number (give at least one step a positive weight)");
}

TEST_CASE("NaN or infinite inputs and targets are refused, naming step, trial and feature") {
  Rnn rnn({{"hidden", 4}, {"inputs", 2}});
  SequenceBatch batch = good_batch();
  batch.inputs[7] = std::numeric_limits<double>::quiet_NaN();  // step 1, trial 1, input 1
  check_refused(
      rnn, [&] { return rnn.loss(batch); },
      "rnn: inputs[7] = nan is not allowed (step 1, trial 1, input 1); inputs must be finite "
      "numbers");
  batch = good_batch();
  batch.targets[5] = -std::numeric_limits<double>::infinity();  // step 2, trial 1
  std::vector<double> gradient;
  check_refused(
      rnn, [&] { return rnn.loss_and_gradient(batch, gradient); },
      "rnn: targets[5] = -inf is not allowed (step 2, trial 1, output 0); targets must be finite "
      "numbers");
}

TEST_CASE("arrays of the wrong length for the batch's shape are refused with the product") {
  Rnn rnn({{"hidden", 4}, {"inputs", 2}});
  SequenceBatch batch = good_batch();
  batch.inputs.pop_back();
  check_refused(
      rnn, [&] { return rnn.loss(batch); },
      "rnn: inputs has 11 values; steps x batch x inputs = 3 x 2 x 2 = 12 are needed");
  batch = good_batch();
  batch.mask.push_back(1);
  check_refused(
      rnn, [&] { return rnn.loss(batch); },
      "rnn: mask has 7 values; steps x batch = 3 x 2 = 6 are needed");
  batch = good_batch();
  batch.targets.clear();
  check_refused(
      rnn, [&] { return rnn.loss(batch); },
      "rnn: targets has 0 values; steps x batch x outputs = 3 x 2 x 1 = 6 are needed");
}

TEST_CASE("batch_from_members names a missing member, a bad shape and what is allowed") {
  const SequenceBatch good = good_batch();
  const auto build = [](const BatchMembers& members) {
    return attractor::batch_from_members(members, 2, 1, "trainer");
  };
  const SequenceBatch built = build(members_of(good));
  CHECK(built.inputs == good.inputs);
  CHECK(built.mask == good.mask);
  CHECK(built.steps == 3);
  CHECK(built.batch == 2);
  // Each case spoils one member of a good batch; the message names it and what is allowed.
  struct Spoiled {
    std::function<void(BatchMembers&)> spoil;
    const char* message;
  };
  const Spoiled cases[] = {
      {[](BatchMembers& m) { m.mask.reset(); },
       "trainer: mask is missing; a batch has steps, batch, inputs, targets, mask"},
      {[](BatchMembers& m) { m.steps.reset(); },
       "trainer: steps is missing; a batch has steps, batch, inputs, targets, mask"},
      {[](BatchMembers& m) { m.batch = 1.5; },
       "trainer: batch = 1.5 is not allowed; batch must be an integer from 1 to 4096 trials"},
      {[](BatchMembers& m) { m.steps = 0; },
       "trainer: steps = 0 is not allowed; steps must be an integer from 1 to 100000"},
      {[](BatchMembers& m) { m.steps = 4; },
       "trainer: inputs has 12 values; steps x batch x inputs = 4 x 2 x 2 = 16 are needed"},
  };
  for (const auto& spoiled : cases) {
    CAPTURE(spoiled.message);
    BatchMembers members = members_of(good);
    spoiled.spoil(members);
    CHECK_THROWS_WITH_AS(build(members), spoiled.message, InvalidArgument);
  }
  CHECK_THROWS_WITH_AS(attractor::check_batch_member_names({"steps", "masks"}, "trainer"),
                       "trainer: unknown batch member 'masks'; a batch has steps, batch, inputs, "
                       "targets, mask",
                       InvalidArgument);
}

TEST_CASE("every task's batches pass check_batch, and settings that empty the loss are refused") {
  for (const auto& name : attractor::task_names()) {
    CAPTURE(name);
    const auto task = attractor::make_task(name, {});
    attractor::Rng rng(1);
    SequenceBatch batch;
    task->sample(rng, 3, batch);
    CHECK_NOTHROW(attractor::check_batch(batch, task->input_size(), task->output_size(), "test"));
  }
  CHECK_THROWS_WITH_AS(attractor::make_task("sine", {{"steps", 10}, {"warmup_steps", 10}}),
                       "task sine: warmup_steps = 10 must be smaller than steps = 10",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(
      attractor::make_task("angular_velocity", {{"steps", 20}, {"loss_window", 0.02}}),
      "task angular_velocity: loss_window = 0.02 of steps = 20 covers no step; loss_window x "
      "steps must be at least 0.5",
      InvalidArgument);
  CHECK_NOTHROW(attractor::make_task("angular_velocity", {{"steps", 20}, {"loss_window", 0.025}}));
}
