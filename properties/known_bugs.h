// Names for the known bugs of the modelled pool versions (KnownBugAllowances in
// invariant.h), so an allowance can be asked for on the command line and written into a
// replay token: a run that looked past a known bug replays looking past it too.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "model/sql/pool_version.h"
#include "properties/invariant.h"

namespace properties {

struct KnownBugInfo {
  std::string name;     // as written on the command line and in tokens
  std::string summary;  // one line: what the bug is and which invariant reports it
  // The rows of the pool-version table (model/sql/pool_version.h) whose code has it.
  std::vector<model::sql::PoolVersion> versions;
  InvariantId invariant;  // the invariant whose failure it is
  // The confirm/ program that reproduces it on real Go, with the Go version, e.g.
  // "confirm/last_retry_waits (Go 1.19.8)"; empty when no program confirms it.
  std::string confirmed_by;
  // When confirmed_by is empty: why real Go does not confirm it.
  std::string real_go_note;
  // Words each of its failure messages has ("" when any failure of `invariant` may be it).
  std::string message_mark;
};

// "confirmed on real Go by PROGRAM" or "not confirmed on real Go: NOTE".
std::string RealGoStatus(const KnownBugInfo& bug);

// The known bugs of `version` whose failure id (sim::FailureId::Name of sim::RunResult::failure) is `failure_id`
// and whose message mark `message` has: the ones a failure with that id and message may be.
std::vector<KnownBugInfo> KnownBugsWithFailureId(absl::string_view failure_id,
                                                 absl::string_view message,
                                                 model::sql::PoolVersion version);

// Every known bug, in a fixed order.
std::vector<KnownBugInfo> ListKnownBugs();

// "all", or a comma-separated list of names; InvalidArgument names the unknown one.
absl::StatusOr<KnownBugAllowances> ParseKnownBugs(absl::string_view text);

// The comma-separated names of the allowed bugs ("" when none), in ListKnownBugs order.
std::string KnownBugNames(const KnownBugAllowances& allow);

}  // namespace properties
