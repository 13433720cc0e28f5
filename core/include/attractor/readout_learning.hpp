// Online learning of a rate network's readout w, one time step at a time (Sussillo & Abbott
// 2009; Beer & Barak 2019):
//
//   FORCE (recursive least squares), every update_every steps:
//     k = P r,  c = 1 / (1 + r^T k),  P <- P - c k k^T,  e = z - f,  w <- w - e c k,
//     with P(0) = I / alpha, kept in float64 and made symmetric every symmetrize_every updates;
//   LMS:  e = z - f,  w <- w - eta e r.
//
// With readout feedback on, changing w changes the network's own dynamics; FORCE keeps the error
// small from the first update on, which is what makes learning through the loop stable.
#pragma once

#include <Eigen/Core>
#include <string>
#include <vector>

#include "attractor/measures.hpp"
#include "attractor/params.hpp"
#include "attractor/rate_network.hpp"

namespace attractor {

class ReadoutLearner {
 public:
  static const std::vector<ParamSpec>& param_specs();
  static const std::vector<std::string>& rules();  // "force", "lms"

  // Learns the readout of `network`, which must outlive the learner.
  ReadoutLearner(RateNetwork& network, const ParamValues& params, const std::string& rule);

  const std::string& rule() const { return rule_; }
  const ParamValues& params() const { return params_; }
  // One network step per target value, learning from each step's error. Afterwards trace() of
  // the network holds z, and errors() the error z - f before each update.
  void train(const std::vector<double>& targets);
  // Runs without learning and returns the root-mean-square of z - f over the steps.
  double test(const std::vector<double>& targets);

  const std::vector<double>& errors() const { return errors_; }
  // The readout z after every step of the last train() or test() call.
  const std::vector<double>& outputs() const { return outputs_; }
  long updates() const { return updates_; }
  const Eigen::MatrixXd& inverse_correlation() const { return p_; }
  // updates, last_error, readout_norm.
  Measures measures() const;

 private:
  RateNetwork& network_;
  ParamValues params_;
  std::string rule_;
  Eigen::MatrixXd p_;
  Eigen::VectorXd k_;
  Eigen::VectorXd w_;
  std::vector<double> errors_;
  std::vector<double> outputs_;
  long steps_ = 0;
  long updates_ = 0;
};

// The four-sine target of Sussillo & Abbott (2009), t in seconds (their formula uses ms):
// [1.3 sin(pi t/60) + 0.65 sin(2 pi t/60) + 0.2167 sin(3 pi t/60) + 0.4333 sin(4 pi t/60)] / 1.5.
double four_sine_target(double seconds);

}  // namespace attractor
