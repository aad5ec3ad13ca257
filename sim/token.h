// Replay tokens: one line of text that says how to rerun a run exactly. A token is
// versioned and self-describing: it carries free-form metadata (scenario, pool version,
// parameters), the strategy with its parameters, the run seed, and the choice stream (or,
// for long runs, the expected step count and fingerprint). It is checksummed, so a
// truncated or edited token is rejected with a clear error.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sim/run.h"

namespace sim {

struct ReplayToken {
  std::map<std::string, std::string> meta;  // e.g. scenario=issue31480, pool=async-reset
  std::string strategy;                     // Strategy::Describe()
  uint64_t run_seed = 0;
  bool has_choices = false;                 // false: replay re-derives from the seed
  std::vector<Choice> choices;
  uint64_t steps = 0;
  uint64_t fingerprint = 0;
};

std::string EncodeToken(const ReplayToken& token);
// Errors: InvalidArgument with a one-line reason (bad prefix, unknown version, bad
// checksum, truncated).
absl::StatusOr<ReplayToken> DecodeToken(const std::string& text);

}  // namespace sim
