// A small strict JSON parser: enough to read back what poolcheck writes (`poolcheck merge`
// reads shards' --json summaries; tests check the summary and the Perfetto timeline). Any
// syntax error, trailing text or bad escape makes Parse return nullopt. A number keeps its
// text too, so 64-bit integers (seeds) read back exactly.
#pragma once

#include <cctype>
#include <cstdlib>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cli {

struct JsonValue {
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };
  Type type = Type::kNull;
  bool boolean = false;
  double number = 0;
  std::string number_text;  // the number as written
  std::string string;
  std::vector<JsonValue> array;
  std::map<std::string, JsonValue> object;

  bool Has(const std::string& key) const { return object.count(key) != 0; }
  const JsonValue& operator[](const std::string& key) const { return object.at(key); }
};

class JsonParser {
 public:
  static std::optional<JsonValue> Parse(std::string_view text) {
    JsonParser p(text);
    JsonValue v;
    if (!p.Value(v, 0)) return std::nullopt;
    p.SkipSpace();
    if (p.pos_ != text.size()) return std::nullopt;
    return v;
  }

 private:
  explicit JsonParser(std::string_view text) : s_(text) {}

  void SkipSpace() {
    while (pos_ < s_.size() && std::string_view(" \t\r\n").find(s_[pos_]) != std::string_view::npos) ++pos_;
  }
  bool Eat(char c) {
    SkipSpace();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool Literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  bool Value(JsonValue& v, int depth) {
    if (depth > 64) return false;
    SkipSpace();
    if (pos_ >= s_.size()) return false;
    const char c = s_[pos_];
    if (c == '{') return Object(v, depth);
    if (c == '[') return Array(v, depth);
    if (c == '"') {
      v.type = JsonValue::Type::kString;
      return String(v.string);
    }
    if (Literal("true")) { v.type = JsonValue::Type::kBool; v.boolean = true; return true; }
    if (Literal("false")) { v.type = JsonValue::Type::kBool; return true; }
    if (Literal("null")) return true;
    return Number(v);
  }
  bool Number(JsonValue& v) {
    const size_t start = pos_;
    if (pos_ < s_.size() && s_[pos_] == '-') ++pos_;
    if (pos_ >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[pos_]))) return false;
    if (s_[pos_] == '0' && pos_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_ + 1]))) return false;
    while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (pos_ >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[pos_]))) return false;
      while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (pos_ >= s_.size() || !std::isdigit(static_cast<unsigned char>(s_[pos_]))) return false;
      while (pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) ++pos_;
    }
    v.type = JsonValue::Type::kNumber;
    v.number_text = std::string(s_.substr(start, pos_ - start));
    v.number = std::strtod(v.number_text.c_str(), nullptr);
    return true;
  }
  bool String(std::string& out) {
    if (!Eat('"')) return false;
    while (pos_ < s_.size()) {
      const char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (pos_ >= s_.size()) return false;
      const char e = s_[pos_++];
      const std::string_view simple = "\"\\/bfnrt", meaning = "\"\\/\b\f\n\r\t";
      if (const size_t k = simple.find(e); k != std::string_view::npos) {
        out.push_back(meaning[k]);
      } else if (e == 'u' && pos_ + 4 <= s_.size()) {
        const unsigned code = std::strtoul(std::string(s_.substr(pos_, 4)).c_str(), nullptr, 16);
        pos_ += 4;
        out.push_back(code < 0x80 ? static_cast<char>(code) : '?');
      } else {
        return false;
      }
    }
    return false;
  }
  bool Array(JsonValue& v, int depth) {
    v.type = JsonValue::Type::kArray;
    Eat('[');
    if (Eat(']')) return true;
    do {
      v.array.emplace_back();
      if (!Value(v.array.back(), depth + 1)) return false;
    } while (Eat(','));
    return Eat(']');
  }
  bool Object(JsonValue& v, int depth) {
    v.type = JsonValue::Type::kObject;
    Eat('{');
    if (Eat('}')) return true;
    do {
      std::string key;
      SkipSpace();
      if (!String(key) || !Eat(':')) return false;
      if (!Value(v.object[key], depth + 1)) return false;
    } while (Eat(','));
    return Eat('}');
  }

  std::string_view s_;
  size_t pos_ = 0;
};

}  // namespace cli
