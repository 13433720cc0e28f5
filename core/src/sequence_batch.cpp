#include "attractor/sequence_batch.hpp"

#include <cmath>

#include "attractor/params.hpp"

namespace attractor {
namespace {

std::string product_text(const std::vector<std::pair<const char*, int>>& factors) {
  std::string names;
  std::string values;
  double product = 1;
  for (const auto& [name, value] : factors) {
    names += (names.empty() ? "" : " x ") + std::string(name);
    values += (values.empty() ? "" : " x ") + std::to_string(value);
    product *= value;
  }
  return names + " = " + values + " = " + format_number(product);
}

void check_length(const std::vector<double>& values, const char* member,
                  const std::vector<std::pair<const char*, int>>& factors,
                  const std::string& context) {
  double needed = 1;
  for (const auto& factor : factors) needed *= factor.second;
  if (static_cast<double>(values.size()) != needed) {
    throw InvalidArgument(context + ": " + member + " has " + std::to_string(values.size()) +
                          " values; " + product_text(factors) + " are needed");
  }
}

// Where entry k of an array laid out (step, trial, feature) sits, for messages.
std::string position_of(std::size_t k, int trials, int width, const char* feature) {
  const std::size_t per_step = static_cast<std::size_t>(trials) * width;
  std::string text = "step " + std::to_string(k / per_step) + ", trial " +
                     std::to_string(k % per_step / static_cast<std::size_t>(width));
  if (feature) text += std::string(", ") + feature + " " + std::to_string(k % width);
  return text;
}

void check_finite(const std::vector<double>& values, const char* member, int trials, int width,
                  const char* feature, const std::string& context) {
  for (std::size_t k = 0; k < values.size(); ++k) {
    if (!std::isfinite(values[k])) {
      throw InvalidArgument(context + ": " + member + "[" + std::to_string(k) +
                            "] = " + format_number(values[k]) + " is not allowed (" +
                            position_of(k, trials, width, feature) + "); " + member +
                            " must be finite numbers");
    }
  }
}

const ParamSpec& steps_spec() {
  static const ParamSpec spec{"steps", 1, 100000, 1, true, "", "Time steps of the batch."};
  return spec;
}

const ParamSpec& trials_spec() {
  static const ParamSpec spec{"batch", 1, 4096, 1, true, "trials", "Trials of the batch."};
  return spec;
}

}  // namespace

void check_batch(const SequenceBatch& batch, int input_size, int output_size,
                 const std::string& context) {
  if (batch.input_size != input_size || batch.output_size != output_size) {
    throw InvalidArgument(context + ": the batch has " + std::to_string(batch.input_size) +
                          " inputs and " + std::to_string(batch.output_size) +
                          " outputs; the network has " + std::to_string(input_size) + " and " +
                          std::to_string(output_size));
  }
  check_param(steps_spec(), batch.steps, context);
  check_param(trials_spec(), batch.batch, context);
  check_length(batch.inputs, "inputs",
               {{"steps", batch.steps}, {"batch", batch.batch}, {"inputs", input_size}}, context);
  check_length(batch.targets, "targets",
               {{"steps", batch.steps}, {"batch", batch.batch}, {"outputs", output_size}}, context);
  check_length(batch.mask, "mask", {{"steps", batch.steps}, {"batch", batch.batch}}, context);
  check_finite(batch.inputs, "inputs", batch.batch, input_size, "input", context);
  check_finite(batch.targets, "targets", batch.batch, output_size, "output", context);
  double sum = 0;
  for (std::size_t k = 0; k < batch.mask.size(); ++k) {
    const double m = batch.mask[k];
    if (!std::isfinite(m) || m < 0) {
      throw InvalidArgument(context + ": mask[" + std::to_string(k) + "] = " + format_number(m) +
                            " is not allowed (" + position_of(k, batch.batch, 1, nullptr) +
                            "); mask entries must be finite numbers >= 0");
    }
    sum += m;
  }
  if (!(sum > 0) || !std::isfinite(sum)) {
    throw InvalidArgument(context + ": the mask sums to " + format_number(sum) +
                          "; the loss is divided by that sum, so it must be a positive finite "
                          "number (give at least one step a positive weight)");
  }
}

double masked_squared_error(const SequenceBatch& batch, const std::vector<double>& outputs) {
  const int width = batch.output_size;
  double total = 0.0;
  double weight = 0.0;
  for (int k = 0; k < batch.steps; ++k) {
    for (int j = 0; j < batch.batch; ++j) {
      const double m = batch.weight(k, j);
      weight += m;
      if (m == 0) continue;
      for (int o = 0; o < width; ++o) {
        const double error = outputs[(static_cast<std::size_t>(k) * batch.batch + j) * width + o] -
                             batch.target(k, j, o);
        total += m * error * error;
      }
    }
  }
  return weight > 0 ? total / (weight * width) : 0.0;
}

void masked_squared_error_gradient(const SequenceBatch& batch, const std::vector<double>& outputs,
                                   std::vector<double>& errors) {
  const int width = batch.output_size;
  double weight = 0.0;
  for (const double m : batch.mask) weight += m;
  errors.assign(outputs.size(), 0.0);
  if (weight == 0) return;
  const double scale = 2.0 / (weight * width);
  for (int k = 0; k < batch.steps; ++k) {
    const std::size_t base = static_cast<std::size_t>(width) * batch.batch * k;
    for (int j = 0; j < batch.batch; ++j) {
      const double m = batch.weight(k, j) * scale;
      for (int o = 0; o < width; ++o) {
        const std::size_t index = base + static_cast<std::size_t>(width) * j + o;
        errors[index] = m * (outputs[index] - batch.targets[index]);
      }
    }
  }
}

const std::vector<std::string>& batch_member_names() {
  static const std::vector<std::string> names = {"steps", "batch", "inputs", "targets", "mask"};
  return names;
}

namespace {

std::string member_list() {
  std::string text;
  for (const auto& name : batch_member_names()) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace

void check_batch_member_names(const std::vector<std::string>& names, const std::string& context) {
  for (const auto& name : names) {
    bool known = false;
    for (const auto& member : batch_member_names()) known = known || member == name;
    if (!known) {
      throw InvalidArgument(context + ": unknown batch member " + quoted(name) + "; a batch has " +
                            member_list());
    }
  }
}

std::string batch_type_message(const std::string& context, const std::string& given) {
  return context + ": the batch must be an object with " + member_list() + ", but " + given +
         " was given";
}

std::string batch_member_type_message(const std::string& context, const std::string& member,
                                      const std::string& expected, const std::string& given) {
  return context + ": " + bounded(member) + " must be " + expected + ", but " + given +
         " was given";
}

SequenceBatch batch_from_members(BatchMembers members, int input_size, int output_size,
                                 const std::string& context) {
  const auto missing = [&](const char* member) {
    return InvalidArgument(context + ": " + member + " is missing; a batch has " + member_list());
  };
  if (!members.steps) throw missing("steps");
  if (!members.batch) throw missing("batch");
  if (!members.inputs) throw missing("inputs");
  if (!members.targets) throw missing("targets");
  if (!members.mask) throw missing("mask");
  check_param(steps_spec(), *members.steps, context);
  check_param(trials_spec(), *members.batch, context);
  SequenceBatch batch;
  batch.steps = static_cast<int>(*members.steps);
  batch.batch = static_cast<int>(*members.batch);
  batch.input_size = input_size;
  batch.output_size = output_size;
  batch.inputs = std::move(*members.inputs);
  batch.targets = std::move(*members.targets);
  batch.mask = std::move(*members.mask);
  check_batch(batch, input_size, output_size, context);
  return batch;
}

}  // namespace attractor
