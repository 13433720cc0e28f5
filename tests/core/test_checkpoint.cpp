#include <doctest/doctest.h>

#include <string>

#include "attractor/json.hpp"
#include "attractor/trainer.hpp"

using attractor::InvalidArgument;
using attractor::Trainer;
using attractor::TrainerConfig;

namespace {

TrainerConfig config() {
  TrainerConfig c;
  c.task = "angular_velocity";
  c.task_params = {{"steps", 30}};
  c.initialization = "orthogonal";
  c.network = {{"hidden", 12}};
  c.training = {{"batch", 4}, {"seed", 11}};
  return c;
}

}  // namespace

TEST_CASE("a checkpoint resumes training to exactly the weights of an uninterrupted run") {
  Trainer straight(config());
  straight.train(50);
  Trainer first_half(config());
  first_half.train(30);
  const std::string saved = first_half.to_checkpoint();
  auto resumed = Trainer::from_checkpoint(saved);
  CHECK(resumed->steps_taken() == 30);
  CHECK(resumed->to_checkpoint() == saved);  // the round trip is exact
  resumed->train(20);
  CHECK(resumed->network().parameters() == straight.network().parameters());
  CHECK(resumed->losses() == straight.losses());
}

TEST_CASE("the JSON reader reports where a document is broken") {
  CHECK_THROWS_WITH_AS(attractor::parse_json("{\"a\": [1, 2,, 3]}"),
                       "JSON error at line 1, column 13: expected a value, found ','",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::parse_json("{\n  \"a\": tru\n}"),
                       "JSON error at line 2, column 8: expected a value, found 't'",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::parse_json("[1] x"),
                       doctest::Contains("expected the end of the document"), InvalidArgument);
  const auto value =
      attractor::parse_json(" {\"x\": -1.5e-3, \"s\": \"a\\\"b\\u00e9\", \"l\": [true, null]} ");
  CHECK(value.at("x", "").as_number("x") == -1.5e-3);
  CHECK(value.at("s", "").as_string("s") == "a\"b\xc3\xa9");
  CHECK(value.at("l", "").as_array("l").size() == 2);
  CHECK(attractor::parse_json(value.dump()).dump() == value.dump());
  const double awkward = 0.1 + 0.2;
  CHECK(attractor::parse_json(attractor::JsonValue::number(awkward).dump()).as_number("") ==
        awkward);
}

TEST_CASE("bad checkpoints are rejected with what is wrong") {
  Trainer trainer(config());
  trainer.train(3);
  const std::string good = trainer.to_checkpoint();
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    return text.replace(at, from.size(), to);
  };
  CHECK_THROWS_WITH_AS(Trainer::from_checkpoint(replace("\"version\":1", "\"version\":2")),
                       "checkpoint: version 2 cannot be read; this lab reads version 1",
                       InvalidArgument);
  CHECK_THROWS_WITH_AS(Trainer::from_checkpoint("{\"format\":\"something else\"}"),
                       doctest::Contains("not an Attractor Lab checkpoint"), InvalidArgument);
  CHECK_THROWS_WITH_AS(Trainer::from_checkpoint(replace("\"parameters\":[", "\"parameters\":[1,")),
                       doctest::Contains("values given; this network has"), InvalidArgument);
  CHECK_THROWS_WITH_AS(Trainer::from_checkpoint(replace("\"hidden\":12", "\"hidden\":1")),
                       doctest::Contains("hidden = 1 is not allowed"), InvalidArgument);
  CHECK_THROWS_WITH_AS(Trainer::from_checkpoint(good.substr(0, good.size() / 2)),
                       doctest::Contains("JSON error at line 1"), InvalidArgument);
}
