// Traveling-wave working memory (Karuvally, Sejnowski & Siegelmann, ICML 2024).
//
// A lattice of `lag` (s) columns by `dims` (d) rows holds the recent history of a d-dimensional
// sequence: each step the activity shifts one column along, the oldest column leaves at the
// open end, and the start column is written by the boundary condition x_t = sum_k F_k x_{t-k}.
// For the first s steps the start column is written by the input instead. With a linear
// boundary the whole step is one matrix A on vec(lattice): the block companion matrix with the
// F_k in its first block row and identity blocks below (the H3 shift state-space model when all
// F_k are 0). Its eigenvalues solve det(lambda^s I - sum_k F_k lambda^(s-k)) = 0; for
// repeat-copy (F_s = I) they are the s-th roots of unity, each d times: all on the unit circle,
// neutral, like the continuous attractors of the other lessons.
#pragma once

#include <Eigen/Core>
#include <complex>
#include <string>
#include <vector>

#include "attractor/params.hpp"

namespace attractor {

class WaveLattice {
 public:
  static const std::vector<ParamSpec>& param_specs();
  // repeat_copy (T1: x_t = x_{t-s}), lagged_copy (T3: dimension j repeats with lag s - j),
  // fibonacci (every F_k = I, rescaled to F_k / growth^k so the activity neither grows nor
  // decays: the largest root then has modulus 1).
  static const std::vector<std::string>& rules();

  WaveLattice(const ParamValues& params, const std::string& rule);

  int dims() const { return dims_; }
  int lag() const { return lag_; }
  const std::string& rule() const { return rule_; }
  // Clears the lattice and the step count.
  void reset();
  // One step: the start column gets `input` (length dims) if given, else the boundary value.
  void step(const std::vector<double>* input = nullptr);
  // dims x lag; column 0 is the newest.
  const Eigen::MatrixXd& lattice() const { return lattice_; }
  // The newest column x_t.
  Eigen::VectorXd newest() const { return lattice_.col(0); }
  // The one-step matrix A on vec(lattice) (column-major: column 0's dims entries first).
  const Eigen::MatrixXd& step_matrix() const { return a_; }
  // The growth rate of the unscaled fibonacci rule (1 for the copy rules).
  double growth() const { return growth_; }
  // The eigenvalues of step_matrix(), d s in all with their multiplicities, from the rule rather
  // than from a numerical eigensolver (whose eigenvalues of lagged copy's nilpotent blocks are off
  // by up to eps^(1/j)): repeat_copy has the s-th roots of unity, each d times; lagged_copy, for
  // each dimension j (from 0), the (s - j)-th roots of unity and j zeros; fibonacci the roots of
  // lambda^s = sum_k lambda^(s-k) / growth^k, each d times.
  std::vector<std::complex<double>> spectrum() const;
  // The part of spectrum() that every linear realization of the rule needs: its nonzero
  // eigenvalues. The zeros of lagged copy's lattice belong to the j columns behind each
  // dimension's cycle, which the boundary never reads; a network need not have them (it may
  // forget there at any rate), just as it need not use its units beyond the task's d s modes.
  std::vector<std::complex<double>> task_spectrum() const;

 private:
  int dims_ = 0;
  int lag_ = 0;
  std::string rule_;
  std::vector<Eigen::MatrixXd> f_;  // F_1 .. F_s
  double growth_ = 1.0;
  Eigen::MatrixXd lattice_;
  Eigen::MatrixXd a_;
  Eigen::VectorXd scratch_;
};

// Eigenvalues of a real square matrix.
std::vector<std::complex<double>> eigenvalues_of(const Eigen::MatrixXd& w);

// How far the eigenvalues of w are from the s-th roots of unity, in degrees: for each of the
// `count` eigenvalues of largest modulus, the angle to the nearest root; the mean and the largest.
// (The wave lessons compare a trained RNN's W with this theory.)
struct RootsOfUnityError {
  double mean_degrees = 0.0;
  double max_degrees = 0.0;
  double mean_modulus = 0.0;
};
RootsOfUnityError roots_of_unity_error(const Eigen::MatrixXd& w, int s, int count);
// The same against any theoretical spectrum (e.g. a WaveLattice's step_matrix(): lagged-copy has
// the (s - j)-th roots of unity for dimension j): for each of the `count` eigenvalues of w of
// largest modulus, the angle to the nearest angle of a theoretical eigenvalue of modulus above
// 1e-3 (the numerical eigenvalues of a nilpotent block are not exactly 0).
RootsOfUnityError spectrum_angle_error(const Eigen::MatrixXd& w,
                                       const std::vector<std::complex<double>>& theory, int count);

// A spectrum error in which modulus and multiplicity count: each theoretical eigenvalue mu_i is
// paired with its own eigenvalue lambda_pi(i) of W by the optimal assignment (assignment.hpp)
// that minimizes sum_i |lambda_pi(i) - mu_i|; the error is the mean (and the largest) distance in
// the complex plane. W may have more eigenvalues than the theory: the N - k left over are not
// compared (the task does not constrain the directions it does not use), and the largest modulus
// among them is reported, since an unpaired eigenvalue near the unit circle is an extra slow mode.
// 0 for W = the lattice's own step matrix; a real eigenvalue at +1 standing in for every s-th
// root, which the angle errors above score 0, is penalized by its distance to each root.
// The wave tools compare W with WaveLattice::task_spectrum(), the modes the task needs.
struct MatchedSpectrumError {
  double mean = 0.0;
  double max = 0.0;
  double unmatched_max_modulus = 0.0;  // 0 when W has no eigenvalue left over
  std::vector<int> pairing;            // pairing[i]: the index in `values` paired with theory[i]
};
MatchedSpectrumError matched_spectrum_error(const std::vector<std::complex<double>>& values,
                                            const std::vector<std::complex<double>>& theory);
MatchedSpectrumError matched_spectrum_error(const Eigen::MatrixXd& w,
                                            const std::vector<std::complex<double>>& theory);

// The spectral error of Karuvally, Sejnowski & Siegelmann's released code (the spectral
// comparison of their emt_tools, used for their Table 1): only the eigenvalues of modulus above
// `threshold` (0.9 there) count, on both sides; when W and the theory have equally many, they are
// paired one to one by angle and the error is the mean angle, in radians. Moduli count only
// through the threshold. When the counts differ the error is NaN (their code then yields no
// number either) and the two counts tell why. Their pairing is greedy, in the order numpy lists
// the eigenvalues; this one is the optimal assignment, which is never larger.
struct ThresholdedAngleError {
  double mean_radians = 0.0;
  int count = 0;         // eigenvalues of W above the threshold
  int theory_count = 0;  // theoretical eigenvalues above it
};
ThresholdedAngleError thresholded_angle_error(const std::vector<std::complex<double>>& values,
                                              const std::vector<std::complex<double>>& theory,
                                              double threshold = 0.9);

// The input-grounded basis Psi = [W^(s-1) U, ..., W U, U] (columns normalized) and
// Phi = pinv(Psi) W Psi, in which a trained network's W shows the block shift and the boundary.
// Block b (d columns) of Psi is W^(s-1-b) U. Psi is a Krylov basis, so whenever it has full
// column rank, W maps block b to block b - 1 exactly for b >= 1: Phi's block superdiagonal is a
// (rescaled) shift for any W. What training shapes is block column 0, the image of W^s U: the
// boundary condition, which for a lattice with F_1..F_s holds F_k in row block k - 1.
struct InputGroundedBasis {
  Eigen::MatrixXd psi;
  Eigen::MatrixXd pinv;  // pinv(Psi), (s d) x N
  Eigen::MatrixXd phi;
};
InputGroundedBasis input_grounded_basis(const Eigen::MatrixXd& w, const Eigen::MatrixXd& u, int s);

// Phi of the lattice itself: input_grounded_basis of its step matrix with inputs that write the
// start column (U = [I; 0]). For repeat_copy this is the cyclic block shift (identity blocks
// above the diagonal and F_s = I closing the cycle); it is what a network's Phi would be if the
// network were the lattice, so the widgets draw it beside a trained network's Phi.
Eigen::MatrixXd lattice_phi(const WaveLattice& lattice);

// The fraction of the squared norm of Phi's boundary column (block column 0) that lies where the
// lattice's boundary matrices F_k are nonzero (row block k - 1; F_k read from the first block row
// of `lattice_step`, the WaveLattice step matrix with the same d and s). 1 for a W that is the
// lattice itself; small for a W that has not learned the boundary.
double boundary_fraction(const Eigen::MatrixXd& phi, const Eigen::MatrixXd& lattice_step, int d,
                         int s);

// Hidden states of a discrete tanh Elman network, h_t = tanh(W h_{t-1} + U x_t + b), h_0 = 0,
// for inputs x (d x T): N x T, column t is h_(t+1).
Eigen::MatrixXd elman_hidden_states(const Eigen::MatrixXd& w, const Eigen::MatrixXd& u,
                                    const Eigen::VectorXd& b, const Eigen::MatrixXd& inputs);

// How the coordinates c_t = pinv(Psi) h_t ((s d) x T) move: the correlation, over all t, blocks
// b < s - 1 and rows, of block b at t + 1 with block b + 1 at t (a wave moving one block per step
// gives 1), and, as the baseline, of block b at t + 1 with block b at t (standing activity).
struct WaveShift {
  double shifted = 0.0;
  double standing = 0.0;
};
WaveShift wave_shift(const Eigen::MatrixXd& coordinates, int d, int s);

}  // namespace attractor
