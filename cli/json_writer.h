// A small streaming JSON writer for the CLI's machine-readable outputs (the --json summary,
// the Chrome trace-event timeline). It places commas itself and escapes strings, so callers
// cannot produce malformed JSON by forgetting either.
#pragma once

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"
#include <vector>

namespace cli {

class JsonWriter {
 public:
  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  // The key of the next value inside an object.
  JsonWriter& Key(absl::string_view key);
  JsonWriter& String(absl::string_view value);
  JsonWriter& Uint(uint64_t value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // The exact decimal units / 10^decimals: Decimal(1500, 3) writes 1.500 (e.g.
  // microseconds from nanoseconds, with no floating-point rounding).
  JsonWriter& Decimal(int64_t units, int decimals);
  // Starts a new line before the next element (keeps large arrays diffable).
  JsonWriter& Newline();

  // The text so far; complete once every Begin has its End.
  const std::string& text() const { return out_; }
  bool complete() const { return open_.empty() && wrote_root_; }

 private:
  void BeforeValue();
  std::vector<bool> open_;  // per open container: has it an element yet?
  bool after_key_ = false;
  bool wrote_root_ = false;
  std::string out_;
};

// `value` as a JSON string literal, quotes included.
std::string JsonQuote(absl::string_view value);

}  // namespace cli
