#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "attractor/json.hpp"
#include "attractor/trainer.hpp"
#include "attractor/trainer_config.hpp"

using attractor::InvalidArgument;
using attractor::JsonValue;
using attractor::parse_json;
using attractor::Trainer;
using attractor::TrainerConfig;

namespace {

std::string fixture(const std::string& name) {
  std::ifstream file(std::string(ATTRACTOR_FIXTURES_DIR) + "/" + name);
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  std::string out = text.str();
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

// Every member away from its default.
TrainerConfig unusual() {
  TrainerConfig c;
  c.task = "adding";
  c.task_params = {{"steps", 9}};
  c.initialization = "identity";
  c.network = {{"hidden", 5}, {"gain", 0.25}};
  c.optimizer = "sgd";
  c.optimizer_params = {{"learning_rate", 0.125}};
  c.training = {{"batch", 3}, {"seed", 7}};
  return c;
}

void check_same(const TrainerConfig& a, const TrainerConfig& b) {
  CHECK(a.task == b.task);
  CHECK(a.task_params == b.task_params);
  CHECK(a.initialization == b.initialization);
  CHECK(a.network == b.network);
  CHECK(a.optimizer == b.optimizer);
  CHECK(a.optimizer_params == b.optimizer_params);
  CHECK(a.training == b.training);
}

}  // namespace

TEST_CASE(
    "checkpoints written by version 1 load and train on to the weights of an uninterrupted run") {
  // tests/fixtures: a widget's RNN and an LSTM, saved after 5 steps and after 8 steps of one run.
  for (const std::string name : {"rnn", "lstm"}) {
    CAPTURE(name);
    const std::string step5 = fixture("checkpoint-v1-" + name + "-step5.json");
    const std::string step8 = fixture("checkpoint-v1-" + name + "-step8.json");
    auto trainer = Trainer::from_checkpoint(step5);
    CHECK(trainer->to_checkpoint() == step5);
    CHECK(trainer->train(3) == 3);
    CHECK(trainer->to_checkpoint() == step8);
  }
}

TEST_CASE("the configuration's writer and reader are inverses, in the checkpoint's spelling") {
  const TrainerConfig config = unusual();
  const JsonValue written = attractor::write_trainer_config(config);
  CHECK(written.dump() ==
        "{\"initialization\":\"identity\",\"network\":{\"gain\":0.25,\"hidden\":5},\"optimizer\":"
        "\"sgd\",\"optimizer_params\":{\"learning_rate\":0.125},\"task\":\"adding\","
        "\"task_params\":{\"steps\":9},\"training\":{\"batch\":3,\"seed\":7}}");
  check_same(attractor::read_trainer_config(parse_json(written.dump()), "test"), config);
  // A checkpoint records the configuration through the same writer.
  const JsonValue checkpoint = parse_json(Trainer(config).to_checkpoint());
  const TrainerConfig recorded =
      attractor::read_trainer_config(checkpoint.at("config", "checkpoint"), "checkpoint config");
  CHECK(recorded.task == "adding");
  CHECK(recorded.optimizer == "sgd");
  CHECK(recorded.network.at("gain") == 0.25);
  CHECK(recorded.training.at("target_loss") == 0);  // resolved defaults are recorded too
}

TEST_CASE("a partial configuration sets only its members; a bad one is refused by name") {
  TrainerConfig config = unusual();
  attractor::apply_trainer_config(
      parse_json(R"({"network": {"hidden": 6}, "initialization": "qpta"})"), config, "variant");
  CHECK(config.network.at("hidden") == 6);
  CHECK(config.network.at("gain") == 0.25);  // a group's other members stay
  CHECK(config.initialization == "qpta");
  CHECK(config.task == "adding");
  CHECK_THROWS_WITH_AS(
      attractor::apply_trainer_config(parse_json(R"({"epochs": 3})"), config, "base"),
      "base: unknown member 'epochs'; members are task, task_params, initialization, network, "
      "optimizer, optimizer_params, training",
      InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::apply_trainer_config(
                           parse_json(R"({"taskParams": {"steps": 3}})"), config, "base"),
                       doctest::Contains("base: unknown member 'taskParams'"), InvalidArgument);
  CHECK_THROWS_WITH_AS(
      attractor::apply_trainer_config(parse_json(R"({"task": 7})"), config, "trainer"),
      "trainer: task must be a string, not a number", InvalidArgument);
  CHECK_THROWS_WITH_AS(attractor::apply_trainer_config(
                           parse_json(R"({"network": {"hidden": "8"}})"), config, "base"),
                       doctest::Contains("hidden"), InvalidArgument);
  // A checkpoint's configuration is complete.
  CHECK_THROWS_WITH_AS(
      attractor::read_trainer_config(parse_json(R"({"task": "adding"})"), "checkpoint config"),
      "checkpoint config has no member 'task_params'", InvalidArgument);
}

TEST_CASE("one setting by its path, as grid axes and the command line name it") {
  TrainerConfig config;
  attractor::set_trainer_setting(config, "network.hidden", JsonValue::number(12), "grid");
  attractor::set_trainer_setting(config, "task_params.steps", JsonValue::number(40), "grid");
  attractor::set_trainer_setting(config, "optimizer_params.learning_rate", JsonValue::number(0.5),
                                 "grid");
  attractor::set_trainer_setting(config, "training.batch", JsonValue::number(2), "grid");
  attractor::set_trainer_setting(config, "initialization", JsonValue::string("ring"), "grid");
  CHECK(config.network == attractor::ParamValues{{"hidden", 12}});
  CHECK(config.task_params == attractor::ParamValues{{"steps", 40}});
  CHECK(config.optimizer_params == attractor::ParamValues{{"learning_rate", 0.5}});
  CHECK(config.training == attractor::ParamValues{{"batch", 2}});
  CHECK(config.initialization == "ring");
  CHECK_THROWS_WITH_AS(
      attractor::set_trainer_setting(config, "net.hidden", JsonValue::number(1), "grid"),
      "grid: the setting 'net.hidden' has the unknown group 'net'; groups are task_params, "
      "network, optimizer_params, training",
      InvalidArgument);
  CHECK_THROWS_WITH_AS(
      attractor::set_trainer_setting(config, "network.hidden", JsonValue::string("x"), "grid"),
      "grid: network.hidden must be a number, not a string", InvalidArgument);
  CHECK_THROWS_WITH_AS(
      attractor::set_trainer_setting(config, "network", JsonValue::number(1), "grid"),
      doctest::Contains("the setting 'network' must be task, initialization, optimizer or "
                        "GROUP.NAME"),
      InvalidArgument);
  CHECK_THROWS_WITH_AS(
      attractor::set_trainer_setting(config, "network.", JsonValue::number(1), "grid"),
      "grid: the setting 'network.' names no parameter", InvalidArgument);
}

TEST_CASE("a value out of its range is refused naming the setting, its value and the range") {
  TrainerConfig config;
  attractor::set_trainer_setting(config, "training.batch", JsonValue::number(0), "grid");
  CHECK_THROWS_WITH_AS(Trainer{config},
                       doctest::Contains("batch = 0 is not allowed; batch must be an integer "
                                         "from 1 to 1024"),
                       InvalidArgument);
  config = TrainerConfig();
  attractor::set_trainer_setting(config, "network.hidden", JsonValue::number(5000), "grid");
  CHECK_THROWS_WITH_AS(Trainer{config}, doctest::Contains("hidden = 5000 is not allowed"),
                       InvalidArgument);
}
