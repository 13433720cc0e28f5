#include "attractor/json.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace attractor {

const char* json_type_name(JsonValue::Type type) {
  switch (type) {
    case JsonValue::Type::kNull:
      return "null";
    case JsonValue::Type::kBool:
      return "a boolean";
    case JsonValue::Type::kNumber:
      return "a number";
    case JsonValue::Type::kString:
      return "a string";
    case JsonValue::Type::kArray:
      return "an array";
    default:
      return "an object";
  }
}

namespace {

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  JsonValue document() {
    JsonValue value = parse_value(0);
    skip_space();
    if (position_ < text_.size()) fail("the end of the document");
    return value;
  }

 private:
  [[noreturn]] void fail(const std::string& expected) const {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t k = 0; k < position_ && k < text_.size(); ++k) {
      if (text_[k] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    const std::string found =
        position_ < text_.size() ? std::string("'") + text_[position_] + "'" : "the end";
    throw InvalidArgument("JSON error at line " + std::to_string(line) + ", column " +
                          std::to_string(column) + ": expected " + expected + ", found " + found);
  }

  void skip_space() {
    while (position_ < text_.size() && (text_[position_] == ' ' || text_[position_] == '\n' ||
                                        text_[position_] == '\t' || text_[position_] == '\r')) {
      ++position_;
    }
  }

  bool consume(const char* word) {
    std::size_t k = 0;
    while (word[k] != '\0') {
      if (position_ + k >= text_.size() || text_[position_ + k] != word[k]) return false;
      ++k;
    }
    position_ += k;
    return true;
  }

  JsonValue parse_value(int depth) {
    if (depth > 64) fail("at most 64 levels of nesting");
    skip_space();
    if (position_ >= text_.size()) fail("a value");
    const char c = text_[position_];
    if (c == '{') return parse_object(depth);
    if (c == '[') return parse_array(depth);
    if (c == '"') return JsonValue::string(parse_string());
    if (consume("true")) return JsonValue::boolean(true);
    if (consume("false")) return JsonValue::boolean(false);
    if (consume("null")) return JsonValue();
    if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
    fail("a value");
  }

  JsonValue parse_number() {
    const char* start = text_.c_str() + position_;
    char* end = nullptr;
    const double value = std::strtod(start, &end);
    if (end == start || !std::isfinite(value)) fail("a finite number");
    position_ += static_cast<std::size_t>(end - start);
    return JsonValue::number(value);
  }

  std::string parse_string() {
    ++position_;  // opening quote
    std::string out;
    while (true) {
      if (position_ >= text_.size()) fail("a closing '\"'");
      const char c = text_[position_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("no control character inside a string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (position_ >= text_.size()) fail("an escape");
      const char e = text_[position_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          out += e;
          break;
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          unsigned code = hex4();
          // Characters beyond U+FFFF are escaped as a UTF-16 surrogate pair (U+1F600 as D83D
          // then DE00); a lone half stands for no character, so it is refused.
          if (code >= 0xDC00 && code <= 0xDFFF) {
            position_ -= 6;
            fail("a character, not the lone low surrogate \\u" + hex_text(code));
          }
          if (code >= 0xD800 && code <= 0xDBFF) {
            if (!(position_ + 1 < text_.size() && text_[position_] == '\\' &&
                  text_[position_ + 1] == 'u')) {
              position_ -= 6;
              fail("a low surrogate \\uDC00 to \\uDFFF after the high surrogate \\u" +
                   hex_text(code));
            }
            position_ += 2;
            const unsigned low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) {
              position_ -= 6;
              fail("a low surrogate \\uDC00 to \\uDFFF after the high surrogate \\u" +
                   hex_text(code));
            }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
          }
          append_utf8(code, out);
          break;
        }
        default:
          --position_;
          fail("a valid escape");
      }
    }
  }

  // The four hex digits of a u escape. strtoul alone would also take a sign, spaces or fewer
  // digits.
  unsigned hex4() {
    for (std::size_t k = 0; k < 4; ++k) {
      if (position_ + k >= text_.size() ||
          !std::isxdigit(static_cast<unsigned char>(text_[position_ + k]))) {
        position_ += k;
        fail("four hex digits");
      }
    }
    const unsigned code =
        static_cast<unsigned>(std::strtoul(text_.substr(position_, 4).c_str(), nullptr, 16));
    position_ += 4;
    return code;
  }

  static std::string hex_text(unsigned code) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04X", code);
    return buffer;
  }

  static void append_utf8(unsigned code, std::string& out) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  JsonValue parse_array(int depth) {
    ++position_;
    std::vector<JsonValue> items;
    skip_space();
    if (position_ < text_.size() && text_[position_] == ']') {
      ++position_;
      return JsonValue::array(std::move(items));
    }
    while (true) {
      items.push_back(parse_value(depth + 1));
      skip_space();
      if (position_ < text_.size() && text_[position_] == ',') {
        ++position_;
      } else if (position_ < text_.size() && text_[position_] == ']') {
        ++position_;
        return JsonValue::array(std::move(items));
      } else {
        fail("',' or ']'");
      }
    }
  }

  JsonValue parse_object(int depth) {
    ++position_;
    std::map<std::string, JsonValue> members;
    skip_space();
    if (position_ < text_.size() && text_[position_] == '}') {
      ++position_;
      return JsonValue::object(std::move(members));
    }
    while (true) {
      skip_space();
      if (position_ >= text_.size() || text_[position_] != '"') fail("a member name in quotes");
      const std::size_t key_position = position_;
      std::string key = parse_string();
      // A repeated member would silently replace the first: say which one, where.
      if (members.count(key)) {
        position_ = key_position;
        fail("each member once, but " + quoted(key) + " appears again");
      }
      skip_space();
      if (position_ >= text_.size() || text_[position_] != ':') fail("':'");
      ++position_;
      members[key] = parse_value(depth + 1);
      skip_space();
      if (position_ < text_.size() && text_[position_] == ',') {
        ++position_;
      } else if (position_ < text_.size() && text_[position_] == '}') {
        ++position_;
        return JsonValue::object(std::move(members));
      } else {
        fail("',' or '}'");
      }
    }
  }

  const std::string& text_;
  std::size_t position_ = 0;
};

void dump_string(const std::string& text, std::string& out) {
  out += '"';
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else {
      out += c;
    }
  }
  out += '"';
}

void dump_value(const JsonValue& value, std::string& out) {
  switch (value.type()) {
    case JsonValue::Type::kNull:
      out += "null";
      break;
    case JsonValue::Type::kBool:
      out += value.as_bool("") ? "true" : "false";
      break;
    case JsonValue::Type::kNumber: {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.17g", value.as_number(""));
      out += buffer;
      break;
    }
    case JsonValue::Type::kString:
      dump_string(value.as_string(""), out);
      break;
    case JsonValue::Type::kArray: {
      out += '[';
      bool first = true;
      for (const auto& item : value.as_array("")) {
        if (!first) out += ',';
        first = false;
        dump_value(item, out);
      }
      out += ']';
      break;
    }
    case JsonValue::Type::kObject: {
      out += '{';
      bool first = true;
      for (const auto& [key, member] : value.as_object("")) {
        if (!first) out += ',';
        first = false;
        dump_string(key, out);
        out += ':';
        dump_value(member, out);
      }
      out += '}';
      break;
    }
  }
}

}  // namespace

JsonValue JsonValue::boolean(bool value) {
  JsonValue out;
  out.type_ = Type::kBool;
  out.bool_ = value;
  return out;
}

JsonValue JsonValue::number(double value) {
  if (!std::isfinite(value)) {
    throw InvalidArgument("JSON cannot hold the number " + format_number(value));
  }
  JsonValue out;
  out.type_ = Type::kNumber;
  out.number_ = value;
  return out;
}

JsonValue JsonValue::string(std::string value) {
  JsonValue out;
  out.type_ = Type::kString;
  out.string_ = std::move(value);
  return out;
}

JsonValue JsonValue::array(std::vector<JsonValue> items) {
  JsonValue out;
  out.type_ = Type::kArray;
  out.array_ = std::move(items);
  return out;
}

JsonValue JsonValue::object(std::map<std::string, JsonValue> members) {
  JsonValue out;
  out.type_ = Type::kObject;
  out.object_ = std::move(members);
  return out;
}

JsonValue JsonValue::numbers(const std::vector<double>& values) {
  std::vector<JsonValue> items;
  items.reserve(values.size());
  for (const double value : values) items.push_back(number(value));
  return array(std::move(items));
}

JsonValue JsonValue::params(const ParamValues& values) {
  std::map<std::string, JsonValue> members;
  for (const auto& [name, value] : values) members[name] = number(value);
  return object(std::move(members));
}

bool JsonValue::as_bool(const std::string& what) const {
  if (type_ != Type::kBool)
    throw InvalidArgument(bounded(what) + " must be a boolean, not " + json_type_name(type_));
  return bool_;
}

double JsonValue::as_number(const std::string& what) const {
  if (type_ != Type::kNumber)
    throw InvalidArgument(bounded(what) + " must be a number, not " + json_type_name(type_));
  return number_;
}

const std::string& JsonValue::as_string(const std::string& what) const {
  if (type_ != Type::kString)
    throw InvalidArgument(bounded(what) + " must be a string, not " + json_type_name(type_));
  return string_;
}

const std::vector<JsonValue>& JsonValue::as_array(const std::string& what) const {
  if (type_ != Type::kArray)
    throw InvalidArgument(bounded(what) + " must be an array, not " + json_type_name(type_));
  return array_;
}

const std::map<std::string, JsonValue>& JsonValue::as_object(const std::string& what) const {
  if (type_ != Type::kObject)
    throw InvalidArgument(bounded(what) + " must be an object, not " + json_type_name(type_));
  return object_;
}

std::vector<double> JsonValue::as_numbers(const std::string& what) const {
  std::vector<double> out;
  const auto& items = as_array(what);
  out.reserve(items.size());
  for (std::size_t k = 0; k < items.size(); ++k) {
    out.push_back(items[k].as_number(what + "[" + std::to_string(k) + "]"));
  }
  return out;
}

ParamValues JsonValue::as_params(const std::string& what) const {
  ParamValues out;
  for (const auto& [name, value] : as_object(what)) out[name] = value.as_number(what + "." + name);
  return out;
}

bool JsonValue::has(const std::string& key) const {
  return type_ == Type::kObject && object_.count(key) > 0;
}

const JsonValue& JsonValue::at(const std::string& key, const std::string& what) const {
  const auto& members = as_object(what);
  const auto found = members.find(key);
  if (found == members.end())
    throw InvalidArgument(bounded(what) + " has no member " + quoted(key));
  return found->second;
}

std::string JsonValue::dump() const {
  std::string out;
  dump_value(*this, out);
  return out;
}

JsonValue parse_json(const std::string& text) {
  return Parser(text).document();
}

}  // namespace attractor
