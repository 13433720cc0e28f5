#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "attractor/optimizer.hpp"

using attractor::InvalidArgument;
using attractor::Optimizer;

TEST_CASE("Adam's first two steps on one parameter, computed by hand") {
  Optimizer adam({{"learning_rate", 1e-3}, {"clip_norm", 0}}, "adam", 1);
  std::vector<double> p = {0.5};
  // Step 1, g = 1: m = 0.1, v = 0.001; m_hat = 1, v_hat = 1; p -= 1e-3 * 1 / (1 + 1e-8).
  adam.step(p, {1.0});
  CHECK(p[0] == doctest::Approx(0.5 - 1e-3 / (1 + 1e-8)).epsilon(1e-15));
  // Step 2, g = -2: m = 0.09 - 0.2 = -0.11, v = 0.000999 + 0.004 = 0.004999;
  // m_hat = -0.11 / 0.19, v_hat = 0.004999 / 0.001999.
  const double m_hat = -0.11 / 0.19;
  const double v_hat = 0.004999 / 0.001999;
  const double expected = 0.5 - 1e-3 / (1 + 1e-8) - 1e-3 * m_hat / (std::sqrt(v_hat) + 1e-8);
  adam.step(p, {-2.0});
  CHECK(p[0] == doctest::Approx(expected).epsilon(1e-12));
  CHECK(adam.steps_taken() == 2);
}

TEST_CASE("SGD with momentum, by hand") {
  Optimizer sgd({{"learning_rate", 0.1}, {"momentum", 0.5}}, "sgd", 2);
  std::vector<double> p = {1.0, -1.0};
  sgd.step(p, {1.0, 2.0});  // velocity (1, 2)
  CHECK(p[0] == doctest::Approx(0.9));
  CHECK(p[1] == doctest::Approx(-1.2));
  sgd.step(p, {1.0, 0.0});  // velocity (1.5, 1)
  CHECK(p[0] == doctest::Approx(0.75));
  CHECK(p[1] == doctest::Approx(-1.3));
}

TEST_CASE("clipping scales long gradients to the limit and leaves short ones") {
  Optimizer adam({{"clip_norm", 1.0}}, "adam", 2);
  std::vector<double> g = {3.0, 4.0};
  CHECK(adam.clip(g) == 5.0);
  CHECK(g[0] == doctest::Approx(0.6));
  CHECK(g[1] == doctest::Approx(0.8));
  std::vector<double> short_g = {0.3, 0.4};
  CHECK(adam.clip(short_g) == doctest::Approx(0.5));
  CHECK(short_g[0] == 0.3);
  Optimizer no_clip({{"clip_norm", 0}}, "adam", 2);
  std::vector<double> long_g = {30.0, 40.0};
  no_clip.clip(long_g);
  CHECK(long_g[0] == 30.0);
}

TEST_CASE("step decay lowers the learning rate every decay_every steps") {
  Optimizer sgd({{"learning_rate", 1.0}, {"decay_every", 2}, {"decay_factor", 0.5}}, "sgd", 1);
  std::vector<double> p = {0.0};
  CHECK(sgd.learning_rate() == 1.0);
  sgd.step(p, {1.0});
  sgd.step(p, {1.0});
  CHECK(sgd.learning_rate() == 0.5);
  sgd.step(p, {1.0});
  sgd.step(p, {1.0});
  CHECK(sgd.learning_rate() == 0.25);
  CHECK(p[0] == doctest::Approx(-3.0));
}

TEST_CASE("a restored optimizer continues exactly like the original") {
  Optimizer a({}, "adam", 3);
  std::vector<double> pa = {1, 2, 3};
  for (int k = 0; k < 5; ++k) a.step(pa, {0.1 * k, -0.2, 0.3});
  Optimizer b({}, "adam", 3);
  b.restore(a.first_moment(), a.second_moment(), a.steps_taken());
  std::vector<double> pb = pa;
  a.step(pa, {1, 1, 1});
  b.step(pb, {1, 1, 1});
  CHECK(pa == pb);
}

TEST_CASE("optimizer settings are validated") {
  CHECK_THROWS_WITH_AS(Optimizer({}, "rmsprop", 1),
                       "optimizer: 'rmsprop' is not known; choose one of adam, sgd",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Optimizer({{"learning_rate", 0}}, "adam", 1),
                       doctest::Contains("learning_rate = 0 is not allowed"), InvalidArgument);
  Optimizer adam({}, "adam", 2);
  CHECK_THROWS_AS(adam.restore({0}, {0, 0}, 1), InvalidArgument);
}
