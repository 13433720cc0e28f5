// Inputs found by fuzzing and by the wasm property test (RELIABILITY.md): each valid on its own,
// refused up front with a message instead of exhausting memory.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "attractor/json.hpp"
#include "attractor/line_attractor.hpp"
#include "attractor/params.hpp"
#include "attractor/pca.hpp"
#include "attractor/rate_network.hpp"
#include "attractor/readout_learning.hpp"
#include "attractor/tanh_map.hpp"
#include "attractor/trainer.hpp"

using attractor::InvalidArgument;

TEST_CASE("reliability: the array cap refuses a product above 2^24 numbers, naming its factors") {
  CHECK_NOTHROW(attractor::check_array_size(attractor::kMaxArrayValues, "a x b = 4096 x 4096",
                                            "lower a", "test"));
  CHECK_THROWS_WITH_AS(
      attractor::check_array_size(attractor::kMaxArrayValues + 1, "a x b = 1 x 16777217", "lower a",
                                  "test"),
      "test: a x b = 1 x 16777217 = 16777217 numbers is too large; it must be at most 16777216 "
      "(128 MiB); lower a",
      InvalidArgument);
}

TEST_CASE("reliability: a native run may raise the cap for a larger machine, within bounds") {
  const double raised = 4 * attractor::kMaxArrayValues;
  attractor::set_max_array_values(raised);
  CHECK(attractor::max_array_values() == raised);
  CHECK_NOTHROW(attractor::check_array_size(raised, "a x b = 8192 x 8192", "lower a", "test"));
  CHECK_THROWS_WITH_AS(attractor::check_array_size(raised + 1, "a", "lower a", "test"),
                       "test: a = 67108865 numbers is too large; it must be at most 67108864 "
                       "(512 MiB); lower a",
                       InvalidArgument);
  // Below the browser's cap or above 16 GiB is refused, and the cap in force stays.
  CHECK_THROWS_WITH_AS(attractor::set_max_array_values(1000), doctest::Contains("max_array_values"),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::set_max_array_values(4e9), doctest::Contains("max_array_values"),
                       InvalidArgument);
  CHECK(attractor::max_array_values() == raised);
  attractor::set_max_array_values(attractor::kMaxArrayValues);
  CHECK(attractor::max_array_values() == attractor::kMaxArrayValues);
}

TEST_CASE("reliability: a trainer whose batch x steps x width exceeds memory is refused") {
  // batch 1024, 4096 steps, 1024 hidden units: each parameter in range, together 4.3e9 hidden
  // states for backpropagation through time (34 GB), which used to be allocated.
  attractor::TrainerConfig config;
  config.task = "delayed_recall";
  config.task_params = {{"steps", 4096}, {"recall_steps", 5}};
  config.network = {{"hidden", 1024}};
  config.training = {{"batch", 1024}};
  CHECK_THROWS_WITH_AS(attractor::Trainer{config},
                       "trainer: batch x steps x (hidden + inputs + outputs) = 1024 x 4096 x 1027 "
                       "= 4307550208 numbers is too large; it must be at most 16777216 (128 MiB); "
                       "lower the batch, the task's steps or hidden",
                       InvalidArgument);
  // Just under the cap still trains.
  config.task_params = {{"steps", 16}, {"recall_steps", 2}};
  config.network = {{"hidden", 62}};
  config.training = {{"batch", 16}};
  attractor::Trainer trainer(config);
  CHECK(trainer.train(1) == 1);
}

TEST_CASE("reliability: the trainer still names a bad network parameter before the size") {
  attractor::TrainerConfig config;
  config.network = {{"hidden", 1e9}};
  CHECK_THROWS_WITH_AS(attractor::Trainer{config},
                       "rnn: hidden = 1000000000 is not allowed; hidden must be an integer from 2 "
                       "to 1024 units",
                       InvalidArgument);
}

TEST_CASE("reliability: a pca of more states than memory holds is refused") {
  // 64 units x 1e6 kept states would be 512 MB.
  const attractor::LineAttractor line({{"n", 64}});
  CHECK_THROWS_WITH_AS(attractor::Pca::from_trajectory(line, {{"steps", 1e6}}, {}, nullptr),
                       "pca: dimension x kept states = 64 x 1000000 = 64000000 numbers is too "
                       "large; it must be at most 16777216 (128 MiB); lower steps or raise every",
                       InvalidArgument);
}

TEST_CASE("reliability: a \\u escape takes exactly four hex digits") {
  CHECK(attractor::parse_json("\"\\u00e9\\u0041\"").as_string("s") ==
        "\xC3\xA9"
        "A");
  // strtoul used to read these as numbers: a sign, a space, too few digits.
  CHECK_THROWS_WITH_AS(attractor::parse_json("\"\\u-1ab\""),
                       "JSON error at line 1, column 4: expected four hex digits, found '-'",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::parse_json("\"\\u 1ab\""),
                       "JSON error at line 1, column 4: expected four hex digits, found ' '",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::parse_json("\"\\u12\""),
                       "JSON error at line 1, column 6: expected four hex digits, found '\"'",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::parse_json("\"\\u1"),
                       "JSON error at line 1, column 5: expected four hex digits, found the end",
                       InvalidArgument);
}

TEST_CASE("reliability: a strongly contracting tanh-map orbit has finite Lyapunov exponents") {
  // Found by the wasm property test: alpha = 10 settles on a period-4 orbit whose Jacobian
  // product is nearly rank one. Its determinant, taken from the product's entries, cancelled to
  // exactly 0, so the second multiplier was 0 and the second exponent -inf.
  attractor::TanhMap map({{"alpha", 10}, {"x0", 0.33361609000712633}});
  const attractor::Classification c = map.classify();
  CHECK(c.period == 4);
  CHECK(c.multiplier[1] > 0);
  CHECK(c.multiplier[1] < 1e-40);
  CHECK(std::isfinite(c.lyapunov[1]));
  // The exponents of a period-4 orbit are log(multiplier) / 4.
  CHECK(c.lyapunov[1] == doctest::Approx(std::log(c.multiplier[1]) / 4).epsilon(1e-9));
  for (const auto& measure : map.measures()) {
    CAPTURE(measure.first);
    CHECK(!std::isinf(measure.second));
  }
}

TEST_CASE("reliability: readout learning refuses targets beyond 1e6 instead of an infinite error") {
  // Found by the wasm property test: test([1e308]) returned an RMS error of Infinity.
  attractor::RateNetwork network({{"n", 10}});
  attractor::ReadoutLearner learner(network, {}, "lms");
  for (const double target : {1e308, -1e7, HUGE_VAL}) {
    CAPTURE(target);
    CHECK_THROWS_WITH_AS(learner.test({0.5, target}),
                         doctest::Contains("targets must be finite, from -1e6 to 1e6"),
                         InvalidArgument);
    CHECK_THROWS_WITH_AS(learner.train({target}),
                         doctest::Contains("targets must be finite, from -1e6 to 1e6"),
                         InvalidArgument);
  }
  CHECK(std::isfinite(learner.test({1e6, -1e6})));
}

TEST_CASE("reliability: a message quotes at most the first 80 characters of a huge value") {
  const std::string huge(2 * 1024 * 1024, 'x');
  const std::string prefix = "'" + std::string(80, 'x') + "...' (2097152 characters)";
  const std::vector<attractor::ParamSpec> specs = {{"n", 1, 10, 2, true, "", ""}};
  CHECK_THROWS_WITH_AS(attractor::resolve_params(specs, {{huge, 1}}, "model"),
                       ("model: unknown parameter " + prefix + "; known parameters: n").c_str(),
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::make_task(huge, {}),
                       doctest::Contains(("task " + prefix + " is not known").c_str()),
                       InvalidArgument);
  const attractor::JsonValue spec = attractor::parse_json("{\"" + huge + "\": \"text\"}");
  CHECK_THROWS_WITH_AS(
      spec.as_object("spec").begin()->second.as_number("spec." + huge),
      ("spec." + std::string(75, 'x') + "... (2097157 characters) must be a number, not a string")
          .c_str(),
      InvalidArgument);
  // Short values are quoted whole; a long one is cut between characters, never inside one.
  CHECK(attractor::quoted("abc") == "'abc'");
  CHECK(attractor::quoted(std::string(80, 'y')) == "'" + std::string(80, 'y') + "'");
  std::string accents;
  for (int k = 0; k < 100; ++k) accents += "\xC3\xA9";
  std::string first80;
  for (int k = 0; k < 80; ++k) first80 += "\xC3\xA9";
  CHECK(attractor::quoted(accents) == "'" + first80 + "...' (100 characters)");
  CHECK(attractor::bounded(accents) == first80 + "... (100 characters)");
}

TEST_CASE("reliability: JSON surrogate pairs become one UTF-8 character; lone halves are refused") {
  // U+1F600 is escaped as the pair D83D DE00; it used to come out as two 3-byte sequences, which
  // is not UTF-8.
  CHECK(attractor::parse_json("\"a\\ud83d\\ude00b\"").as_string("s") ==
        "a\xF0\x9F\x98\x80"
        "b");
  CHECK(attractor::parse_json("\"\\uD834\\uDD1E\"").as_string("s") == "\xF0\x9D\x84\x9E");
  CHECK_THROWS_WITH_AS(attractor::parse_json("\"\\ude00\""),
                       "JSON error at line 1, column 2: expected a character, not the lone low "
                       "surrogate \\uDE00, found '\\'",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::parse_json("\"\\ud83d!\""),
                       "JSON error at line 1, column 2: expected a low surrogate \\uDC00 to "
                       "\\uDFFF after the high surrogate \\uD83D, found '\\'",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::parse_json("\"\\ud83d\\u0041\""),
                       "JSON error at line 1, column 8: expected a low surrogate \\uDC00 to "
                       "\\uDFFF after the high surrogate \\uD83D, found '\\'",
                       InvalidArgument);
}

TEST_CASE("reliability: a JSON member that appears twice is refused by name and place") {
  CHECK_THROWS_WITH_AS(attractor::parse_json("{\"steps\": 10,\n \"steps\": 20}"),
                       "JSON error at line 2, column 2: expected each member once, but 'steps' "
                       "appears again, found '\"'",
                       InvalidArgument);
  CHECK(attractor::parse_json("{\"a\": {\"x\": 1}, \"b\": {\"x\": 2}}").dump() ==
        "{\"a\":{\"x\":1},\"b\":{\"x\":2}}");
}
