// The streaming JSON writer: see json_writer.h.
#include "cli/json_writer.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "sim/check.h"

namespace cli {

std::string JsonQuote(absl::string_view value) {
  std::string out = "\"";
  for (const char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += absl::StrFormat("\\u%04x", static_cast<unsigned char>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
  return out;
}

void JsonWriter::BeforeValue() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (open_.empty()) {
    POOLCHECK_CHECK(!wrote_root_, "a JSON document has one root value");
    wrote_root_ = true;
    return;
  }
  if (open_.back()) out_.push_back(',');
  open_.back() = true;
}

JsonWriter& JsonWriter::BeginObject() {
  BeforeValue();
  out_.push_back('{');
  open_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::EndObject() {
  POOLCHECK_CHECK(!open_.empty(), "EndObject without an open object");
  POOLCHECK_CHECK(!after_key_, "EndObject right after a key");
  open_.pop_back();
  out_.push_back('}');
  return *this;
}

JsonWriter& JsonWriter::BeginArray() {
  BeforeValue();
  out_.push_back('[');
  open_.push_back(false);
  return *this;
}

JsonWriter& JsonWriter::EndArray() {
  POOLCHECK_CHECK(!open_.empty(), "EndArray without an open array");
  POOLCHECK_CHECK(!after_key_, "EndArray right after a key");
  open_.pop_back();
  out_.push_back(']');
  return *this;
}

JsonWriter& JsonWriter::Key(absl::string_view key) {
  POOLCHECK_CHECK(!open_.empty(), "Key outside an object");
  POOLCHECK_CHECK(!after_key_, "two keys in a row");
  if (open_.back()) out_.push_back(',');
  open_.back() = true;
  out_ += JsonQuote(key);
  out_.push_back(':');
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::String(absl::string_view value) {
  BeforeValue();
  out_ += JsonQuote(value);
  return *this;
}

JsonWriter& JsonWriter::Uint(uint64_t value) {
  BeforeValue();
  absl::StrAppend(&out_, value);
  return *this;
}

JsonWriter& JsonWriter::Int(int64_t value) {
  BeforeValue();
  absl::StrAppend(&out_, value);
  return *this;
}

JsonWriter& JsonWriter::Bool(bool value) {
  BeforeValue();
  out_ += value ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::Null() {
  BeforeValue();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::Decimal(int64_t units, int decimals) {
  POOLCHECK_CHECK(decimals >= 0, "negative decimals");
  POOLCHECK_CHECK(decimals <= 18, "more than 18 decimals overflow uint64");
  BeforeValue();
  uint64_t magnitude = units < 0 ? 0 - static_cast<uint64_t>(units) : static_cast<uint64_t>(units);
  uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  if (units < 0) out_.push_back('-');
  absl::StrAppend(&out_, magnitude / scale);
  if (decimals > 0) out_ += absl::StrFormat(".%0*d", decimals, magnitude % scale);
  return *this;
}

JsonWriter& JsonWriter::Newline() {
  out_.push_back('\n');
  return *this;
}

}  // namespace cli
