// A small JSON reader and writer for checkpoints and experiment specs. Numbers are doubles,
// written with 17 significant digits so every value round-trips exactly.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "attractor/params.hpp"

namespace attractor {

class JsonValue {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  JsonValue() = default;
  static JsonValue boolean(bool value);
  static JsonValue number(double value);
  static JsonValue string(std::string value);
  static JsonValue array(std::vector<JsonValue> items = {});
  static JsonValue object(std::map<std::string, JsonValue> members = {});
  static JsonValue numbers(const std::vector<double>& values);
  static JsonValue params(const ParamValues& values);

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::kNull; }
  // Typed access; each throws InvalidArgument naming `what` when the type is different.
  bool as_bool(const std::string& what) const;
  double as_number(const std::string& what) const;
  const std::string& as_string(const std::string& what) const;
  const std::vector<JsonValue>& as_array(const std::string& what) const;
  const std::map<std::string, JsonValue>& as_object(const std::string& what) const;
  std::vector<double> as_numbers(const std::string& what) const;
  ParamValues as_params(const std::string& what) const;

  bool has(const std::string& key) const;
  // The member `key` of an object; throws naming `what` when it is missing.
  const JsonValue& at(const std::string& key, const std::string& what) const;

  std::string dump() const;

 private:
  Type type_ = Type::kNull;
  bool bool_ = false;
  double number_ = 0.0;
  std::string string_;
  std::vector<JsonValue> array_;
  std::map<std::string, JsonValue> object_;
};

// "null", "a boolean", "a number", "a string", "an array" or "an object", for messages.
const char* json_type_name(JsonValue::Type type);

// Throws InvalidArgument with the line, the column and what was expected. A member that appears
// twice in one object, and a lone UTF-16 surrogate escape, are refused.
JsonValue parse_json(const std::string& text);

}  // namespace attractor
