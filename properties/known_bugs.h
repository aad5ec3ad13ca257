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
};

// Every known bug, in a fixed order.
std::vector<KnownBugInfo> ListKnownBugs();

// "all", or a comma-separated list of names; InvalidArgument names the unknown one.
absl::StatusOr<KnownBugAllowances> ParseKnownBugs(absl::string_view text);

// The comma-separated names of the allowed bugs ("" when none), in ListKnownBugs order.
std::string KnownBugNames(const KnownBugAllowances& allow);

}  // namespace properties
