#include "attractor/tasks.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "attractor/detmath.hpp"
#include "attractor/gaussian_process.hpp"

namespace attractor {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kPi = 3.14159265358979323846;

// Shared plumbing: name, resolved parameters, sizes, the trial length from `steps`.
class TaskBase : public Task {
 public:
  TaskBase(std::string task_name, const ParamValues& params, int inputs, int outputs)
      : name_(std::move(task_name)),
        params_(resolve_params(task_param_specs(name_), params, "task " + name_)),
        inputs_(inputs),
        outputs_(outputs) {}
  const std::string& name() const override { return name_; }
  const ParamValues& params() const override { return params_; }
  int input_size() const override { return inputs_; }
  int output_size() const override { return outputs_; }
  int steps() const override { return integer("steps"); }

 protected:
  int integer(const char* key) const { return static_cast<int>(params_.at(key)); }
  [[noreturn]] void reject(const std::string& message) const {
    throw InvalidArgument("task " + name_ + ": " + message);
  }
  // Rejects unless the integer parameter `key` is smaller than `limit`'s.
  void require_smaller(const char* key, const char* limit) const {
    if (integer(key) >= integer(limit)) {
      reject(std::string(key) + " = " + format_number(params_.at(key)) + " must be smaller than " +
             limit + " = " + format_number(params_.at(limit)));
    }
  }
  std::string name_;
  ParamValues params_;
  int inputs_ = 0;
  int outputs_ = 0;
};

double output_at(const SequenceBatch& batch, const std::vector<double>& outputs, int t, int trial,
                 int o) {
  return outputs[(static_cast<std::size_t>(t) * batch.batch + trial) * batch.output_size + o];
}

// Whether the angle decoded from the outputs (cos, sin) at step t of trial j is within 10 degrees
// of the target's.
bool angle_within_10_degrees(const SequenceBatch& batch, const std::vector<double>& outputs, int t,
                             int j) {
  const double decoded =
      std::atan2(output_at(batch, outputs, t, j, 1), output_at(batch, outputs, t, j, 0));
  const double target = std::atan2(batch.target(t, j, 1), batch.target(t, j, 0));
  double error = std::fabs(decoded - target);
  if (error > kPi) error = 2 * kPi - error;
  return error < 10 * kPi / 180;
}

// A value c ~ U(-1, 1) arrives as a one-step pulse; after a delay a cue asks for it back.
class DelayedRecall : public TaskBase {
 public:
  explicit DelayedRecall(const ParamValues& params) : TaskBase("delayed_recall", params, 2, 1) {
    require_smaller("recall_steps", "steps");
  }
  void sample(Rng& rng, int trials, SequenceBatch& out) const override {
    const int t_end = steps();
    const int recall_start = t_end - integer("recall_steps");
    out.resize(t_end, trials, 2, 1);
    for (int j = 0; j < trials; ++j) {
      const double value = rng.uniform(-1, 1);
      out.input(0, j, 0) = value;
      for (int t = recall_start; t < t_end; ++t) {
        out.input(t, j, 1) = 1.0;
        out.target(t, j, 0) = value;
        out.weight(t, j) = 1.0;
      }
    }
  }
  // Solved: the mean output over the recall window is within 0.1 of the value.
  double accuracy(const SequenceBatch& batch, const std::vector<double>& outputs) const override {
    const int recall_start = steps() - integer("recall_steps");
    int solved = 0;
    for (int j = 0; j < batch.batch; ++j) {
      double mean = 0.0;
      for (int t = recall_start; t < steps(); ++t) mean += output_at(batch, outputs, t, j, 0);
      mean /= integer("recall_steps");
      solved += std::fabs(mean - batch.target(steps() - 1, j, 0)) < 0.1;
    }
    return static_cast<double>(solved) / batch.batch;
  }
};

// Hochreiter & Schmidhuber's adding problem: the sum of the two marked numbers.
class Adding : public TaskBase {
 public:
  explicit Adding(const ParamValues& params) : TaskBase("adding", params, 2, 1) {}
  void sample(Rng& rng, int trials, SequenceBatch& out) const override {
    const int t_end = steps();
    out.resize(t_end, trials, 2, 1);
    const int half = t_end / 2;
    for (int j = 0; j < trials; ++j) {
      for (int t = 0; t < t_end; ++t) out.input(t, j, 0) = rng.uniform();
      const int first = static_cast<int>(rng.uniform() * half);
      const int second = half + static_cast<int>(rng.uniform() * (t_end - half));
      out.input(first, j, 1) = 1.0;
      out.input(second, j, 1) = 1.0;
      out.target(t_end - 1, j, 0) = out.input(first, j, 0) + out.input(second, j, 0);
      out.weight(t_end - 1, j) = 1.0;
    }
  }
  double accuracy(const SequenceBatch& batch, const std::vector<double>& outputs) const override {
    int solved = 0;
    for (int j = 0; j < batch.batch; ++j) {
      const double error =
          output_at(batch, outputs, steps() - 1, j, 0) - batch.target(steps() - 1, j, 0);
      solved += std::fabs(error) < 0.04;
    }
    return static_cast<double>(solved) / batch.batch;
  }
};

// History tasks of Karuvally et al. (2024): +-1 vectors arrive for the first `lag` steps, then the
// network continues the sequence on its own. repeat_copy (T1): x_t = x_{t - lag};
// lagged_copy (T3): dimension j repeats with lag (lag - j).
class HistoryTask : public TaskBase {
 public:
  HistoryTask(std::string task_name, const ParamValues& params, bool per_dimension)
      : TaskBase(std::move(task_name), params, 0, 0), per_dimension_(per_dimension) {
    inputs_ = outputs_ = integer("dims");
    if (integer("steps") <= integer("lag")) {
      reject("steps = " + format_number(params_.at("steps")) +
             " must be larger than lag = " + format_number(params_.at("lag")));
    }
    if (per_dimension_ && integer("dims") > integer("lag")) {
      reject("dims = " + format_number(params_.at("dims")) + " must be at most lag = " +
             format_number(params_.at("lag")) + " (dimension j repeats with lag - j >= 1)");
    }
  }
  void sample(Rng& rng, int trials, SequenceBatch& out) const override {
    const int dims = integer("dims");
    const int lag = integer("lag");
    const int t_end = steps();
    out.resize(t_end, trials, dims, dims);
    std::vector<double> sequence(static_cast<std::size_t>(t_end) * dims);
    for (int j = 0; j < trials; ++j) {
      for (int t = 0; t < t_end; ++t) {
        for (int d = 0; d < dims; ++d) {
          double& value = sequence[static_cast<std::size_t>(t) * dims + d];
          const int d_lag = per_dimension_ ? lag - d : lag;
          if (t < lag) {
            value = rng.uniform() < 0.5 ? -1.0 : 1.0;
            out.input(t, j, d) = value;
          } else {
            value = sequence[static_cast<std::size_t>(t - d_lag) * dims + d];
            out.target(t, j, d) = value;
          }
        }
        if (t >= lag) out.weight(t, j) = 1.0;
      }
    }
  }
  // Solved: every output after the input period has the target's sign.
  double accuracy(const SequenceBatch& batch, const std::vector<double>& outputs) const override {
    int solved = 0;
    for (int j = 0; j < batch.batch; ++j) {
      bool all = true;
      for (int t = integer("lag"); t < steps() && all; ++t) {
        for (int d = 0; d < batch.output_size; ++d) {
          if (output_at(batch, outputs, t, j, d) * batch.target(t, j, d) <= 0) all = false;
        }
      }
      solved += all;
    }
    return static_cast<double>(solved) / batch.batch;
  }

 private:
  bool per_dimension_;
};

// Pattern generation: a static input level in [0, 1] selects the period; the target is a sine
// starting at phase 0 (Beer & Barak's pattern task, trained here by BPTT).
class Sine : public TaskBase {
 public:
  explicit Sine(const ParamValues& params) : TaskBase("sine", params, 1, 1) {
    if (params_.at("period_max") < params_.at("period_min")) {
      reject("period_max = " + format_number(params_.at("period_max")) +
             " must be at least period_min = " + format_number(params_.at("period_min")));
    }
    // Warm-up steps are left out of the loss; at least one step must remain in it.
    require_smaller("warmup_steps", "steps");
  }
  void sample(Rng& rng, int trials, SequenceBatch& out) const override {
    const int t_end = steps();
    out.resize(t_end, trials, 1, 1);
    const double p_min = params_.at("period_min");
    const double p_max = params_.at("period_max");
    const int warmup = integer("warmup_steps");
    for (int j = 0; j < trials; ++j) {
      const double level = rng.uniform();
      const double period = p_min + level * (p_max - p_min);
      for (int t = 0; t < t_end; ++t) {
        out.input(t, j, 0) = level;
        out.target(t, j, 0) = det::sin(2 * kPi * t / period);
        out.weight(t, j) = t >= warmup ? 1.0 : 0.0;
      }
    }
  }
};

// Angular-velocity (head-direction) integration (Park, Sagodi & Sokol 2023): input a smooth
// random angular velocity, output (cos theta, sin theta) of its integral. The velocity is white
// noise smoothed by a Gaussian kernel (a squared-exponential Gaussian process), each step zeroed
// with probability 1 - s for a per-trial sparsity s ~ U(0, 2). The starting heading arrives as a
// pulse (cos theta_0, sin theta_0) at t = 0. Loss on the late part of the trial only.
class AngularVelocity : public TaskBase {
 public:
  explicit AngularVelocity(const ParamValues& params) : TaskBase("angular_velocity", params, 3, 2) {
    // An empty loss window would leave every step out of the loss.
    if (std::lround(params_.at("loss_window") * steps()) < 1) {
      reject("loss_window = " + format_number(params_.at("loss_window")) +
             " of steps = " + format_number(params_.at("steps")) +
             " covers no step; loss_window x steps must be at least 0.5");
    }
  }
  void sample(Rng& rng, int trials, SequenceBatch& out) const override {
    const int t_end = steps();
    const double dt = params_.at("dt");
    const double length = params_.at("smoothness");
    const double velocity_std = params_.at("velocity_std");
    const int loss_start = t_end - static_cast<int>(std::lround(params_.at("loss_window") * t_end));
    const int radius = static_cast<int>(std::ceil(3 * length));
    std::vector<double> kernel(static_cast<std::size_t>(2 * radius + 1));
    double kernel_norm = 0.0;
    for (int k = -radius; k <= radius; ++k) {
      const double value = det::exp(-0.5 * (k / length) * (k / length));
      kernel[static_cast<std::size_t>(k + radius)] = value;
      kernel_norm += value * value;
    }
    kernel_norm = std::sqrt(kernel_norm);
    std::vector<double> noise(static_cast<std::size_t>(t_end + 2 * radius));
    out.resize(t_end, trials, 3, 2);
    for (int j = 0; j < trials; ++j) {
      for (auto& value : noise) value = rng.normal();
      const double sparsity = rng.uniform(0, 2);
      double heading = rng.uniform(-kPi, kPi);
      out.input(0, j, 1) = det::cos(heading);
      out.input(0, j, 2) = det::sin(heading);
      for (int t = 0; t < t_end; ++t) {
        double smooth = 0.0;
        for (int k = 0; k <= 2 * radius; ++k) {
          smooth += kernel[static_cast<std::size_t>(k)] * noise[static_cast<std::size_t>(t + k)];
        }
        double velocity = velocity_std * smooth / kernel_norm;
        if (rng.uniform() >= sparsity) velocity = 0.0;  // zeroed with probability 1 - s
        out.input(t, j, 0) = velocity;
        heading += velocity * dt;
        out.target(t, j, 0) = det::cos(heading);
        out.target(t, j, 1) = det::sin(heading);
        out.weight(t, j) = t >= loss_start ? 1.0 : 0.0;
      }
    }
  }
  // Solved: the decoded heading at the last step is within 10 degrees.
  double accuracy(const SequenceBatch& batch, const std::vector<double>& outputs) const override {
    int solved = 0;
    const int t = steps() - 1;
    for (int j = 0; j < batch.batch; ++j) {
      solved += angle_within_10_degrees(batch, outputs, t, j);
    }
    return static_cast<double>(solved) / batch.batch;
  }
};

// Park, Ságodi and Sokół's angular-integration task as their released code defines it
// (docs/park-protocol.md): the only input is the angular velocity, a Gaussian process with
// covariance exp(-d^2 / 2) on linspace(-1, 1, steps), so its length scale is half the trial
// whatever its length; each trial draws s ~ U(0, 2) and zeroes each step's velocity with
// probability 1 - s (never when s >= 1); the angle starts at 0 and integrates the velocity
// including the current step's; the target is (cos, sin) of the angle. With scored_steps = k >= 2
// one step per trial counts, drawn uniformly among the last k - 1 (their last_mses = k).
class AngularIntegration : public TaskBase {
 public:
  explicit AngularIntegration(const ParamValues& params)
      : TaskBase("angular_integration", params, 1, 2) {
    const int scored = integer("scored_steps");
    if (scored == 1 || scored > steps() + 1) {
      reject("scored_steps = " + format_number(params_.at("scored_steps")) +
             " is not allowed with steps = " + format_number(params_.at("steps")) +
             "; use 0 (every step counts) or 2 to steps + 1 = " + std::to_string(steps() + 1) +
             " (one of the last scored_steps - 1 steps counts)");
    }
  }
  void sample(Rng& rng, int trials, SequenceBatch& out) const override {
    const int t_end = steps();
    const double dt = params_.at("dt");
    const int scored = integer("scored_steps");
    const std::vector<double> points = linspace_unit(t_end);
    std::vector<double> velocity;
    out.resize(t_end, trials, 1, 2);
    for (int j = 0; j < trials; ++j) {
      sample_squared_exponential(rng, points, velocity);
      const double sparsity = rng.uniform(0, 2);
      double angle = 0.0;
      for (int t = 0; t < t_end; ++t) {
        const double v = rng.uniform() >= sparsity ? 0.0 : velocity[static_cast<std::size_t>(t)];
        out.input(t, j, 0) = v;
        angle += v * dt;
        out.target(t, j, 0) = det::cos(angle);
        out.target(t, j, 1) = det::sin(angle);
        out.weight(t, j) = scored == 0 ? 1.0 : 0.0;
      }
      if (scored > 0) {
        // 1 to scored - 1 steps before the end, each equally likely.
        const int back = 1 + std::min(scored - 2, static_cast<int>(rng.uniform() * (scored - 1)));
        out.weight(t_end - back, j) = 1.0;
      }
    }
  }
  // Solved: the decoded angle at the trial's last scored step is within 10 degrees.
  double accuracy(const SequenceBatch& batch, const std::vector<double>& outputs) const override {
    int solved = 0;
    for (int j = 0; j < batch.batch; ++j) {
      int t = batch.steps - 1;
      while (t > 0 && batch.weight(t, j) == 0) --t;
      solved += angle_within_10_degrees(batch, outputs, t, j);
    }
    return static_cast<double>(solved) / batch.batch;
  }
};

}  // namespace

double Task::accuracy(const SequenceBatch& /*batch*/,
                      const std::vector<double>& /*outputs*/) const {
  return kNaN;
}

const std::vector<std::string>& task_names() {
  static const std::vector<std::string> names = {"delayed_recall",     "adding", "repeat_copy",
                                                 "lagged_copy",        "sine",   "angular_velocity",
                                                 "angular_integration"};
  return names;
}

const std::vector<ParamSpec>& task_param_specs(const std::string& name) {
  static const std::vector<ParamSpec> delayed_recall = {
      {"steps", 3, 4096, 50, true, "steps", "Trial length; the value arrives at step 0."},
      {"recall_steps", 1, 4095, 5, true, "steps", "Length of the recall window at the end."},
  };
  static const std::vector<ParamSpec> adding = {
      {"steps", 4, 4096, 50, true, "steps", "Trial length; the answer is due at the last step."},
  };
  static const std::vector<ParamSpec> history = {
      {"dims", 1, 32, 8, true, "", "Dimension d of the +-1 vectors."},
      {"lag", 1, 64, 8, true, "steps", "Lag s: how many steps of input the history holds."},
      {"steps", 2, 4096, 24, true, "steps", "Trial length (input for the first lag steps)."},
  };
  static const std::vector<ParamSpec> sine = {
      {"steps", 2, 4096, 100, true, "steps", "Trial length."},
      {"period_min", 4, 1000, 20, false, "steps", "Period for input level 0."},
      {"period_max", 4, 1000, 40, false, "steps", "Period for input level 1."},
      {"warmup_steps", 0, 4095, 0, true, "steps", "Steps at the start left out of the loss."},
  };
  static const std::vector<ParamSpec> angular = {
      {"steps", 2, 4096, 128, true, "steps", "Trial length."},
      {"dt", 0.001, 1, 0.1, false, "", "Time per step: heading += velocity * dt."},
      {"smoothness", 0.5, 500, 10, false, "steps",
       "Width of the Gaussian that smooths white noise into the velocity; the velocity's "
       "correlation is exp(-d^2 / (4 smoothness^2)) at a lag of d steps, a length scale of "
       "sqrt(2) x smoothness steps."},
      {"velocity_std", 0, 20, 1, false, "rad per unit time", "Standard deviation of the velocity."},
      {"loss_window", 0.01, 1, 0.5, false, "", "Fraction of the trial, at its end, in the loss."},
  };
  if (name == "delayed_recall") return delayed_recall;
  if (name == "adding") return adding;
  if (name == "repeat_copy" || name == "lagged_copy") return history;
  if (name == "sine") return sine;
  if (name == "angular_velocity") return angular;
  static const std::vector<ParamSpec> integration = {
      {"steps", 2, 4096, 256, true, "steps",
       "Trial length n; the velocity process spans the trial (length scale (n - 1) / 2 steps)."},
      {"dt", 0.001, 1, 0.1, false, "", "Time per step: angle += velocity * dt."},
      {"scored_steps", 0, 4097, 10, true, "steps",
       "k >= 2: one step per trial counts in the loss, uniformly among the last k - 1 (Park et "
       "al.'s last_mses = k); 0: every step counts."},
  };
  if (name == "angular_integration") return integration;
  std::string known;
  for (const auto& task : task_names()) known += (known.empty() ? "" : ", ") + task;
  throw InvalidArgument("task " + quoted(name) + " is not known; choose one of " + known);
}

std::unique_ptr<Task> make_task(const std::string& name, const ParamValues& params) {
  task_param_specs(name);  // rejects unknown names
  if (name == "delayed_recall") return std::make_unique<DelayedRecall>(params);
  if (name == "adding") return std::make_unique<Adding>(params);
  if (name == "repeat_copy") return std::make_unique<HistoryTask>(name, params, false);
  if (name == "lagged_copy") return std::make_unique<HistoryTask>(name, params, true);
  if (name == "sine") return std::make_unique<Sine>(params);
  if (name == "angular_integration") return std::make_unique<AngularIntegration>(params);
  return std::make_unique<AngularVelocity>(params);
}

}  // namespace attractor
