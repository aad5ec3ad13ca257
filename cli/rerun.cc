// Rerun a token with its trace and format what it shows: see rerun.h.
#include "cli/rerun.h"

#include "absl/strings/str_cat.h"
#include "cli/report.h"
#include "explore/build_identity.h"
#include "explore/runner.h"

namespace cli {
namespace {

// "; it was made by build X, this is build Y" when the token names another build.
std::string MadeBy(const sim::ReplayToken& token) {
  auto it = token.meta.find("build");
  if (it == token.meta.end() || it->second == explore::SourceId()) return "";
  return absl::StrCat("; it was made by build ", it->second, ", this is build ",
                      explore::SourceId());
}

}  // namespace

absl::StatusOr<PrintedRun> ReplayAndFormat(const sim::ReplayToken& token,
                                           const std::string& replay_arg) {
  absl::StatusOr<explore::RunReport> report = explore::Replay(token, /*record_trace=*/true);
  if (!report.ok()) return report.status();
  const sim::RunResult& r = report->result;
  if (r.failure_id == "divergence") {
    return absl::FailedPreconditionError(absl::StrCat(
        "the token does not replay on this build (", r.message.substr(0, r.message.find('\n')),
        ")", MadeBy(token)));
  }
  PrintedRun printed;
  printed.failed = r.failed;
  printed.failure_id = r.failure_id;
  printed.text = r.failed ? FormatFailureReport(*report, replay_arg) : PassLine(*report) + "\n";
  return printed;
}

}  // namespace cli
