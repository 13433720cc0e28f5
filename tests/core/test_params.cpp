#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attractor/params.hpp"

using attractor::InvalidArgument;
using attractor::ParamSpec;

namespace {

const std::vector<ParamSpec> kSpecs = {
    {"n", 2, 1024, 64, true, "neurons", ""},
    {"dt", 1e-5, 0.1, 0.001, false, "s", ""},
};

std::string message_of(const attractor::ParamValues& given) {
  try {
    attractor::resolve_params(kSpecs, given, "model");
  } catch (const InvalidArgument& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("defaults fill in what is not given") {
  const auto resolved = attractor::resolve_params(kSpecs, {{"n", 10}}, "model");
  CHECK(resolved.at("n") == 10);
  CHECK(resolved.at("dt") == 0.001);
}

TEST_CASE("errors name the parameter, the value and what is allowed") {
  CHECK(message_of({{"n", 1}}) ==
        "model: n = 1 is not allowed; n must be an integer from 2 to 1024 neurons");
  CHECK(message_of({{"n", 1025}}).find("n = 1025") != std::string::npos);
  CHECK(message_of({{"n", 2.5}}) ==
        "model: n = 2.5 is not allowed; n must be an integer from 2 to 1024 neurons");
  CHECK(message_of({{"dt", 0}}) ==
        "model: dt = 0 is not allowed; dt must be a number from 1e-05 to 0.1 s");
  CHECK(message_of({{"dt", std::nan("")}}).find("dt = nan") != std::string::npos);
  CHECK(message_of({{"dt", -INFINITY}}).find("dt = -inf") != std::string::npos);
  CHECK(message_of({{"N", 5}}) == "model: unknown parameter 'N'; known parameters: n, dt");
  CHECK(message_of({{"n", 2}, {"dt", 0.1}}).empty());
}

TEST_CASE("format_number keeps integers whole and other values short") {
  CHECK(attractor::format_number(64) == "64");
  CHECK(attractor::format_number(-3) == "-3");
  CHECK(attractor::format_number(0.001) == "0.001");
  CHECK(attractor::format_number(1.0 / 3) == "0.3333333333");
  CHECK(attractor::format_number(9007199254740991.0) == "9.007199255e+15");
}
