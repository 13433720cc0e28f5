#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attractor/phase.hpp"
#include "attractor/qpta.hpp"
#include "attractor/tanh_map.hpp"
#include "attractor/torus_network.hpp"
#include "jacobian_check.hpp"

using attractor::InvalidArgument;
using attractor::TorusNetwork;

TEST_CASE(
    "unperturbed, every block is its own 2-D tanh map, bit for bit, from an admissible QPTA draw") {
  for (const int n : {2, 6, 64}) {
    CAPTURE(n);
    TorusNetwork net({{"n", n}, {"seed", 4}, {"observed_block", 0}});
    net.run(300);
    int circles = net.blocks();
    for (int i = 0; i < net.blocks(); ++i) {
      const auto& b = net.block_params()[i];
      CHECK(attractor::qpta_admissible(b.alpha, b.theta));
      TorusNetwork fresh({{"n", n}, {"seed", 4}, {"observed_block", 0}});
      attractor::TanhMap block({{"alpha", b.alpha},
                                {"theta", b.theta},
                                {"x0", fresh.state()[2 * i]},
                                {"y0", fresh.state()[2 * i + 1]}});
      block.run(300);
      CHECK(block.state()[0] == net.state()[2 * i]);
      CHECK(block.state()[1] == net.state()[2 * i + 1]);
      CHECK(block.classify().period != 1);
      // Admissible blocks avoid the 1:1, 1:2 and 1:4 tongues; a minority sit in narrower tongues of
      // higher order (period 3, 5, 6, 8, ...), where the circle carries a periodic orbit.
      const auto c = block.classify();
      if (c.kind != attractor::AttractorKind::kInvariantCircle) {
        CHECK(c.kind == attractor::AttractorKind::kPeriodic);
        CHECK(c.period != 2);
        CHECK(c.period != 4);
        circles -= 1;
      }
    }
    CHECK(circles >= 0.6 * net.blocks());
  }
}

TEST_CASE("under weight noise the torus persists: radii stay, rotation numbers shift a little") {
  for (const int n : {16, 128}) {
    for (const double epsilon : {0.02, 0.1}) {
      CAPTURE(n);
      CAPTURE(epsilon);
      TorusNetwork tuned({{"n", n}, {"seed", 2}});
      tuned.run(1000);
      tuned.run(4000);
      TorusNetwork perturbed({{"n", n}, {"seed", 2}});
      perturbed.perturb(epsilon, 9);
      CHECK(perturbed.dense());
      perturbed.run(1000);
      perturbed.run(4000);
      double largest_shift = 0, total_shift = 0;
      for (int i = 0; i < tuned.blocks(); ++i) {
        const double shift =
            std::fabs(perturbed.rotation_numbers()[i] - tuned.rotation_numbers()[i]);
        largest_shift = std::fmax(largest_shift, shift);
        total_shift += shift;
        CHECK(std::fabs(perturbed.amplitudes()[i] - tuned.amplitudes()[i]) < 2 * epsilon);
        CHECK(perturbed.amplitudes()[i] > 0.5 * tuned.amplitudes()[i]);  // no circle collapses
      }
      CHECK(total_shift > 0);          // frequencies move...
      CHECK(largest_shift < epsilon);  // ...by O(epsilon)
    }
  }
}

TEST_CASE("the perturbed, dense step is tanh(W h) with the full matrix; Jacobian exact") {
  TorusNetwork net({{"n", 10}, {"seed", 3}});
  net.run(20);
  CHECK(attractor::testing::jacobian_error(net, net.state()) < 1e-8);
  net.perturb(0.3, 5);
  net.run(20);
  Eigen::VectorXd next;
  net.step(net.state(), next);
  const Eigen::VectorXd expected = (net.weights() * net.state()).array().tanh().matrix();
  CHECK((next - expected).cwiseAbs().maxCoeff() < 1e-14);
  CHECK(attractor::testing::jacobian_error(net, net.state()) < 1e-8);
  net.perturb(0, 5);
  CHECK(!net.dense());
  CHECK((net.weights() - TorusNetwork({{"n", 10}, {"seed", 3}}).weights()).norm() == 0);
}

TEST_CASE("Poincare section: one point per turn of the section block, on the observed circle") {
  TorusNetwork net({{"n", 4}, {"seed", 8}, {"section_block", 0}, {"observed_block", 1}});
  net.run(500);
  net.reset();
  net.run(20000);
  const double turns = 20000 * net.rotation_numbers()[0];
  const double points = net.measures()[8].second;
  CHECK(std::fabs(points - turns) <= 2);
  // The observed block's phases at the crossings spread around its circle (quasi-periodic).
  double lowest = INFINITY, highest = -INFINITY;
  for (std::size_t k = 0; k < net.section().size(); k += 2) {
    const double a = attractor::phase::angle(net.section()[k + 1], net.section()[k]);
    lowest = std::fmin(lowest, a);
    highest = std::fmax(highest, a);
  }
  CHECK(highest - lowest > 5.0);
  CHECK(net.trace().size() == 40000);
}

TEST_CASE(
    "torus network: seeds reproduce, errors name the parameter, rejected calls change nothing") {
  TorusNetwork a({{"n", 12}, {"seed", 5}}), b({{"n", 12}, {"seed", 5}});
  a.perturb(0.05, 1);
  b.perturb(0.05, 1);
  a.run(100);
  b.run(100);
  CHECK(a.state() == b.state());
  CHECK_THROWS_WITH_AS(TorusNetwork({{"n", 7}}),
                       "torus network: n = 7 is not allowed; n must be even (one 2-D block per "
                       "pair of neurons)",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(TorusNetwork({{"n", 514}}), doctest::Contains("n = 514"), InvalidArgument);
  CHECK_THROWS_WITH_AS(TorusNetwork({{"n", 2}}),
                       doctest::Contains("observed_block = 1 is not below"), InvalidArgument);
  const Eigen::VectorXd before = a.state();
  CHECK_THROWS_WITH_AS(a.perturb(-1, 1), doctest::Contains("epsilon = -1"), InvalidArgument);
  CHECK_THROWS_WITH_AS(a.run(-1), doctest::Contains("steps = -1"), InvalidArgument);
  CHECK(a.state() == before);
  CHECK(a.epsilon() == 0.05);
}
