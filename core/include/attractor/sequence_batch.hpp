// A batch of input/target sequences for training, as the tasks produce it.
//
// Layout: for each time step t a column-major (features x batch) block, so x_t is the matrix at
// offset t * features * batch; that is what the products in the RNN consume directly. The loss
// mask is per (t, trial) and applies to every output.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace attractor {

struct SequenceBatch {
  int steps = 0;
  int batch = 0;
  int input_size = 0;
  int output_size = 0;
  std::vector<double> inputs;   // steps * input_size * batch
  std::vector<double> targets;  // steps * output_size * batch
  std::vector<double> mask;     // steps * batch, 0 or 1 (or a weight)

  void resize(int steps_, int batch_, int input_size_, int output_size_) {
    steps = steps_;
    batch = batch_;
    input_size = input_size_;
    output_size = output_size_;
    const auto t = static_cast<std::size_t>(steps_);
    const auto b = static_cast<std::size_t>(batch_);
    inputs.assign(t * static_cast<std::size_t>(input_size_) * b, 0.0);
    targets.assign(t * static_cast<std::size_t>(output_size_) * b, 0.0);
    mask.assign(t * b, 0.0);
  }
  double& input(int t, int trial, int i) {
    return inputs[(static_cast<std::size_t>(t) * batch + trial) * input_size + i];
  }
  double& target(int t, int trial, int o) {
    return targets[(static_cast<std::size_t>(t) * batch + trial) * output_size + o];
  }
  double& weight(int t, int trial) { return mask[static_cast<std::size_t>(t) * batch + trial]; }
  double input(int t, int trial, int i) const {
    return inputs[(static_cast<std::size_t>(t) * batch + trial) * input_size + i];
  }
  double target(int t, int trial, int o) const {
    return targets[(static_cast<std::size_t>(t) * batch + trial) * output_size + o];
  }
  double weight(int t, int trial) const {
    return mask[static_cast<std::size_t>(t) * batch + trial];
  }
};

// Throws InvalidArgument, naming `context`, unless `batch` fits a network with `input_size` inputs
// and `output_size` outputs: steps and trials at least 1, each array as long as the shape says,
// every input and target finite, every mask entry finite and >= 0, and the mask's sum positive
// and finite (the loss divides by it). A refused batch changes nothing.
void check_batch(const SequenceBatch& batch, int input_size, int output_size,
                 const std::string& context);

// The masked mean squared error of `outputs` (laid out like batch.targets): the sum of
// mask * (y - target)^2 over every output, step and trial, divided by output_size * sum(mask).
// The batch must have passed check_batch(). Shared by the trainable networks, so they agree to
// the bit on the same outputs.
double masked_squared_error(const SequenceBatch& batch, const std::vector<double>& outputs);
// Its derivative with respect to every output, into `errors` (resized like outputs).
void masked_squared_error_gradient(const SequenceBatch& batch, const std::vector<double>& outputs,
                                   std::vector<double>& errors);

// A batch as a caller outside the core hands it over (a JavaScript object, a JSON file): its
// members may be missing or have any length. The doors convert the types; everything else is
// checked here, so every door refuses the same batches with the same messages.
struct BatchMembers {
  std::optional<double> steps;
  std::optional<double> batch;
  std::optional<std::vector<double>> inputs;
  std::optional<std::vector<double>> targets;
  std::optional<std::vector<double>> mask;
};

// steps, batch, inputs, targets, mask.
const std::vector<std::string>& batch_member_names();
// Throws InvalidArgument naming the first of `names` that is not a batch member.
void check_batch_member_names(const std::vector<std::string>& names, const std::string& context);
// Messages for a door's type errors: the batch is not an object, or a member (or "inputs[3]")
// is not what it must be ("a number", "an array of numbers"); `given` is "a string", "null", ...
std::string batch_type_message(const std::string& context, const std::string& given);
std::string batch_member_type_message(const std::string& context, const std::string& member,
                                      const std::string& expected, const std::string& given);

// The batch for a network with `input_size` inputs and `output_size` outputs; throws
// InvalidArgument for a missing member, steps or batch out of range, and whatever check_batch()
// refuses.
SequenceBatch batch_from_members(BatchMembers members, int input_size, int output_size,
                                 const std::string& context);

// The members of a batch object whose member names are `names` (checked first): number(name)
// and array(name) read one member from the door's own kind of object (JSON on the command line,
// a JavaScript object in the bindings), std::nullopt when it is absent.
template <typename ReadNumber, typename ReadArray>
BatchMembers read_batch_members(const std::vector<std::string>& names, const std::string& context,
                                ReadNumber number, ReadArray array) {
  check_batch_member_names(names, context);
  BatchMembers members;
  members.steps = number("steps");
  members.batch = number("batch");
  members.inputs = array("inputs");
  members.targets = array("targets");
  members.mask = array("mask");
  return members;
}

}  // namespace attractor
