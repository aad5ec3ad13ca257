// The one path by which explore, replay and shrink print a run: rerun its token with the
// trace recorded and format the report (or the PASS line). Because every command goes
// through here, the same token prints the same bytes whichever command printed it.
#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "sim/outcome.h"
#include "sim/token.h"

namespace cli {

struct PrintedRun {
  sim::FailureId failure;  // kind kNone: the run passed
  std::string text;  // the failure report, or the PASS line and a newline

  bool failed() const { return failure.kind != sim::FailureKind::kNone; }
};

// `replay_arg` is what the printed replay command passes (the token, or its file). A
// replay that diverges from the token is FailedPrecondition, one line.
absl::StatusOr<PrintedRun> ReplayAndFormat(const sim::ReplayToken& token,
                                           const std::string& replay_arg);

}  // namespace cli
