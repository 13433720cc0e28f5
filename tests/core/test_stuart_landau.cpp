#include <doctest/doctest.h>

#include <cmath>

#include "attractor/stuart_landau.hpp"
#include "jacobian_check.hpp"

using attractor::StuartLandau;

TEST_CASE("Stuart-Landau Floquet multipliers: 1 and exp(-2 mu T), T = 2 pi / omega") {
  for (const double mu : {0.1, 1.0, 3.0}) {
    for (const double omega : {1.0, 6.283185307179586, 20.0}) {
      CAPTURE(mu);
      CAPTURE(omega);
      const auto f = attractor::stuart_landau_floquet({mu, -omega, omega, mu});
      const double period = 2 * M_PI / omega;
      CHECK(f.period == doctest::Approx(period).epsilon(1e-10));
      // Along the cycle the multiplier is 1 to RK4 accuracy; across, exp(-2 mu T) down to the
      // rounding of the monodromy matrix's entries (~1e-16 of 1).
      CHECK(std::fabs(f.multiplier[0] - 1) < 1e-7);
      const double across = std::exp(-2 * mu * period);
      CHECK(std::fabs(f.multiplier[1] - across) < 1e-7 * across + 1e-15);
      CHECK(f.amplitude == doctest::Approx(std::sqrt(mu)).epsilon(1e-9));
    }
  }
}

TEST_CASE("the Euler simulation sits on the Euler map's own circle and turns by asin(dt omega)") {
  // z <- z (1 + dt (mu - r^2 + i omega)) keeps |z| where |1 + dt (mu - r^2 + i omega)| = 1:
  // r^2 = mu + (1 - sqrt(1 - dt^2 omega^2)) / dt, turning by asin(dt omega) per step.
  for (const double dt : {1e-3, 1e-2}) {
    const double mu = 1, omega = 6.283185307179586;
    StuartLandau model({{"mu", mu}, {"omega", omega}, {"dt", dt}});
    model.run(static_cast<int>(40 / dt));
    model.run(static_cast<int>(5 / dt));
    const double r2 = mu + (1 - std::sqrt(1 - dt * dt * omega * omega)) / dt;
    CHECK(model.measures()[6].second == doctest::Approx(std::sqrt(r2)).epsilon(1e-9));
    CHECK(model.measures()[7].second * dt == doctest::Approx(std::asin(dt * omega)).epsilon(1e-9));
  }
}

TEST_CASE("perturbed, the cycle persists: amplitude and period shift, one multiplier stays 1") {
  StuartLandau tuned;
  for (const std::uint64_t seed : {1u, 2u, 3u, 4u}) {
    CAPTURE(seed);
    StuartLandau model;
    model.perturb(0.2, seed);
    const auto& f = model.floquet();
    CHECK(f.multiplier[0] == doctest::Approx(1).epsilon(1e-7));
    CHECK(f.multiplier[1] < 1);
    CHECK(std::fabs(f.period - tuned.floquet().period) > 1e-6);
    CHECK(std::fabs(f.period - tuned.floquet().period) < 0.1 * tuned.floquet().period);
    // Liouville: the product of the multipliers is exp(integral of the divergence), and the
    // simulation's mean radius is near the flow's.
    model.run(30000);
    model.run(5000);
    CHECK(std::fabs(model.measures()[6].second - f.amplitude) < 0.02);
  }
  StuartLandau model;
  model.perturb(0.2, 1);
  model.perturb(0, 1);
  CHECK(model.floquet().period == tuned.floquet().period);
}

TEST_CASE("Stuart-Landau as a StepMap; errors name the parameter") {
  StuartLandau model({{"mu", 0.5}});
  model.perturb(0.1, 2);
  model.run(100);
  const auto agreement = attractor::testing::step_against_simulation(model, [&] { model.run(1); });
  CHECK(agreement.same_state);
  CHECK(agreement.jacobian_error < 1e-8);
  CHECK(model.time_step() == 0.001);
  CHECK_THROWS_WITH_AS(StuartLandau({{"omega", 50}, {"dt", 0.01}}),
                       "stuart-landau oscillator: dt = 0.01 s is too large for mu = 1 and omega = "
                       "50; dt must be at most 0.1 / max(mu, omega) = 0.002 s",
                       attractor::InvalidArgument);
  CHECK_THROWS_WITH_AS(StuartLandau({{"mu", 0}}), doctest::Contains("mu = 0 is not allowed"),
                       attractor::InvalidArgument);
}
