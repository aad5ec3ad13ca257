// Strategy specs ("pct:depth=3,steps=500"): parsing the text and reading typed parameters
// with one-line errors, so each strategy's factory is a few lines and rejects unknown or
// malformed parameters the same way.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "sim/strategy.h"

namespace sim {

// A parsed spec: the strategy name and its key=value parameters.
struct StrategySpec {
  std::string name;
  std::map<std::string, std::string> params;
};

// Parses "name" or "name:key=value,key=value". Errors: InvalidArgument, one line.
absl::StatusOr<StrategySpec> ParseStrategySpec(std::string_view text);

// Reads a spec's parameters; remembers the first error. Finish() also reports any
// parameter nobody asked for.
class ParamReader {
 public:
  explicit ParamReader(const StrategySpec& spec) : spec_(spec) {}

  // An unsigned integer in [min_value, max_value]; `fallback` when absent.
  uint64_t Uint(const std::string& key, uint64_t fallback, uint64_t min_value,
                uint64_t max_value);
  bool Has(const std::string& key) const { return spec_.params.count(key) != 0; }
  // The raw text of `key`, or nullopt when absent (the key counts as read).
  std::optional<std::string> Text(const std::string& key);
  // Records that `key`=`text` is not `expected` (the first error is kept).
  void Reject(const std::string& key, const std::string& text, const std::string& expected);
  // OK, or the first bad or unknown parameter.
  absl::Status Finish();

 private:
  const StrategySpec& spec_;
  std::set<std::string> used_;
  absl::Status status_;
};

}  // namespace sim

namespace sim {

// The factory of a strategy that takes no parameters: rejects any parameter given.
template <typename StrategyType>
absl::StatusOr<std::unique_ptr<Strategy>> MakeWithoutParams(ParamReader& params) {
  if (absl::Status s = params.Finish(); !s.ok()) return s;
  return std::make_unique<StrategyType>();
}

}  // namespace sim
