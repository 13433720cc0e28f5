#include "attractor/wave_memory.hpp"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>

#include "attractor/assignment.hpp"
#include "attractor/detmath.hpp"

namespace attractor {
namespace {

const char* const kContext = "wave lattice";
constexpr double kPi = 3.14159265358979323846;

}  // namespace

const std::vector<ParamSpec>& WaveLattice::param_specs() {
  static const std::vector<ParamSpec> specs = {
      {"dims", 1, 32, 8, true, "", "Dimension d of each column."},
      {"lag", 1, 64, 8, true, "steps", "Number of columns s: how far back the lattice reaches."},
  };
  return specs;
}

const std::vector<std::string>& WaveLattice::rules() {
  static const std::vector<std::string> names = {"repeat_copy", "lagged_copy", "fibonacci"};
  return names;
}

WaveLattice::WaveLattice(const ParamValues& params, const std::string& rule) : rule_(rule) {
  const ParamValues resolved = resolve_params(param_specs(), params, kContext);
  dims_ = static_cast<int>(resolved.at("dims"));
  lag_ = static_cast<int>(resolved.at("lag"));
  if (std::find(rules().begin(), rules().end(), rule) == rules().end()) {
    throw InvalidArgument(std::string(kContext) + ": rule " + quoted(rule) +
                          " is not known; choose one of repeat_copy, lagged_copy, fibonacci");
  }
  if (rule == "lagged_copy" && dims_ > lag_) {
    throw InvalidArgument(std::string(kContext) + ": dims = " + std::to_string(dims_) +
                          " must be at most lag = " + std::to_string(lag_) +
                          " for lagged_copy (dimension j repeats with lag - j >= 1)");
  }
  f_.assign(static_cast<std::size_t>(lag_), Eigen::MatrixXd::Zero(dims_, dims_));
  if (rule == "repeat_copy") {
    f_[static_cast<std::size_t>(lag_ - 1)].setIdentity();
  } else if (rule == "lagged_copy") {
    for (int j = 0; j < dims_; ++j) f_[static_cast<std::size_t>(lag_ - j - 1)](j, j) = 1.0;
  } else {
    // Growth rate: the largest root of lambda^s = lambda^(s-1) + ... + 1, by bisection on [1, 2].
    double low = 1.0;
    double high = 2.0;
    for (int iteration = 0; iteration < 200; ++iteration) {
      const double mid = 0.5 * (low + high);
      double power = 1.0;
      double sum = 0.0;
      for (int k = 0; k < lag_; ++k) {
        sum += power;
        power *= mid;
      }
      (power > sum ? high : low) = mid;
    }
    growth_ = lag_ == 1 ? 1.0 : 0.5 * (low + high);
    // y_t = x_t / growth^t obeys y_t = sum_k (F_k / growth^k) y_{t-k}: every root divided by the
    // growth rate, so the largest has modulus 1.
    double scale = 1.0;
    for (auto& f : f_) {
      scale /= growth_;
      f = Eigen::MatrixXd::Identity(dims_, dims_) * scale;
    }
  }
  const int size = dims_ * lag_;
  a_ = Eigen::MatrixXd::Zero(size, size);
  for (int k = 0; k < lag_; ++k)
    a_.block(0, k * dims_, dims_, dims_) = f_[static_cast<std::size_t>(k)];
  for (int k = 1; k < lag_; ++k) a_.block(k * dims_, (k - 1) * dims_, dims_, dims_).setIdentity();
  lattice_ = Eigen::MatrixXd::Zero(dims_, lag_);
  scratch_.resize(dims_);
}

void WaveLattice::reset() {
  lattice_.setZero();
}

void WaveLattice::step(const std::vector<double>* input) {
  if (input) {
    if (static_cast<int>(input->size()) != dims_) {
      throw InvalidArgument(std::string(kContext) + " step: the input has " +
                            std::to_string(input->size()) + " values; the lattice has " +
                            std::to_string(dims_) + " rows");
    }
    for (int i = 0; i < dims_; ++i) {
      if (!std::isfinite((*input)[static_cast<std::size_t>(i)])) {
        throw InvalidArgument(std::string(kContext) + " step: input " + std::to_string(i) +
                              " is not a finite number");
      }
      scratch_[i] = (*input)[static_cast<std::size_t>(i)];
    }
  } else {
    scratch_.setZero();
    for (int k = 0; k < lag_; ++k) {
      const Eigen::MatrixXd& f = f_[static_cast<std::size_t>(k)];
      for (int j = 0; j < dims_; ++j) {
        const double x = lattice_(j, k);
        if (x == 0.0) continue;
        for (int i = 0; i < dims_; ++i) scratch_[i] += f(i, j) * x;
      }
    }
  }
  // The wave moves one column along; the oldest column leaves at the open end.
  for (int k = lag_ - 1; k > 0; --k) lattice_.col(k) = lattice_.col(k - 1);
  lattice_.col(0) = scratch_;
}

std::vector<std::complex<double>> WaveLattice::spectrum() const {
  std::vector<std::complex<double>> out;
  out.reserve(static_cast<std::size_t>(dims_) * static_cast<std::size_t>(lag_));
  const auto roots_of_unity = [&out](int order, int times) {
    for (int k = 0; k < order; ++k) {
      const double angle = 2 * kPi * k / order;
      for (int copy = 0; copy < times; ++copy) out.emplace_back(std::cos(angle), std::sin(angle));
    }
  };
  if (rule_ == "repeat_copy") {
    roots_of_unity(lag_, dims_);
  } else if (rule_ == "lagged_copy") {
    // Dimension j is a copy with lag s - j on its own: a cycle of s - j columns, and the j
    // columns behind it only carry the wave out (nilpotent, eigenvalue 0).
    for (int j = 0; j < dims_; ++j) {
      roots_of_unity(lag_ - j, 1);
      for (int zero = 0; zero < j; ++zero) out.emplace_back(0.0, 0.0);
    }
  } else {
    // Every dimension obeys the same scalar recursion: its s x s companion matrix has simple
    // roots, which an eigensolver finds accurately.
    Eigen::MatrixXd companion = Eigen::MatrixXd::Zero(lag_, lag_);
    for (int k = 0; k < lag_; ++k) companion(0, k) = f_[static_cast<std::size_t>(k)](0, 0);
    for (int k = 1; k < lag_; ++k) companion(k, k - 1) = 1.0;
    for (const auto& root : eigenvalues_of(companion)) {
      for (int copy = 0; copy < dims_; ++copy) out.push_back(root);
    }
  }
  return out;
}

std::vector<std::complex<double>> WaveLattice::task_spectrum() const {
  std::vector<std::complex<double>> out;
  for (const auto& value : spectrum()) {
    if (value != 0.0) out.push_back(value);
  }
  return out;
}

std::vector<std::complex<double>> eigenvalues_of(const Eigen::MatrixXd& w) {
  const Eigen::EigenSolver<Eigen::MatrixXd> solver(w, false);
  std::vector<std::complex<double>> out(static_cast<std::size_t>(w.rows()));
  for (Eigen::Index i = 0; i < w.rows(); ++i)
    out[static_cast<std::size_t>(i)] = solver.eigenvalues()[i];
  return out;
}

RootsOfUnityError roots_of_unity_error(const Eigen::MatrixXd& w, int s, int count) {
  check_param({"s", 1, 1024, 8, true, "", ""}, s, "roots_of_unity_error");
  check_param({"count", 1, static_cast<double>(w.rows()), 1, true, "", ""}, count,
              "roots_of_unity_error");
  auto values = eigenvalues_of(w);
  std::sort(values.begin(), values.end(),
            [](const auto& a, const auto& b) { return std::abs(a) > std::abs(b); });
  RootsOfUnityError out;
  const double spacing = 360.0 / s;
  for (int i = 0; i < count; ++i) {
    const auto value = values[static_cast<std::size_t>(i)];
    double degrees = std::arg(value) * 180.0 / kPi;
    if (degrees < 0) degrees += 360.0;
    const double offset = std::fmod(degrees, spacing);
    const double error = std::min(offset, spacing - offset);
    out.mean_degrees += error / count;
    out.max_degrees = std::max(out.max_degrees, error);
    out.mean_modulus += std::abs(value) / count;
  }
  return out;
}

RootsOfUnityError spectrum_angle_error(const Eigen::MatrixXd& w,
                                       const std::vector<std::complex<double>>& theory, int count) {
  if (w.rows() != w.cols()) throw InvalidArgument("spectrum_angle_error: W must be square");
  check_param({"count", 1, static_cast<double>(w.rows()), 1, true, "", ""}, count,
              "spectrum_angle_error");
  std::vector<double> angles;
  for (const auto& value : theory) {
    if (!std::isfinite(value.real()) || !std::isfinite(value.imag())) {
      throw InvalidArgument("spectrum_angle_error: a theoretical eigenvalue is not finite");
    }
    if (std::abs(value) > 1e-3) angles.push_back(std::arg(value) * 180.0 / kPi);
  }
  if (angles.empty()) {
    throw InvalidArgument("spectrum_angle_error: the theory has no nonzero eigenvalue");
  }
  auto values = eigenvalues_of(w);
  std::sort(values.begin(), values.end(),
            [](const auto& a, const auto& b) { return std::abs(a) > std::abs(b); });
  RootsOfUnityError out;
  for (int i = 0; i < count; ++i) {
    const auto value = values[static_cast<std::size_t>(i)];
    const double degrees = std::arg(value) * 180.0 / kPi;
    double error = 180.0;
    for (const double angle : angles) {
      const double difference = std::fabs(std::remainder(degrees - angle, 360.0));
      error = std::min(error, difference);
    }
    out.mean_degrees += error / count;
    out.max_degrees = std::max(out.max_degrees, error);
    out.mean_modulus += std::abs(value) / count;
  }
  return out;
}

MatchedSpectrumError matched_spectrum_error(const std::vector<std::complex<double>>& values,
                                            const std::vector<std::complex<double>>& theory) {
  const char* const context = "matched_spectrum_error";
  if (theory.empty())
    throw InvalidArgument(std::string(context) + ": the theory has no eigenvalue");
  if (theory.size() > values.size()) {
    throw InvalidArgument(std::string(context) + ": the theory has " +
                          std::to_string(theory.size()) + " eigenvalues but W only " +
                          std::to_string(values.size()) +
                          "; W needs at least as many units as the theory has eigenvalues");
  }
  const auto check_finite = [context](const std::vector<std::complex<double>>& list,
                                      const char* what) {
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!std::isfinite(list[i].real()) || !std::isfinite(list[i].imag())) {
        throw InvalidArgument(std::string(context) + ": " + what + " " + std::to_string(i) +
                              " is not a finite number");
      }
    }
  };
  check_finite(values, "eigenvalue");
  check_finite(theory, "theoretical eigenvalue");
  Eigen::MatrixXd cost(static_cast<Eigen::Index>(theory.size()),
                       static_cast<Eigen::Index>(values.size()));
  for (Eigen::Index i = 0; i < cost.rows(); ++i) {
    for (Eigen::Index j = 0; j < cost.cols(); ++j) {
      cost(i, j) =
          std::abs(values[static_cast<std::size_t>(j)] - theory[static_cast<std::size_t>(i)]);
    }
  }
  MatchedSpectrumError out;
  out.pairing = optimal_assignment(cost);
  std::vector<bool> paired(values.size(), false);
  for (std::size_t i = 0; i < theory.size(); ++i) {
    const auto j = static_cast<std::size_t>(out.pairing[i]);
    paired[j] = true;
    const double distance = cost(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
    out.mean += distance;
    out.max = std::max(out.max, distance);
  }
  out.mean /= static_cast<double>(theory.size());
  for (std::size_t j = 0; j < values.size(); ++j) {
    if (!paired[j])
      out.unmatched_max_modulus = std::max(out.unmatched_max_modulus, std::abs(values[j]));
  }
  return out;
}

MatchedSpectrumError matched_spectrum_error(const Eigen::MatrixXd& w,
                                            const std::vector<std::complex<double>>& theory) {
  if (w.rows() != w.cols()) {
    throw InvalidArgument("matched_spectrum_error: W is " + std::to_string(w.rows()) + " x " +
                          std::to_string(w.cols()) + "; it must be square");
  }
  return matched_spectrum_error(eigenvalues_of(w), theory);
}

ThresholdedAngleError thresholded_angle_error(const std::vector<std::complex<double>>& values,
                                              const std::vector<std::complex<double>>& theory,
                                              double threshold) {
  check_param({"threshold", 0, 1e6, 0.9, false, "", ""}, threshold, "thresholded_angle_error");
  std::vector<double> angles, theory_angles;
  for (const auto& value : values) {
    if (std::abs(value) > threshold) angles.push_back(std::arg(value));
  }
  for (const auto& value : theory) {
    if (std::abs(value) > threshold) theory_angles.push_back(std::arg(value));
  }
  ThresholdedAngleError out;
  out.count = static_cast<int>(angles.size());
  out.theory_count = static_cast<int>(theory_angles.size());
  if (angles.size() != theory_angles.size() || angles.empty()) {
    out.mean_radians = std::nan("");
    return out;
  }
  Eigen::MatrixXd cost(static_cast<Eigen::Index>(angles.size()),
                       static_cast<Eigen::Index>(angles.size()));
  for (Eigen::Index i = 0; i < cost.rows(); ++i) {
    for (Eigen::Index j = 0; j < cost.cols(); ++j) {
      cost(i, j) = std::fabs(std::remainder(
          theory_angles[static_cast<std::size_t>(i)] - angles[static_cast<std::size_t>(j)],
          2 * kPi));
    }
  }
  const auto pairing = optimal_assignment(cost);
  for (Eigen::Index i = 0; i < cost.rows(); ++i)
    out.mean_radians += cost(i, pairing[static_cast<std::size_t>(i)]);
  out.mean_radians /= static_cast<double>(cost.rows());
  return out;
}

InputGroundedBasis input_grounded_basis(const Eigen::MatrixXd& w, const Eigen::MatrixXd& u, int s) {
  if (w.rows() != w.cols() || u.rows() != w.rows()) {
    throw InvalidArgument("input_grounded_basis: W must be square and U must have as many rows");
  }
  check_param({"s", 1, 1024, 8, true, "", ""}, s, "input_grounded_basis");
  const Eigen::Index d = u.cols();
  InputGroundedBasis out;
  out.psi.resize(w.rows(), d * s);
  Eigen::MatrixXd power = u;  // W^0 U, then W U, ...
  for (int k = s - 1; k >= 0; --k) {
    out.psi.middleCols(k * d, d) = power;
    power = w * power;
  }
  for (Eigen::Index c = 0; c < out.psi.cols(); ++c) {
    const double norm = out.psi.col(c).norm();
    if (norm > 0) out.psi.col(c) /= norm;
  }
  const Eigen::JacobiSVD<Eigen::MatrixXd> svd(out.psi, Eigen::ComputeThinU | Eigen::ComputeThinV);
  const double tolerance = 1e-10 * svd.singularValues()(0);
  Eigen::VectorXd inverse = svd.singularValues();
  for (Eigen::Index i = 0; i < inverse.size(); ++i)
    inverse[i] = inverse[i] > tolerance ? 1 / inverse[i] : 0;
  out.pinv = svd.matrixV() * inverse.asDiagonal() * svd.matrixU().transpose();
  out.phi = out.pinv * w * out.psi;
  return out;
}

Eigen::MatrixXd lattice_phi(const WaveLattice& lattice) {
  const int d = lattice.dims();
  Eigen::MatrixXd u = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(d) * lattice.lag(), d);
  u.topRows(d).setIdentity();
  return input_grounded_basis(lattice.step_matrix(), u, lattice.lag()).phi;
}

double boundary_fraction(const Eigen::MatrixXd& phi, const Eigen::MatrixXd& lattice_step, int d,
                         int s) {
  const Eigen::Index size = static_cast<Eigen::Index>(d) * s;
  if (phi.rows() != size || phi.cols() != size || lattice_step.rows() != size ||
      lattice_step.cols() != size) {
    throw InvalidArgument("boundary_fraction: Phi and the lattice step matrix must be " +
                          std::to_string(size) + " x " + std::to_string(size) + " (d s)");
  }
  double inside = 0.0, total = 0.0;
  for (int k = 1; k <= s; ++k) {
    for (int i = 0; i < d; ++i) {
      for (int j = 0; j < d; ++j) {
        const double value = phi((k - 1) * d + i, j);
        total += value * value;
        if (lattice_step(i, (k - 1) * d + j) != 0.0) inside += value * value;
      }
    }
  }
  return total > 0 ? inside / total : std::nan("");
}

Eigen::MatrixXd elman_hidden_states(const Eigen::MatrixXd& w, const Eigen::MatrixXd& u,
                                    const Eigen::VectorXd& b, const Eigen::MatrixXd& inputs) {
  if (w.rows() != w.cols() || u.rows() != w.rows() || b.size() != w.rows() ||
      inputs.rows() != u.cols()) {
    throw InvalidArgument(
        "elman_hidden_states: W (N x N), U (N x d), b (N) and the inputs (d x T) "
        "do not fit together");
  }
  Eigen::MatrixXd out(w.rows(), inputs.cols());
  Eigen::VectorXd h = Eigen::VectorXd::Zero(w.rows());
  for (Eigen::Index t = 0; t < inputs.cols(); ++t) {
    const Eigen::VectorXd drive = w * h + u * inputs.col(t) + b;
    for (Eigen::Index i = 0; i < h.size(); ++i) h[i] = det::tanh(drive[i]);
    out.col(t) = h;
  }
  return out;
}

WaveShift wave_shift(const Eigen::MatrixXd& coordinates, int d, int s) {
  if (coordinates.rows() != static_cast<Eigen::Index>(d) * s || coordinates.cols() < 2 || s < 2) {
    throw InvalidArgument("wave_shift: the coordinates must have d s rows and 2 or more columns");
  }
  auto correlation = [&](int offset) {
    double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, count = 0;
    for (Eigen::Index t = 0; t + 1 < coordinates.cols(); ++t) {
      for (int block = 0; block + 1 < s; ++block) {
        for (int i = 0; i < d; ++i) {
          const double a = coordinates(block * d + i, t + 1);
          const double b = coordinates((block + offset) * d + i, t);
          sa += a;
          sb += b;
          saa += a * a;
          sbb += b * b;
          sab += a * b;
          ++count;
        }
      }
    }
    const double cov = sab / count - (sa / count) * (sb / count);
    const double va = saa / count - (sa / count) * (sa / count);
    const double vb = sbb / count - (sb / count) * (sb / count);
    return va > 0 && vb > 0 ? cov / std::sqrt(va * vb) : std::nan("");
  };
  return {correlation(1), correlation(0)};
}

}  // namespace attractor
