// The regression corpus: recorded failing runs kept as files under explore/corpus/, one
// token per file after a first line "# <scenario> <pool> <invariant> <what it shows>".
// Checking an entry replays it on the pool it was recorded against (it must fail the same
// way) and runs the same schedule on the fixed pool (sync-reset, no mutation), which must pass.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "explore/runner.h"
#include "sim/token.h"

namespace explore {

struct CorpusEntry {
  std::string file;         // file name, e.g. "issue31480_minimal.token"
  std::string scenario;     // from the comment line
  model::sql::PoolVersion pool = model::sql::kDefaultPoolVersion;  // by name or old alias
  std::string invariant;    // the printed failure id (sim::FailureId::Name) to reproduce
  std::string description;  // what it shows
  sim::ReplayToken token;
};

// The corpus directory of this source tree (explore/corpus).
std::string CorpusDir();

// Parses one entry; InvalidArgument naming the file if the comment line or token is bad.
absl::StatusOr<CorpusEntry> ParseCorpusEntry(const std::string& file, const std::string& text);
// Every *.token file of `dir`, in file-name order.
absl::StatusOr<std::vector<CorpusEntry>> LoadCorpus(const std::string& dir);

// What checking one entry showed.
struct CorpusCheck {
  RunReport recorded;  // the replay on the recorded version and mutation
  RunReport fixed;     // the schedule on sync-reset without mutation (see fixed_is_rerun)
  // The recorded choices do not fit the fixed pool's program (it makes other choices), so
  // `fixed` is a fresh run of the token's strategy with the token's run seed on sync-reset.
  bool fixed_is_rerun = false;
  // Then also: the recorded choices followed on sync-reset as far as they fit, continuing the
  // goroutine that ran last where a recorded pick is not available (LenientReplayStrategy
  // of explore/shrink.h). Absent for tokens without choices.
  std::optional<RunReport> fixed_lenient;
  uint64_t lenient_fallbacks = 0;  // recorded picks that did not fit
};
absl::StatusOr<CorpusCheck> CheckCorpusEntry(const CorpusEntry& entry);

// The file text for a failing run: the comment line, then the encoded token.
std::string FormatCorpusEntry(const RunReport& failure, const std::string& description);

}  // namespace explore
