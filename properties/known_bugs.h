// Names for the known bugs of the modelled pool versions (KnownBugAllowances in
// invariant.h), so an allowance can be asked for on the command line and written into a
// replay token: a run that looked past a known bug replays looking past it too. A known
// bug shows as an invariant's failure (the allowance makes the checker look past a
// state) or as a panic the pool raises (the allowance makes explore report the run as the
// bug instead of a failure: AllowedKnownPanic).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "model/sql/pool_version.h"
#include "properties/invariant.h"

namespace properties {

// How a known bug's runs fail when it is not allowed.
enum class KnownBugShape : uint8_t {
  kInvariant,  // a failure of KnownBugInfo::invariant
  kPanic,      // a Go panic (sim::FailureKind::kPanic) raised in KnownBugInfo::panic_site
};

struct KnownBugInfo {
  std::string name;     // as written on the command line and in tokens
  std::string summary;  // one line: what the bug is and which invariant reports it
  // The rows of the pool-version table (model/sql/pool_version.h) whose code has it.
  std::vector<model::sql::PoolVersion> versions;
  KnownBugShape shape = KnownBugShape::kInvariant;
  InvariantId invariant = InvariantId::kI1;  // kInvariant: the invariant whose failure it is
  // The confirm/ program that reproduces it on real Go, with the Go version, e.g.
  // "confirm/last_retry_waits (Go 1.19.8)"; empty when no program confirms it.
  std::string confirmed_by;
  // When confirmed_by is empty: why real Go does not confirm it.
  std::string real_go_note;
  // Words each of its failure messages has ("" when any failure of `invariant` may be it;
  // never "" for a panic).
  std::string message_mark;
  // kPanic: the source file (as in sim::RunResult::location, "model/sql/conn.cc") whose
  // code raises the panic.
  std::string panic_site;
};

// The failure id its failures have (sim::FailureId::Name): the invariant's, or "panic".
std::string_view KnownBugFailureId(const KnownBugInfo& bug);

// "confirmed on real Go by PROGRAM" or "not confirmed on real Go: NOTE".
std::string RealGoStatus(const KnownBugInfo& bug);

// The known bugs of `version` a failure may be: its id (sim::FailureId::Name) is the bug's,
// its message has the bug's mark and, for a panic, it was raised (`location`, "file:line")
// in the bug's panic site.
std::vector<KnownBugInfo> KnownBugsOfFailure(absl::string_view failure_id,
                                             absl::string_view location,
                                             absl::string_view message,
                                             model::sql::PoolVersion version);

// The name of the known panic of `version` allowed by `allow` that a panic with `message`
// raised at `location` is ("" if none): the run is that bug, not a new failure.
std::string AllowedKnownPanic(const KnownBugAllowances& allow, absl::string_view location,
                              absl::string_view message, model::sql::PoolVersion version);

// Every known bug, in a fixed order.
std::vector<KnownBugInfo> ListKnownBugs();

// "all", or a comma-separated list of names; InvalidArgument names the unknown one.
absl::StatusOr<KnownBugAllowances> ParseKnownBugs(absl::string_view text);

// The comma-separated names of the allowed bugs ("" when none), in ListKnownBugs order.
std::string KnownBugNames(const KnownBugAllowances& allow);

}  // namespace properties
