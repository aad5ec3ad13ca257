// Rerun a token with its trace and format what it shows: see rerun.h.
#include "cli/rerun.h"

#include "absl/strings/str_cat.h"
#include "cli/report.h"
#include "explore/runner.h"

namespace cli {

absl::StatusOr<PrintedRun> ReplayAndFormat(const sim::ReplayToken& token,
                                           const std::string& replay_arg) {
  absl::StatusOr<explore::RunReport> report = explore::Replay(token, /*record_trace=*/true);
  if (!report.ok()) return report.status();
  const sim::RunResult& r = report->result;
  if (r.failure.kind == sim::FailureKind::kDivergence) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the token does not replay on this build (", r.message.substr(0, r.message.find('\n')),
        ")"));
  }
  PrintedRun printed;
  printed.failure = r.failure;
  printed.text = r.failed() ? FormatFailureReport(*report, replay_arg) : PassLine(*report) + "\n";
  return printed;
}

}  // namespace cli
