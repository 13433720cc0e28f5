#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <map>

#include "attractor/rng.hpp"
#include "attractor/wave_memory.hpp"

using attractor::InvalidArgument;
using attractor::WaveLattice;

namespace {

std::vector<std::vector<double>> random_signs(int steps, int dims, std::uint64_t seed) {
  attractor::Rng rng(seed);
  std::vector<std::vector<double>> out(static_cast<std::size_t>(steps),
                                       std::vector<double>(static_cast<std::size_t>(dims)));
  for (auto& column : out) {
    for (auto& value : column) value = rng.uniform() < 0.5 ? -1.0 : 1.0;
  }
  return out;
}

}  // namespace

TEST_CASE("repeat-copy and lagged-copy lattices continue their input exactly") {
  for (const int lag : {1, 3, 8}) {
    for (const int dims : {1, 2, 3}) {
      CAPTURE(lag);
      CAPTURE(dims);
      const auto input = random_signs(lag, dims, 7);
      WaveLattice copy({{"dims", dims}, {"lag", lag}}, "repeat_copy");
      std::vector<Eigen::VectorXd> seen;
      for (const auto& column : input) {
        copy.step(&column);
        seen.push_back(copy.newest());
      }
      for (int t = lag; t < 4 * lag; ++t) {
        copy.step();
        CHECK(copy.newest() == seen[static_cast<std::size_t>(t - lag)]);
        seen.push_back(copy.newest());
      }
      if (dims > lag) continue;
      WaveLattice lagged({{"dims", dims}, {"lag", lag}}, "lagged_copy");
      std::vector<Eigen::VectorXd> history;
      for (const auto& column : input) {
        lagged.step(&column);
        history.push_back(lagged.newest());
      }
      for (int t = lag; t < 4 * lag; ++t) {
        lagged.step();
        for (int j = 0; j < dims; ++j) {
          CHECK(lagged.newest()[j] == history[static_cast<std::size_t>(t - (lag - j))][j]);
        }
        history.push_back(lagged.newest());
      }
    }
  }
}

TEST_CASE("the lattice step is the block companion matrix A, step for step") {
  for (const std::string rule : {"repeat_copy", "lagged_copy", "fibonacci"}) {
    CAPTURE(rule);
    WaveLattice lattice({{"dims", 3}, {"lag", 5}}, rule);
    for (const auto& column : random_signs(5, 3, 2)) lattice.step(&column);
    for (int t = 0; t < 20; ++t) {
      const Eigen::VectorXd before =
          Eigen::Map<const Eigen::VectorXd>(lattice.lattice().data(), 15);
      lattice.step();
      const Eigen::VectorXd after = Eigen::Map<const Eigen::VectorXd>(lattice.lattice().data(), 15);
      CHECK((after - lattice.step_matrix() * before).norm() < 1e-12);
    }
  }
}

TEST_CASE("repeat-copy's spectrum is the s-th roots of unity, each d times") {
  for (const int lag : {2, 5, 8}) {
    for (const int dims : {1, 4}) {
      CAPTURE(lag);
      CAPTURE(dims);
      WaveLattice lattice({{"dims", dims}, {"lag", lag}}, "repeat_copy");
      const auto values = attractor::eigenvalues_of(lattice.step_matrix());
      std::map<long, int> multiplicity;
      for (const auto& value : values) {
        CHECK(std::abs(std::abs(value) - 1) < 1e-9);
        const double turns = std::arg(value) / (2 * M_PI) * lag;
        CHECK(std::fabs(turns - std::round(turns)) < 1e-9);  // an s-th root of unity
        multiplicity[(std::lround(turns) % lag + lag) % lag] += 1;
      }
      CHECK(static_cast<int>(multiplicity.size()) == lag);
      for (const auto& [root, count] : multiplicity) CHECK(count == dims);
      const auto error = attractor::roots_of_unity_error(lattice.step_matrix(), lag, dims * lag);
      CHECK(error.max_degrees < 1e-7);
    }
  }
}

TEST_CASE("the normalized Fibonacci lattice has growth rate 1 and stays bounded") {
  WaveLattice lattice({{"dims", 2}, {"lag", 4}}, "fibonacci");
  // Tetranacci constant: the real root of x^4 = x^3 + x^2 + x + 1.
  CHECK(lattice.growth() == doctest::Approx(1.9275619754829253).epsilon(1e-12));
  double largest = 0.0;
  for (const auto& value : attractor::eigenvalues_of(lattice.step_matrix())) {
    largest = std::max(largest, std::abs(value));
  }
  CHECK(largest == doctest::Approx(1.0).epsilon(1e-9));
  for (const auto& column : random_signs(4, 2, 3)) lattice.step(&column);
  for (int t = 0; t < 2000; ++t) lattice.step();
  CHECK(lattice.lattice().cwiseAbs().maxCoeff() < 10);
  CHECK(lattice.lattice().cwiseAbs().maxCoeff() > 1e-3);
}

TEST_CASE("roots-of-unity error: zero for the exact shift, large for a random W") {
  WaveLattice lattice({{"dims", 2}, {"lag", 8}}, "repeat_copy");
  CHECK(attractor::roots_of_unity_error(lattice.step_matrix(), 8, 16).max_degrees < 1e-7);
  attractor::Rng rng(4);
  Eigen::MatrixXd random(16, 16);
  for (Eigen::Index k = 0; k < random.size(); ++k) random.data()[k] = rng.normal() / 4;
  // Random angles are on average a quarter of the 45-degree spacing away: 11.25 degrees.
  CHECK(attractor::roots_of_unity_error(random, 8, 16).mean_degrees > 5);
}

TEST_CASE("spectrum angle error: zero against the lattice's own spectrum, the roots of unity") {
  WaveLattice lagged({{"dims", 3}, {"lag", 6}}, "lagged_copy");  // lags 6, 5, 4: 15 nonzero
  const auto theory = attractor::eigenvalues_of(lagged.step_matrix());
  CHECK(attractor::spectrum_angle_error(lagged.step_matrix(), theory, 15).max_degrees < 1e-6);
  // Against repeat-copy's roots the 5th and 4th roots of unity are off (72 vs 60 degrees).
  WaveLattice repeat({{"dims", 3}, {"lag", 6}}, "repeat_copy");
  const auto roots = attractor::eigenvalues_of(repeat.step_matrix());
  CHECK(attractor::spectrum_angle_error(lagged.step_matrix(), roots, 15).max_degrees > 10);
  CHECK(attractor::spectrum_angle_error(repeat.step_matrix(), roots, 18).max_degrees ==
        doctest::Approx(attractor::roots_of_unity_error(repeat.step_matrix(), 6, 18).max_degrees)
            .epsilon(1e-6));
  CHECK_THROWS_WITH_AS(attractor::spectrum_angle_error(repeat.step_matrix(), {0.0}, 1),
                       doctest::Contains("no nonzero eigenvalue"), attractor::InvalidArgument);
}

TEST_CASE("in the input-grounded basis the lattice's W is the block shift") {
  const int dims = 2;
  const int lag = 4;
  WaveLattice lattice({{"dims", dims}, {"lag", lag}}, "repeat_copy");
  Eigen::MatrixXd u = Eigen::MatrixXd::Zero(dims * lag, dims);
  u.topRows(dims).setIdentity();  // inputs write the start column
  const auto basis = attractor::input_grounded_basis(lattice.step_matrix(), u, lag);
  // Phi is a permutation (the shift with the wrap-around of repeat-copy): 0/1 entries, one 1 per
  // column, and Phi^s = I.
  const Eigen::MatrixXd& phi = basis.phi;
  for (Eigen::Index c = 0; c < phi.cols(); ++c) {
    CHECK(phi.col(c).cwiseAbs().sum() == doctest::Approx(1.0));
    CHECK(phi.col(c).maxCoeff() == doctest::Approx(1.0));
  }
  Eigen::MatrixXd power = Eigen::MatrixXd::Identity(dims * lag, dims * lag);
  for (int k = 0; k < lag; ++k) power = phi * power;
  CHECK((power - Eigen::MatrixXd::Identity(dims * lag, dims * lag)).norm() < 1e-9);
}

TEST_CASE("wave lattice input is validated") {
  CHECK_THROWS_WITH_AS(WaveLattice({}, "copy"), doctest::Contains("rule 'copy' is not known"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(WaveLattice({{"dims", 5}, {"lag", 3}}, "lagged_copy"),
                       doctest::Contains("dims = 5 must be at most lag = 3"), InvalidArgument);
  CHECK_THROWS_WITH_AS(WaveLattice({{"lag", 0}}, "repeat_copy"),
                       doctest::Contains("lag = 0 is not allowed"), InvalidArgument);
  WaveLattice lattice({{"dims", 2}, {"lag", 3}}, "repeat_copy");
  const std::vector<double> wrong = {1.0};
  CHECK_THROWS_WITH_AS(lattice.step(&wrong), doctest::Contains("the input has 1 values"),
                       InvalidArgument);
  const std::vector<double> bad = {1.0, NAN};
  CHECK_THROWS_WITH_AS(lattice.step(&bad), doctest::Contains("input 1 is not a finite number"),
                       InvalidArgument);
  CHECK(lattice.lattice().isZero());
}

TEST_CASE("boundary fraction: 1 for the lattice itself, small for a random W") {
  for (const std::string rule : {"repeat_copy", "lagged_copy"}) {
    CAPTURE(rule);
    const int dims = 3;
    const int lag = 5;
    WaveLattice lattice({{"dims", dims}, {"lag", lag}}, rule);
    Eigen::MatrixXd u = Eigen::MatrixXd::Zero(dims * lag, dims);
    u.topRows(dims).setIdentity();
    const auto basis = attractor::input_grounded_basis(lattice.step_matrix(), u, lag);
    CHECK(attractor::boundary_fraction(basis.phi, lattice.step_matrix(), dims, lag) ==
          doctest::Approx(1.0).epsilon(1e-12));
    attractor::Rng rng(9);
    Eigen::MatrixXd w(dims * lag, dims * lag);
    for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = rng.normal() / std::sqrt(15.0);
    const auto random = attractor::input_grounded_basis(w, u, lag);
    CHECK(attractor::boundary_fraction(random.phi, lattice.step_matrix(), dims, lag) < 0.5);
  }
}

TEST_CASE("the waves pinv(Psi) h_t of the lattice move one block per step") {
  const int dims = 2;
  const int lag = 4;
  WaveLattice lattice({{"dims", dims}, {"lag", lag}}, "repeat_copy");
  Eigen::MatrixXd u = Eigen::MatrixXd::Zero(dims * lag, dims);
  u.topRows(dims).setIdentity();
  const auto basis = attractor::input_grounded_basis(lattice.step_matrix(), u, lag);
  // The lattice's states over time (inputs for lag steps, then the boundary), in the basis.
  attractor::Rng rng(2);
  const int steps = 16;
  Eigen::MatrixXd coordinates(dims * lag, steps);
  for (int t = 0; t < steps; ++t) {
    std::vector<double> column = {rng.normal(), rng.normal()};
    lattice.step(t < lag ? &column : nullptr);
    const Eigen::Map<const Eigen::VectorXd> state(lattice.lattice().data(), dims * lag);
    coordinates.col(t) = basis.pinv * state;
  }
  // Block b holds W^(s-1-b) U's coefficient: the lattice column s - 1 - b.
  for (int b = 0; b < lag; ++b) {
    CHECK((coordinates.block(b * dims, steps - 1, dims, 1) - lattice.lattice().col(lag - 1 - b))
              .norm() < 1e-12);
  }
  const auto shift = attractor::wave_shift(coordinates, dims, lag);
  CHECK(shift.shifted == doctest::Approx(1.0).epsilon(1e-12));
  CHECK(std::fabs(shift.standing) < 0.5);
  CHECK_THROWS_WITH_AS(attractor::wave_shift(coordinates.topRows(3), dims, lag),
                       doctest::Contains("d s rows"), InvalidArgument);
}

TEST_CASE("Elman hidden states follow h_t = tanh(W h_{t-1} + U x_t + b)") {
  Eigen::MatrixXd w(2, 2);
  w << 0.5, -0.2, 0.1, 0.3;
  Eigen::MatrixXd u(2, 1);
  u << 1.0, -1.0;
  Eigen::VectorXd b(2);
  b << 0.1, 0.0;
  Eigen::MatrixXd x(1, 2);
  x << 0.7, -0.4;
  const Eigen::MatrixXd h = attractor::elman_hidden_states(w, u, b, x);
  const double h10 = std::tanh(0.7 + 0.1), h11 = std::tanh(-0.7);
  CHECK(h(0, 0) == doctest::Approx(h10).epsilon(1e-14));
  CHECK(h(1, 0) == doctest::Approx(h11).epsilon(1e-14));
  CHECK(h(0, 1) == doctest::Approx(std::tanh(0.5 * h10 - 0.2 * h11 - 0.4 + 0.1)).epsilon(1e-14));
  CHECK(h(1, 1) == doctest::Approx(std::tanh(0.1 * h10 + 0.3 * h11 + 0.4)).epsilon(1e-14));
}

namespace {

using Complex = std::complex<double>;

}  // namespace

TEST_CASE("the lattice's spectrum, from the rule, is its step matrix's, with multiplicities") {
  for (const std::string rule : {"repeat_copy", "lagged_copy", "fibonacci"}) {
    CAPTURE(rule);
    WaveLattice lattice({{"dims", 3}, {"lag", 6}}, rule);
    const auto theory = lattice.spectrum();
    CHECK(theory.size() == 18);
    // Against the eigensolver's values of A: paired one to one, every distance near 0 (lagged
    // copy's nilpotent blocks, of size up to 2 here, are found to about sqrt(eps)).
    const auto error = attractor::matched_spectrum_error(lattice.step_matrix(), theory);
    CHECK(error.max < 1e-6);
    CHECK(error.unmatched_max_modulus == 0.0);
  }
  // Lagged copy, d = 2, s = 4: dimension 0 repeats with lag 4, dimension 1 with lag 3.
  WaveLattice lagged({{"dims", 2}, {"lag", 4}}, "lagged_copy");
  const auto values = lagged.spectrum();
  int zeros = 0;
  for (const auto& value : values) zeros += std::abs(value) == 0.0;
  CHECK(zeros == 1);
  CHECK(std::abs(values[5] - std::polar(1.0, 2 * M_PI / 3)) < 1e-15);  // dimension 1: cube roots
  // The task needs the 4th and the cube roots of unity, not the zero of dimension 1's tail.
  const auto task = lagged.task_spectrum();
  CHECK(task.size() == 7);
  CHECK(std::none_of(task.begin(), task.end(), [](const Complex& v) { return std::abs(v) < 0.5; }));
  WaveLattice repeat({{"dims", 2}, {"lag", 4}}, "repeat_copy");
  CHECK(repeat.task_spectrum() == repeat.spectrum());
}

TEST_CASE("matched spectrum error: hand-made cases") {
  SUBCASE("a real eigenvalue at +1 for every 4th root: the angle error says 0, this does not") {
    const Eigen::MatrixXd identity = Eigen::MatrixXd::Identity(4, 4);
    WaveLattice lattice({{"dims", 1}, {"lag", 4}}, "repeat_copy");  // 1, i, -1, -i
    CHECK(attractor::roots_of_unity_error(identity, 4, 4).max_degrees == 0.0);
    const auto error = attractor::matched_spectrum_error(identity, lattice.spectrum());
    // |1 - 1| + |i - 1| + |-1 - 1| + |-i - 1| = 0 + sqrt 2 + 2 + sqrt 2.
    CHECK(error.mean == doctest::Approx((2 + 2 * std::sqrt(2.0)) / 4).epsilon(1e-14));
    CHECK(error.max == doctest::Approx(2.0).epsilon(1e-14));
    // The authors' angle error sees the angles 0, pi/2, pi, pi/2.
    const auto angles =
        attractor::thresholded_angle_error(attractor::eigenvalues_of(identity), lattice.spectrum());
    CHECK(angles.mean_radians == doctest::Approx(M_PI / 2).epsilon(1e-14));
  }
  SUBCASE("modulus counts: half the lattice has the right angles at half the length") {
    WaveLattice lattice({{"dims", 2}, {"lag", 3}}, "repeat_copy");
    const Eigen::MatrixXd half = 0.5 * lattice.step_matrix();
    CHECK(attractor::roots_of_unity_error(half, 3, 6).max_degrees < 1e-6);
    const auto error = attractor::matched_spectrum_error(half, lattice.spectrum());
    CHECK(error.mean == doctest::Approx(0.5).epsilon(1e-9));
    CHECK(error.max == doctest::Approx(0.5).epsilon(1e-9));
    // Above the threshold 0.9: none of W's, six of the theory's; the authors' error is undefined.
    const auto angles =
        attractor::thresholded_angle_error(attractor::eigenvalues_of(half), lattice.spectrum());
    CHECK(std::isnan(angles.mean_radians));
    CHECK(angles.count == 0);
    CHECK(angles.theory_count == 6);
  }
  SUBCASE("multiplicity counts: -1 three times cannot stand in for the second +1") {
    const std::vector<Complex> theory = {1.0, 1.0, -1.0, -1.0};  // s = 2, d = 2
    const std::vector<Complex> values = {1.0, -1.0, -1.0, -1.0};
    Eigen::MatrixXd w = Eigen::MatrixXd::Identity(4, 4);
    w.diagonal() << 1, -1, -1, -1;
    CHECK(attractor::roots_of_unity_error(w, 2, 4).max_degrees == 0.0);
    const auto error = attractor::matched_spectrum_error(values, theory);
    CHECK(error.mean == doctest::Approx(0.5));  // (0 + 2 + 0 + 0) / 4
    CHECK(error.max == doctest::Approx(2.0));
  }
  SUBCASE("extra eigenvalues of W are left out; the largest of them is reported") {
    const std::vector<Complex> theory = {1.0, -1.0};
    const std::vector<Complex> values = {0.9, -1.1, 0.2, 0.95};
    const auto error = attractor::matched_spectrum_error(values, theory);
    CHECK(error.pairing == std::vector<int>{3, 1});
    CHECK(error.mean == doctest::Approx(0.075).epsilon(1e-14));  // (0.05 + 0.1) / 2
    CHECK(error.max == doctest::Approx(0.1).epsilon(1e-14));
    CHECK(error.unmatched_max_modulus == 0.9);
  }
  SUBCASE("optimal, not greedy: theory {1, 0} against {0.6, 2}") {
    // Greedy from 1: 1 -> 0.6 (0.4), 0 -> 2 (2): mean 1.2. Optimal: 1 -> 2, 0 -> 0.6: mean 0.8.
    const auto error = attractor::matched_spectrum_error(std::vector<Complex>{0.6, 2.0},
                                                         std::vector<Complex>{1.0, 0.0});
    CHECK(error.mean == doctest::Approx(0.8).epsilon(1e-14));
    CHECK(error.pairing == std::vector<int>{1, 0});
  }
  SUBCASE("the authors' angle error pairs by angle above the threshold only") {
    // Above 0.9: 1 and 0.95 i against 1 and -1: angles 0 and pi/2.
    const auto angles =
        attractor::thresholded_angle_error({1.0, Complex(0, 0.95), 0.5}, {1.0, -1.0});
    CHECK(angles.count == 2);
    CHECK(angles.theory_count == 2);
    CHECK(angles.mean_radians == doctest::Approx(M_PI / 4).epsilon(1e-14));
  }
}

TEST_CASE("matched spectrum error: permutation invariant, zero for the exact spectrum") {
  attractor::Rng rng(5);
  Eigen::MatrixXd w(20, 20);
  for (Eigen::Index i = 0; i < w.size(); ++i) w.data()[i] = rng.normal() / std::sqrt(20.0);
  WaveLattice lattice({{"dims", 2}, {"lag", 8}}, "repeat_copy");
  auto values = attractor::eigenvalues_of(w);
  auto theory = lattice.spectrum();
  const auto error = attractor::matched_spectrum_error(values, theory);
  CHECK(error.mean > 0.05);
  // Reversed and rotated lists: the same pairs, so the same error.
  std::reverse(values.begin(), values.end());
  std::rotate(theory.begin(), theory.begin() + 5, theory.end());
  const auto shuffled = attractor::matched_spectrum_error(values, theory);
  CHECK(shuffled.mean == doctest::Approx(error.mean).epsilon(1e-12));
  CHECK(shuffled.max == doctest::Approx(error.max).epsilon(1e-12));
  CHECK(shuffled.unmatched_max_modulus == error.unmatched_max_modulus);
  // The theory against itself, and inside a larger list of values.
  CHECK(attractor::matched_spectrum_error(theory, theory).max == 0.0);
  auto padded = theory;
  padded.insert(padded.begin(), {0.3, Complex(0, -0.2)});
  const auto inside = attractor::matched_spectrum_error(padded, theory);
  CHECK(inside.max == 0.0);
  CHECK(inside.unmatched_max_modulus == doctest::Approx(0.3));
  CHECK_THROWS_WITH_AS(attractor::matched_spectrum_error(std::vector<Complex>{1.0}, theory),
                       doctest::Contains("the theory has 16 eigenvalues but W only 1"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::matched_spectrum_error(Eigen::MatrixXd::Zero(2, 3), theory),
                       doctest::Contains("W is 2 x 3"), InvalidArgument);
}

TEST_CASE("the lattice's own Phi: repeat-copy's is the cyclic block shift") {
  const int dims = 2;
  const int lag = 4;
  WaveLattice lattice({{"dims", dims}, {"lag", lag}}, "repeat_copy");
  const Eigen::MatrixXd phi = attractor::lattice_phi(lattice);
  Eigen::MatrixXd expected = Eigen::MatrixXd::Zero(dims * lag, dims * lag);
  for (int b = 1; b < lag; ++b) expected.block((b - 1) * dims, b * dims, dims, dims).setIdentity();
  expected.block((lag - 1) * dims, 0, dims, dims).setIdentity();  // F_s = I closes the cycle
  CHECK((phi - expected).norm() < 1e-12);
}
