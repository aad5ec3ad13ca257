// Parsing of the typed flag values (counts, seeds, durations, shards) with
// one-line errors that name the flag and the bad text.
#pragma once

#include <cstdint>
#include <string>
#include "absl/strings/string_view.h"

#include "absl/status/statusor.h"

namespace cli {

// A decimal unsigned integer in [min_value, max_value] ("bad value for --runs: '1x' ...").
absl::StatusOr<uint64_t> ParseUint(absl::string_view flag, const std::string& text,
                                   uint64_t min_value, uint64_t max_value);

// A wall-clock duration in seconds: "90s", "1.5m", "2h", "500ms", or a bare number of
// seconds. Must be positive.
absl::StatusOr<double> ParseDurationSeconds(absl::string_view flag, const std::string& text);

// "i/N" with 0 <= i < N: this process runs the i-th of N disjoint slices of the runs.
struct Shard {
  uint32_t index = 0;
  uint32_t count = 1;
};
absl::StatusOr<Shard> ParseShard(const std::string& text);

}  // namespace cli
