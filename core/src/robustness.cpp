#include "attractor/robustness.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "attractor/detmath.hpp"
#include "attractor/head_direction_oscillator.hpp"
#include "attractor/kernels.hpp"
#include "attractor/line_attractor.hpp"
#include "attractor/linear_algebra.hpp"
#include "attractor/phase.hpp"
#include "attractor/ring_attractor.hpp"
#include "attractor/ring_math.hpp"
#include "attractor/rng.hpp"
#include "attractor/stuart_landau.hpp"
#include "attractor/tanh_map.hpp"
#include "attractor/torus_network.hpp"

namespace attractor {
namespace {

const char* const kContext = "robustness";
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDegreesPerRadian = 57.295779513082320876798;
constexpr double kLn10 = 2.302585092994045684018;
// The forward difference along the manifold moves the stored coordinate by this fraction of
// the range.
constexpr double kDeltaFraction = 1e-6;
// Relative size of the smallest state difference counted by the gradient (rounding level).
constexpr double kRoundingFloor = 1e-15;
// Torus: steps the tuned network runs from its initial state before memories are placed, and
// the length of the reference orbit that traces the storage block's circle.
constexpr int kTorusSettleSteps = 1000;
constexpr int kTorusReferenceSteps = 16384;
constexpr double kTorusPreferredAlpha = 1.5;
// The perturbation seed's stream for the readout noise (apart from the models' own streams).
constexpr std::uint64_t kReadoutNoiseStream = 0x7265616430756eULL;

double degrees_in_turn(double degrees) {
  return ring_math::wrap_360(degrees);
}

// Degrees wrapped into [-180, 180).
double wrap_180(double degrees) {
  return ring_math::wrap_360(degrees + 180.0) - 180.0;
}

double distance(const Eigen::VectorXd& a, const Eigen::VectorXd& b) {
  const Eigen::VectorXd d = a - b;
  return std::sqrt(kernels::dot(d.data(), d.data(), static_cast<int>(d.size())));
}

}  // namespace

// A memory: one copy of the perturbed network holding one stored value.
class RobustnessMeasure::MemoryRun {
 public:
  virtual ~MemoryRun() = default;
  virtual void run(int steps) = 0;
  // Degrees in [0, 360) for angles, the value for the line.
  virtual double readout() const = 0;
  virtual const Eigen::VectorXd& state() const = 0;
};

// The perturbed network of a mechanism and how to store a value in a fresh copy of it.
class RobustnessMeasure::Mechanism {
 public:
  virtual ~Mechanism() = default;
  virtual const StepMap& map() const = 0;
  virtual bool angular() const { return true; }
  // The torus's block that holds the values; -1 for the others.
  virtual int storage_block() const { return -1; }
  virtual std::unique_ptr<MemoryRun> store(double value) const = 0;
};

namespace {

using MemoryRun = RobustnessMeasure::MemoryRun;
using Mechanism = RobustnessMeasure::Mechanism;

// What builds a mechanism: its model parameters, the perturbation, the velocity (deg/s) and the
// storage block (-1: automatic).
struct MechanismSetup {
  const ParamValues& params;
  double epsilon;
  std::uint64_t seed;
  double velocity_deg;
  int block;
};

// Steps a StepMap from its own state vector (models without a state setter).
class StepRun : public MemoryRun {
 public:
  StepRun(const StepMap& map, Eigen::VectorXd x, int pair)
      : map_(map), x_(std::move(x)), pair_(pair) {
    next_.resize(x_.size());
  }
  void run(int steps) override {
    for (int s = 0; s < steps; ++s) {
      map_.step(x_, next_);
      x_.swap(next_);
    }
  }
  double readout() const override {
    return degrees_in_turn(phase::angle(x_[2 * pair_ + 1], x_[2 * pair_]) * kDegreesPerRadian);
  }
  const Eigen::VectorXd& state() const override { return x_; }

 private:
  const StepMap& map_;
  Eigen::VectorXd x_, next_;
  int pair_ = 0;
};

class LineRun : public MemoryRun {
 public:
  LineRun(const LineAttractor& base, double value, int pulse_steps) : model_(base) {
    model_.reset();
    model_.store(value);
    model_.run(pulse_steps);
  }
  void run(int steps) override { model_.run(steps); }
  double readout() const override { return model_.readout(); }
  const Eigen::VectorXd& state() const override { return model_.state(); }

 private:
  LineAttractor model_;
};

class LineMechanism : public Mechanism {
 public:
  explicit LineMechanism(const MechanismSetup& setup) : model_(setup.params) {
    model_.perturb(setup.epsilon, setup.seed);
    pulse_steps_ = static_cast<int>(
        std::lround(model_.params().at("pulse_duration") / model_.params().at("dt")));
  }
  const StepMap& map() const override { return model_; }
  bool angular() const override { return false; }
  std::unique_ptr<MemoryRun> store(double value) const override {
    return std::make_unique<LineRun>(model_, value, pulse_steps_);
  }

 private:
  LineAttractor model_;
  int pulse_steps_ = 0;
};

class RingRun : public MemoryRun {
 public:
  RingRun(const RingAttractor& base, double angle_deg, double velocity_deg) : model_(base) {
    model_.reset();
    model_.cue(angle_deg > 180 ? angle_deg - 360 : angle_deg);
    model_.set_velocity(velocity_deg);
  }
  void run(int steps) override { model_.run(steps); }
  double readout() const override {
    return degrees_in_turn(model_.angle_of(model_.state().data()) * kDegreesPerRadian);
  }
  const Eigen::VectorXd& state() const override { return model_.state(); }

 private:
  RingAttractor model_;
};

class RingMechanism : public Mechanism {
 public:
  explicit RingMechanism(const MechanismSetup& setup)
      : model_(setup.params), velocity_deg_(setup.velocity_deg) {
    model_.perturb(setup.epsilon, setup.seed);
    RingAttractor check = model_;
    check.set_velocity(velocity_deg_);  // throws if too fast for dt
  }
  const StepMap& map() const override { return model_; }
  std::unique_ptr<MemoryRun> store(double value) const override {
    return std::make_unique<RingRun>(model_, value, velocity_deg_);
  }

 private:
  RingAttractor model_;
  double velocity_deg_ = 0;
};

class LimitCycleMechanism : public Mechanism {
 public:
  explicit LimitCycleMechanism(const MechanismSetup& setup) : model_(setup.params) {
    model_.perturb(setup.epsilon, setup.seed);
    // The tuned Euler map's invariant circle: r^2 = mu + (1 - sqrt(1 - dt^2 omega^2)) / dt.
    const double mu = model_.params().at("mu"), omega = model_.params().at("omega");
    const double dt = model_.params().at("dt");
    radius_ = std::sqrt(mu + (1 - std::sqrt(1 - dt * dt * omega * omega)) / dt);
  }
  const StepMap& map() const override { return model_; }
  std::unique_ptr<MemoryRun> store(double value) const override {
    const double a = value / kDegreesPerRadian;
    Eigen::VectorXd x(2);
    x << radius_ * det::cos(a), radius_ * det::sin(a);
    return std::make_unique<StepRun>(model_, std::move(x), 0);
  }

 private:
  StuartLandau model_;
  double radius_ = 0;
};

// The torus's memories live on one storage block's invariant circle. The tuned block map is a
// circle map conjugate to a rotation; its phase coordinate (in which the tuned map turns by
// exactly 2 pi rho per step) is the invariant measure's cumulative distribution, estimated from
// a long orbit: psi(angle) = 2 pi (number of orbit points below angle) / K, interpolated. Raw
// angles would not do: on a saturated tanh circle points crawl through the corners and race
// along the sides, so raw angle differences swing even without a perturbation.
class TorusRun : public MemoryRun {
 public:
  TorusRun(const StepMap& map, Eigen::VectorXd x, int block, const std::vector<double>* angles)
      : run_(map, std::move(x), block), block_(block), angles_(angles) {}
  void run(int steps) override { run_.run(steps); }
  double readout() const override {
    const Eigen::VectorXd& x = run_.state();
    const double a = phase::angle(x[2 * block_ + 1], x[2 * block_]);
    const std::vector<double>& angles = *angles_;
    const std::size_t n = angles.size();
    const auto upper = std::upper_bound(angles.begin(), angles.end(), a);
    const auto j =
        static_cast<std::size_t>(upper - angles.begin());  // angles[j-1] <= a < angles[j]
    const double lo = j > 0 ? angles[j - 1] : angles[n - 1] - phase::kTwoPi;
    const double hi = j < n ? angles[j] : angles[0] + phase::kTwoPi;
    const double rank = (static_cast<double>(j) - 1) + (hi > lo ? (a - lo) / (hi - lo) : 0.0);
    return degrees_in_turn(360.0 * rank / static_cast<double>(n));
  }
  const Eigen::VectorXd& state() const override { return run_.state(); }

 private:
  StepRun run_;
  int block_ = 0;
  const std::vector<double>* angles_;
};

class TorusMechanism : public Mechanism {
 public:
  explicit TorusMechanism(const MechanismSetup& setup) : model_(setup.params) {
    int block = setup.block;
    const int blocks = model_.blocks();
    if (block >= blocks) {
      throw InvalidArgument(std::string(kContext) + ": block = " + std::to_string(block) +
                            " is not allowed; block must be -1 (automatic) or below the torus's " +
                            std::to_string(blocks) + " blocks");
    }
    // The tuned network is block-diagonal: settle every block onto its circle.
    Eigen::VectorXd x = model_.state(), next(x.size());
    for (int s = 0; s < kTorusSettleSteps; ++s) {
      model_.step(x, next);
      x.swap(next);
    }
    if (block < 0) {
      // Quasi-periodic blocks: no angle repeats along an orbit as long as the reference orbit (a
      // periodic orbit of period up to that length repeats, and its repeated points would give
      // the phase coordinate flat steps that merge stored values). Among them the one with alpha
      // closest to kTorusPreferredAlpha: alpha near 1 attracts weakly (rate ~ alpha - 1) and the
      // other blocks entrain it; large alpha saturates tanh, which makes the circle map far from a
      // rotation, with wide tongues.
      constexpr int kProbeSteps = kTorusReferenceSteps;
      std::vector<std::vector<double>> angles(static_cast<std::size_t>(blocks));
      Eigen::VectorXd y = x;
      for (int s = 0; s < kProbeSteps; ++s) {
        model_.step(y, next);
        y.swap(next);
        for (int b = 0; b < blocks; ++b) {
          angles[static_cast<std::size_t>(b)].push_back(phase::angle(y[2 * b + 1], y[2 * b]));
        }
      }
      double best = std::numeric_limits<double>::infinity();
      for (int b = 0; b < blocks; ++b) {
        std::vector<double>& a = angles[static_cast<std::size_t>(b)];
        std::sort(a.begin(), a.end());
        bool repeats = false;
        for (std::size_t i = 0; i + 1 < a.size(); ++i) repeats = repeats || a[i + 1] - a[i] < 1e-9;
        const double alpha = model_.block_params()[static_cast<std::size_t>(b)].alpha;
        if (!repeats && std::fabs(alpha - kTorusPreferredAlpha) < best) {
          best = std::fabs(alpha - kTorusPreferredAlpha);
          block = b;
        }
      }
      if (block < 0) {
        throw InvalidArgument(std::string(kContext) +
                              ": no block of this torus carries a quasi-periodic invariant "
                              "circle; choose another seed or a block");
      }
    }
    block_ = block;
    // The storage block's tuned circle, traced by its own orbit, sorted by angle.
    std::vector<std::pair<double, double>> circle;
    circle.reserve(kTorusReferenceSteps);
    Eigen::VectorXd y = x;
    for (int s = 0; s < kTorusReferenceSteps; ++s) {
      model_.step(y, next);
      y.swap(next);
      const double u = y[2 * block_], v = y[2 * block_ + 1];
      circle.emplace_back(phase::angle(v, u), std::sqrt(u * u + v * v));
    }
    std::sort(circle.begin(), circle.end());
    for (const auto& [angle, radius] : circle) {
      angles_.push_back(angle);
      radii_.push_back(radius);
    }
    settled_ = x;
    model_.perturb(setup.epsilon, setup.seed);
  }
  const StepMap& map() const override { return model_; }
  int storage_block() const override { return block_; }
  // `value`: the tuned phase in degrees. The state is the orbit point of that rank (angle and
  // radius interpolated between neighbours), the other blocks as settled.
  std::unique_ptr<MemoryRun> store(double value) const override {
    const auto n = static_cast<double>(angles_.size());
    const double rank = degrees_in_turn(value) / 360.0 * n;
    const auto j = static_cast<std::size_t>(std::floor(rank)) % angles_.size();
    const std::size_t k = (j + 1) % angles_.size();
    const double w = rank - std::floor(rank);
    const double a1 = k > j ? angles_[k] : angles_[k] + phase::kTwoPi;
    const double a = angles_[j] + w * (a1 - angles_[j]);
    const double r = radii_[j] + w * (radii_[k] - radii_[j]);
    Eigen::VectorXd x = settled_;
    x[2 * block_] = r * det::cos(a);
    x[2 * block_ + 1] = r * det::sin(a);
    return std::make_unique<TorusRun>(model_, std::move(x), block_, &angles_);
  }

 private:
  TorusNetwork model_;
  int block_ = 0;
  Eigen::VectorXd settled_;
  std::vector<double> angles_, radii_;
};

class OscillatorRun : public MemoryRun {
 public:
  OscillatorRun(const ParamValues& params, double heading_rad, double epsilon, std::uint64_t seed,
                double velocity_rad)
      : model_(with_heading(params, heading_rad)), velocity_rad_(velocity_rad) {
    model_.perturb(epsilon, seed);
  }
  void run(int steps) override { model_.run(steps, velocity_rad_); }
  double readout() const override {
    return degrees_in_turn(model_.decoded_heading() * kDegreesPerRadian);
  }
  const Eigen::VectorXd& state() const override { return model_.state(); }

 private:
  static ParamValues with_heading(ParamValues params, double heading_rad) {
    params["heading0"] = heading_rad;
    return params;
  }
  HeadDirectionOscillator model_;
  double velocity_rad_ = 0;
};

class OscillatorMechanism : public Mechanism {
 public:
  explicit OscillatorMechanism(const MechanismSetup& setup)
      : model_(setup.params), params_(setup.params), epsilon_(setup.epsilon), seed_(setup.seed) {
    model_.perturb(epsilon_, seed_);
    velocity_rad_ = setup.velocity_deg / kDegreesPerRadian;
    check_param(HeadDirectionOscillator::velocity_spec(), velocity_rad_,
                std::string(kContext) + " hd_oscillator velocity (rad/s)");
  }
  const StepMap& map() const override { return model_; }
  std::unique_ptr<MemoryRun> store(double value) const override {
    return std::make_unique<OscillatorRun>(params_, phase::wrap(value / kDegreesPerRadian),
                                           epsilon_, seed_, velocity_rad_);
  }

 private:
  HeadDirectionOscillator model_;
  ParamValues params_;
  double epsilon_ = 0;
  std::uint64_t seed_ = 0;
  double velocity_rad_ = 0;
};

// Every mechanism: its name, its model's parameters, whether a velocity drives it (the
// head-direction integrators), whether it has blocks to choose from, and how to build it.
struct MechanismEntry {
  const char* name;
  const std::vector<ParamSpec>& (*model_specs)();
  bool driven;
  bool has_blocks;
  std::unique_ptr<Mechanism> (*build)(const MechanismSetup& setup);
};

template <class M>
std::unique_ptr<Mechanism> build(const MechanismSetup& setup) {
  return std::make_unique<M>(setup);
}

const MechanismEntry kMechanisms[] = {
    {"line", &LineAttractor::param_specs, false, false, &build<LineMechanism>},
    {"ring", &RingAttractor::param_specs, false, false, &build<RingMechanism>},
    {"limit_cycle", &StuartLandau::param_specs, false, false, &build<LimitCycleMechanism>},
    {"torus", &TorusNetwork::param_specs, false, true, &build<TorusMechanism>},
    {"hd_ring", &RingAttractor::param_specs, true, false, &build<RingMechanism>},
    {"hd_oscillator", &HeadDirectionOscillator::param_specs, true, false,
     &build<OscillatorMechanism>},
};

const MechanismEntry& find_mechanism(const std::string& name) {
  for (const MechanismEntry& entry : kMechanisms) {
    if (name == entry.name) return entry;
  }
  std::string known;
  for (const MechanismEntry& entry : kMechanisms) {
    known += (known.empty() ? "" : ", ") + std::string(entry.name);
  }
  throw InvalidArgument(std::string(kContext) + ": mechanism " + quoted(name) +
                        " is not known; mechanisms are " + known);
}

// The names of the mechanisms with `feature`, as "a", "a and b" or "a, b and c".
std::string mechanisms_with(bool MechanismEntry::*feature) {
  std::vector<std::string> names;
  for (const MechanismEntry& entry : kMechanisms) {
    if (entry.*feature) names.emplace_back(entry.name);
  }
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  }
  return text;
}

}  // namespace

const std::vector<std::string>& robustness_mechanisms() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const MechanismEntry& entry : kMechanisms) all.emplace_back(entry.name);
    return all;
  }();
  return names;
}

const std::vector<ParamSpec>& robustness_model_specs(const std::string& mechanism) {
  return find_mechanism(mechanism).model_specs();
}

const std::vector<ParamSpec>& RobustnessMeasure::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"epsilon", 0, 1, 0, false, "",
       "Size of the weight perturbation, in each model's own rule (noise of standard deviation "
       "epsilon / sqrt(N) on every recurrent weight)."},
      {"perturbation_seed", 0, kMaxSeed, 1, true, "", "Seed of the weight perturbation."},
      {"memories", 2, 360, 12, true, "",
       "How many values are stored, evenly spread over the manifold (M)."},
      {"steps", 1, 1e7, 1000, true, "steps",
       "How long each memory runs (T), in the model's steps (dt each for flows)."},
      {"records", 1, 1000, 1, true, "",
       "Horizons at which the recall is measured, evenly spaced up to steps."},
      {"velocity", -1000, 1000, 0, false, "deg/s",
       "Constant angular velocity driving the head-direction integrators (hd_ring, "
       "hd_oscillator); must be 0 for the other mechanisms."},
      {"block", -1, 255, -1, true, "",
       "Torus only: the block that stores the phases; -1 picks the first block whose attractor "
       "is an invariant circle."},
      {"cluster_tolerance", 1e-6, 1, 0.1, false, "",
       "Two recalled values count as one end state when closer than this fraction of the "
       "stored spacing (range / M for angles, range / (M - 1) for the line)."},
      {"state_noise", 0, 10, 0, false, "spread",
       "Readout noise for the decoded error: Gaussian noise of standard deviation state_noise "
       "times the spread of the stored values, added to every recalled value on the manifold "
       "(one draw per memory, from the perturbation seed) before the decoder is fitted; the same "
       "rule for every mechanism. 0: no noise."},
      {"gradient", 0, 1, 1, true, "",
       "1: also run a neighbour of every memory to measure the gradient along the manifold "
       "(twice the cost); 0: skip it."},
      {"lyapunov_k", 0, 16, 0, true, "exponents",
       "How many of the largest Lyapunov exponents to measure after the memories (at most the "
       "model's dimension); 0 skips them."},
      {"lyapunov_transient", 0, 1e8, 5000, true, "steps",
       "Steps run from the first memory's recalled state before averaging, so the tangent basis "
       "aligns with the Lyapunov vectors (its start otherwise biases the estimates by O(1/T))."},
      {"lyapunov_steps", 1, 1e8, 10000, true, "steps",
       "Steps averaged for the Lyapunov exponents."},
      {"lyapunov_tolerance", 0, 10, 0.05, false, "per unit time",
       "An exponent counts as near zero when its magnitude is at most this (per second for "
       "flows, per step for the torus)."},
      {"lyapunov_seed", 0, kMaxSeed, 1, true, "", "Seed of the Lyapunov run's initial basis."},
  };
  return specs;
}

RobustnessMeasure::RobustnessMeasure(const std::string& mechanism, const ParamValues& model_params,
                                     const ParamValues& config)
    : mechanism_(mechanism), config_(resolve_params(param_specs(), config, kContext)) {
  const MechanismEntry& entry = find_mechanism(mechanism);
  const double epsilon = config_.at("epsilon");
  const auto seed = static_cast<std::uint64_t>(config_.at("perturbation_seed"));
  memories_ = static_cast<int>(config_.at("memories"));
  steps_ = static_cast<std::int64_t>(config_.at("steps"));
  records_ = static_cast<int>(config_.at("records"));
  velocity_deg_ = config_.at("velocity");
  const int block = static_cast<int>(config_.at("block"));
  cluster_tolerance_ = config_.at("cluster_tolerance");
  state_noise_ = config_.at("state_noise");
  gradient_ = config_.at("gradient") != 0;
  lyapunov_k_ = static_cast<int>(config_.at("lyapunov_k"));
  lyapunov_steps_ = static_cast<std::int64_t>(config_.at("lyapunov_steps"));

  if (records_ > steps_) {
    throw InvalidArgument(std::string(kContext) + ": records = " + std::to_string(records_) +
                          " is more than steps = " + std::to_string(steps_) +
                          "; records must be at most steps");
  }
  if (!entry.driven && velocity_deg_ != 0) {
    throw InvalidArgument(std::string(kContext) + ": velocity = " + format_number(velocity_deg_) +
                          " deg/s is not allowed for " + mechanism +
                          "; velocity must be 0 except for " +
                          mechanisms_with(&MechanismEntry::driven));
  }
  if (!entry.has_blocks && block != -1) {
    throw InvalidArgument(std::string(kContext) + ": block = " + std::to_string(block) +
                          " is not allowed for " + mechanism + "; block must be -1 except for " +
                          mechanisms_with(&MechanismEntry::has_blocks));
  }

  model_ = entry.build({model_params, epsilon, seed, velocity_deg_, block});
  storage_block_ = model_->storage_block();
  angular_ = model_->angular();
  lyapunov_k_ = std::min(lyapunov_k_, model_->map().dimension());
  delta_ = kDeltaFraction * range();

  stored_.resize(static_cast<std::size_t>(memories_));
  for (int i = 0; i < memories_; ++i) {
    stored_[static_cast<std::size_t>(i)] =
        angular_ ? 360.0 * i / memories_ : -1.0 + 2.0 * i / (memories_ - 1);
  }
  // The same draw at every horizon, so that the curves against T show the dynamics, not resampling.
  Rng noise(seed, kReadoutNoiseStream);
  noise_draws_.resize(static_cast<std::size_t>(memories_));
  for (double& z : noise_draws_) z = noise.normal();
  const auto cells = static_cast<std::size_t>(memories_) * static_cast<std::size_t>(records_);
  recalled_.assign(cells, kNaN);
  gradients_log10_.assign(cells, kNaN);
  lyapunov_steps_ += static_cast<std::int64_t>(config_.at("lyapunov_transient"));
  total_work_ = memories_ * steps_ + (lyapunov_k_ > 0 ? lyapunov_steps_ : 0);
  near_zero_ = kNaN;
}

RobustnessMeasure::~RobustnessMeasure() = default;

double RobustnessMeasure::time_step() const {
  return model_->map().time_step();
}

double RobustnessMeasure::progress() const {
  return total_work_ > 0 ? static_cast<double>(work_done_) / static_cast<double>(total_work_) : 1;
}

void RobustnessMeasure::start_memory() {
  const double value = stored_[static_cast<std::size_t>(memory_)];
  run_ = model_->store(value);
  if (gradient_) {
    neighbour_ = model_->store(value + delta_);
    initial_difference_ = neighbour_->state() - run_->state();
    initial_distance_ =
        std::sqrt(kernels::dot(initial_difference_.data(), initial_difference_.data(),
                               static_cast<int>(initial_difference_.size())));
  }
  memory_steps_ = 0;
  next_record_ = 0;
}

void RobustnessMeasure::finish_memory() {
  if (memory_ == 0) lyapunov_start_ = run_->state();
  run_.reset();
  neighbour_.reset();
  ++memory_;
  if (memory_ < memories_) return;
  summarize();
  if (lyapunov_k_ > 0) {
    const ParamValues lyapunov_config = {{"k", lyapunov_k_},
                                         {"transient_steps", config_.at("lyapunov_transient")},
                                         {"steps", config_.at("lyapunov_steps")},
                                         {"records", 1},
                                         {"seed", config_.at("lyapunov_seed")}};
    lyapunov_ = std::make_unique<LyapunovSpectrum>(model_->map(), lyapunov_config, lyapunov_start_);
  }
}

void RobustnessMeasure::advance(double budget) {
  check_param(budget_spec(), budget, std::string(kContext) + " advance");
  auto remaining = static_cast<std::int64_t>(budget);
  while (remaining > 0 && !done()) {
    if (memory_ < memories_) {
      if (!run_) start_memory();
      const std::int64_t record_at = steps_ * (next_record_ + 1) / records_;
      const std::int64_t chunk =
          std::min<std::int64_t>({remaining, record_at - memory_steps_, 1 << 30});
      run_->run(static_cast<int>(chunk));
      if (neighbour_) neighbour_->run(static_cast<int>(chunk));
      memory_steps_ += chunk;
      work_done_ += chunk;
      remaining -= chunk;
      if (memory_steps_ == record_at) {
        const auto at = static_cast<std::size_t>(next_record_) * memories_ + memory_;
        recalled_[at] = run_->readout();
        if (neighbour_) {
          // Differences below rounding of the state cannot be resolved: floor them there.
          const Eigen::VectorXd& x = run_->state();
          const double size =
              std::sqrt(kernels::dot(x.data(), x.data(), static_cast<int>(x.size())));
          const double moved =
              std::fmax(distance(neighbour_->state(), x), kRoundingFloor * std::fmax(size, 1e-300));
          gradients_log10_[at] = det::log(moved / initial_distance_) / kLn10;
        }
        if (++next_record_ == records_) finish_memory();
      }
    } else {
      const std::int64_t chunk = std::min(remaining, total_work_ - work_done_);
      lyapunov_->advance(static_cast<double>(chunk));
      work_done_ += chunk;
      remaining -= chunk;
      if (lyapunov_->done()) {
        const Eigen::VectorXd& le = lyapunov_->exponents();
        exponents_.assign(le.data(), le.data() + le.size());
        const double tolerance = config_.at("lyapunov_tolerance");
        near_zero_ = 0;
        for (double value : exponents_) near_zero_ += std::fabs(value) <= tolerance ? 1 : 0;
        lyapunov_.reset();
      }
    }
  }
}

void RobustnessMeasure::summarize() {
  const double spacing = range() / (angular_ ? memories_ : memories_ - 1);
  const double dt = time_step();
  summaries_.clear();
  std::vector<double> targets(static_cast<std::size_t>(memories_));
  std::vector<double> recalled(static_cast<std::size_t>(memories_));
  for (int r = 0; r < records_; ++r) {
    RobustnessRecord record;
    record.steps = static_cast<double>(steps_ * (r + 1) / records_);
    record.time = record.steps * dt;
    const double shift = velocity_deg_ * record.time;
    double log_sum = 0, log_min = std::numeric_limits<double>::infinity();
    double log_max = -log_min;
    for (int i = 0; i < memories_; ++i) {
      const auto at = static_cast<std::size_t>(r) * memories_ + i;
      targets[static_cast<std::size_t>(i)] = stored_[static_cast<std::size_t>(i)] + shift;
      recalled[static_cast<std::size_t>(i)] = recalled_[at];
      const double g = gradients_log10_[at];
      log_sum += g;
      log_min = std::fmin(log_min, g);
      log_max = std::fmax(log_max, g);
    }
    const RecallFit fit = fit_recall(angular_, targets, recalled, cluster_tolerance_ * spacing);
    const double noise_size = state_noise_ * value_spread(angular_, targets);
    std::vector<double> noisy(recalled);
    for (int i = 0; i < memories_; ++i) {
      noisy[static_cast<std::size_t>(i)] += noise_size * noise_draws_[static_cast<std::size_t>(i)];
    }
    record.decoded_error = decoded_error(angular_, targets, noisy);
    record.residual_units = fit.residual_units;
    record.residual = fit.residual_units / range();
    record.pairwise_error = fit.pairwise_error;
    record.common_shift = fit.common_shift;
    record.slope = fit.slope;
    record.distinct_end_states = fit.distinct;
    record.gradient_log10_mean = gradient_ ? log_sum / memories_ : kNaN;
    record.gradient_log10_min = gradient_ ? log_min : kNaN;
    record.gradient_log10_max = gradient_ ? log_max : kNaN;
    record.manifold_exponent = gradient_ ? log_sum / memories_ * kLn10 / record.time : kNaN;
    summaries_.push_back(record);
  }
}

RecallFit fit_recall(bool angular, const std::vector<double>& targets,
                     const std::vector<double>& recalled, double cluster_distance) {
  const std::size_t m = targets.size();
  RecallFit fit;
  std::vector<double> sorted(recalled);
  if (angular) {
    // Differences recalled - target in radians, the circular mean as the common rotation.
    std::vector<double> d(m);
    double sum_sin = 0, sum_cos = 0;
    for (std::size_t i = 0; i < m; ++i) {
      d[i] = phase::wrap((recalled[i] - targets[i]) / kDegreesPerRadian);
      sum_sin += det::sin(d[i]);
      sum_cos += det::cos(d[i]);
    }
    const double rotation = phase::angle(sum_sin, sum_cos);
    double squares = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const double e = phase::wrap(d[i] - rotation);
      squares += e * e;
    }
    fit.residual_units = std::sqrt(squares / static_cast<double>(m)) * kDegreesPerRadian;
    fit.common_shift = rotation * kDegreesPerRadian;
    fit.slope = 1;
    double error = 0, reference = 0;
    for (std::size_t i = 0; i < m; ++i) {
      for (std::size_t j = i + 1; j < m; ++j) {
        const double e = phase::wrap(d[i] - d[j]);
        const double s = phase::wrap((targets[i] - targets[j]) / kDegreesPerRadian);
        error += e * e;
        reference += s * s;
      }
    }
    fit.pairwise_error = std::sqrt(error / reference);
    for (double& value : sorted) value = degrees_in_turn(value);
    std::sort(sorted.begin(), sorted.end());
    int gaps = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const double next = i + 1 < m ? sorted[i + 1] : sorted[0] + 360.0;
      gaps += next - sorted[i] > cluster_distance ? 1 : 0;
    }
    fit.distinct = std::max(gaps, 1);
    return fit;
  }
  // The line: recalled = a * stored + b by least squares.
  double mean_s = 0, mean_r = 0;
  for (std::size_t i = 0; i < m; ++i) {
    mean_s += targets[i];
    mean_r += recalled[i];
  }
  mean_s /= static_cast<double>(m);
  mean_r /= static_cast<double>(m);
  double sxy = 0, sxx = 0;
  for (std::size_t i = 0; i < m; ++i) {
    sxy += (targets[i] - mean_s) * (recalled[i] - mean_r);
    sxx += (targets[i] - mean_s) * (targets[i] - mean_s);
  }
  fit.slope = sxy / sxx;
  fit.common_shift = mean_r - fit.slope * mean_s;
  double squares = 0;
  for (std::size_t i = 0; i < m; ++i) {
    const double e = recalled[i] - (fit.slope * targets[i] + fit.common_shift);
    squares += e * e;
  }
  fit.residual_units = std::sqrt(squares / static_cast<double>(m));
  double error = 0, reference = 0;
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = i + 1; j < m; ++j) {
      const double s = targets[i] - targets[j];
      const double e = (recalled[i] - recalled[j]) - s;
      error += e * e;
      reference += s * s;
    }
  }
  fit.pairwise_error = std::sqrt(error / reference);
  std::sort(sorted.begin(), sorted.end());
  int gaps = 0;
  for (std::size_t i = 0; i + 1 < m; ++i) gaps += sorted[i + 1] - sorted[i] > cluster_distance;
  fit.distinct = gaps + 1;
  return fit;
}

double value_spread(bool angular, const std::vector<double>& values) {
  const std::size_t m = values.size();
  if (!angular) {
    double mean = 0;
    for (double v : values) mean += v;
    mean /= static_cast<double>(m);
    double squares = 0;
    for (double v : values) squares += (v - mean) * (v - mean);
    return std::sqrt(squares / static_cast<double>(m));
  }
  // sum_i wrap(v_i - c)^2 is quadratic in c between the points c = v_i + 180 where a distance
  // wraps: on each such arc the best c is the mean of the values unwrapped around it.
  std::vector<double> cuts(m);
  for (std::size_t i = 0; i < m; ++i) cuts[i] = degrees_in_turn(values[i] + 180.0);
  std::sort(cuts.begin(), cuts.end());
  const auto squares_at = [&](double c) {
    double sum = 0;
    for (double v : values) {
      const double d = wrap_180(v - c);
      sum += d * d;
    }
    return sum;
  };
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t k = 0; k < m; ++k) {
    const double lo = cuts[k];
    const double hi = k + 1 < m ? cuts[k + 1] : cuts[0] + 360.0;
    const double middle = 0.5 * (lo + hi);
    double mean = 0;
    for (double v : values) mean += middle + wrap_180(v - middle);
    mean /= static_cast<double>(m);
    best = std::fmin(best, squares_at(std::clamp(mean, lo, hi)));
  }
  return std::sqrt(best / static_cast<double>(m));
}

double decoded_error(bool angular, const std::vector<double>& targets,
                     const std::vector<double>& recalled) {
  const std::size_t m = targets.size();
  const double spread = value_spread(angular, targets);
  double squares = 0;
  if (angular) {
    // One common rotation: the circular mean of the wrapped differences.
    double sum_sin = 0, sum_cos = 0;
    for (std::size_t i = 0; i < m; ++i) {
      const double d = phase::wrap((recalled[i] - targets[i]) / kDegreesPerRadian);
      sum_sin += det::sin(d);
      sum_cos += det::cos(d);
    }
    const double rotation = phase::angle(sum_sin, sum_cos) * kDegreesPerRadian;
    for (std::size_t i = 0; i < m; ++i) {
      const double e = wrap_180(recalled[i] - rotation - targets[i]);
      squares += e * e;
    }
  } else {
    // Least squares targets ~ a recalled + b; a = 0 when the recalled values carry no spread.
    double mean_t = 0, mean_r = 0;
    for (std::size_t i = 0; i < m; ++i) {
      mean_t += targets[i];
      mean_r += recalled[i];
    }
    mean_t /= static_cast<double>(m);
    mean_r /= static_cast<double>(m);
    double sxy = 0, sxx = 0;
    for (std::size_t i = 0; i < m; ++i) {
      sxy += (recalled[i] - mean_r) * (targets[i] - mean_t);
      sxx += (recalled[i] - mean_r) * (recalled[i] - mean_r);
    }
    const double a = sxx > 0 ? sxy / sxx : 0.0;
    for (std::size_t i = 0; i < m; ++i) {
      const double e = mean_t + a * (recalled[i] - mean_r) - targets[i];
      squares += e * e;
    }
  }
  return std::sqrt(squares / static_cast<double>(m)) / spread;
}

}  // namespace attractor
