// A Workload as one line of text, so a replay token can carry a generated workload (the
// "workload" pseudo-scenario, explore/target.h) and `poolcheck replay` can rerun it with no
// scenario behind it. The text is a versioned list of space-separated words, every field in
// a fixed order (durations in nanoseconds, enums by name or number, queries in hex); it is
// not meant for reading: Workload::Show() is. Decoding checks every count, value and the
// nesting depth, so a corrupt or hostile text is one InvalidArgument, never a crash.
#pragma once

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"
#include "scenarios/workload.h"

namespace explore {

// Longest encoded workload a token carries (keeps tokens bounded: generated workloads take
// a few hundred characters).
inline constexpr size_t kMaxWorkloadText = 16 * 1024;

// The workload as text. InvalidArgument if the text would exceed kMaxWorkloadText.
absl::StatusOr<std::string> EncodeWorkload(const scenarios::Workload& workload);

// The workload back; InvalidArgument with a one-line reason for anything malformed.
absl::StatusOr<scenarios::Workload> DecodeWorkload(const std::string& text);

}  // namespace explore
