// Typed flag values: see values.h.
#include "cli/values.h"

#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"

namespace cli {

absl::StatusOr<uint64_t> ParseUint(absl::string_view flag, const std::string& text,
                                   uint64_t min_value, uint64_t max_value) {
  uint64_t value = 0;
  const bool digits_only = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits_only) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad value for ", flag, ": '", text, "' is not a whole number"));
  }
  if (!absl::SimpleAtoi(text, &value)) {
    return absl::InvalidArgumentError(absl::StrCat("bad value for ", flag, ": ", text,
                                                   " is too large (at most ", max_value, ")"));
  }
  if (value < min_value || value > max_value) {
    return absl::InvalidArgumentError(absl::StrCat("bad value for ", flag, ": ", value,
                                                   " is outside [", min_value, ", ", max_value,
                                                   "]"));
  }
  return value;
}

absl::StatusOr<double> ParseDurationSeconds(absl::string_view flag, const std::string& text) {
  double seconds = 0;
  absl::Duration d;
  if (absl::SimpleAtod(text, &seconds)) {
    // a bare number of seconds
  } else if (absl::ParseDuration(text, &d)) {
    seconds = absl::ToDoubleSeconds(d);
  } else {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad value for ", flag, ": '", text, "' is not a duration (e.g. 90s, 5m, 1h30m)"));
  }
  if (!std::isfinite(seconds) || seconds <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad value for ", flag, ": '", text, "' must be a positive duration"));
  }
  return seconds;
}

absl::StatusOr<Shard> ParseShard(const std::string& text) {
  const std::vector<std::string> parts = absl::StrSplit(text, '/');
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("bad value for --shard: '", text, "' ", why));
  };
  if (parts.size() != 2) return bad("is not i/N (e.g. 0/4: the first of four shards)");
  absl::StatusOr<uint64_t> index = ParseUint("--shard", parts[0], 0, UINT32_MAX);
  absl::StatusOr<uint64_t> count = ParseUint("--shard", parts[1], 1, UINT32_MAX);
  if (!index.ok() || !count.ok()) return bad("is not i/N with whole numbers and N >= 1");
  if (*index >= *count) return bad("needs 0 <= i < N (shards are numbered from 0)");
  return Shard{static_cast<uint32_t>(*index), static_cast<uint32_t>(*count)};
}

}  // namespace cli
