// Training tasks: seeded generators of input/target sequences with loss masks (the trial periods
// and masks of neurogym and PsychRNN). Every task draws only from the Rng it is given, so a seed
// gives the same batches natively and in WebAssembly.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "attractor/params.hpp"
#include "attractor/rng.hpp"
#include "attractor/sequence_batch.hpp"

namespace attractor {

class Task {
 public:
  virtual ~Task() = default;
  virtual const std::string& name() const = 0;
  virtual const ParamValues& params() const = 0;
  virtual int input_size() const = 0;
  virtual int output_size() const = 0;
  virtual int steps() const = 0;
  // Fills `out` with `trials` fresh trials.
  virtual void sample(Rng& rng, int trials, SequenceBatch& out) const = 0;
  // Fraction of trials solved by `outputs` (laid out like out.targets); NaN where the task has
  // no natural notion of solved.
  virtual double accuracy(const SequenceBatch& batch, const std::vector<double>& outputs) const;
};

// Task names: delayed_recall, adding, repeat_copy, lagged_copy, sine, angular_velocity,
// angular_integration.
const std::vector<std::string>& task_names();
const std::vector<ParamSpec>& task_param_specs(const std::string& name);
// Throws InvalidArgument for an unknown name or bad parameters.
std::unique_ptr<Task> make_task(const std::string& name, const ParamValues& params);

}  // namespace attractor
