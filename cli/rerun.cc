// Rerun a token with its trace and format what it shows: see rerun.h. The rerun happens in
// a forked child, so a token whose run crashes the pool under test prints a failure
// "crash" report (exit 1) instead of taking poolcheck down.
#include "cli/rerun.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "cli/report.h"
#include "explore/build_identity.h"
#include "explore/crash.h"
#include "explore/isolated.h"
#include "explore/runner.h"
#include "sim/crash_note.h"

namespace cli {
namespace {

// "; it was made by build X, this is build Y" when the token names another build.
std::string MadeBy(const sim::ReplayToken& token) {
  auto it = token.meta.find("build");
  if (it == token.meta.end() || it->second == explore::SourceId()) return "";
  return absl::StrCat("; it was made by build ", it->second, ", this is build ",
                      explore::SourceId());
}

// Heads the report of a crash token whose rerun ended: this build runs it to an end.
std::string CrashNoLongerNote(const sim::ReplayToken& token) {
  return absl::StrCat("note: the token recorded a run that crashed the process", MadeBy(token),
                      "; rerun from its seed, the run ends without a crash:\n");
}

absl::StatusOr<PrintedRun> ReplayAndFormatHere(const sim::ReplayToken& token,
                                               const std::string& replay_arg) {
  absl::StatusOr<explore::RunReport> report = explore::Replay(token, /*record_trace=*/true);
  if (!report.ok()) return report.status();
  const sim::RunResult& r = report->result;
  if (r.failure.kind == sim::FailureKind::kDivergence) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the token does not replay on this build (", r.message.substr(0, r.message.find('\n')),
        ")", MadeBy(token)));
  }
  PrintedRun printed;
  printed.failure = r.failure;
  printed.text = r.failed() ? FormatFailureReport(*report, replay_arg) : PassLine(*report) + "\n";
  if (explore::RecordsACrash(token)) printed.text = CrashNoLongerNote(token) + printed.text;
  return printed;
}

// The child's answer on the pipe: a status code byte, then the printed failure id
// (sim::FailureId::Name, empty for a pass), a NUL, and the text (or the error message).
std::string Encode(const absl::StatusOr<PrintedRun>& result) {
  if (!result.ok()) {
    return absl::StrCat(std::string(1, static_cast<char>(result.status().code())),
                        std::string(1, '\0'), result.status().message());
  }
  return absl::StrCat(std::string(1, '\0'), result->failure.Name(), std::string(1, '\0'),
                      result->text);
}

absl::StatusOr<PrintedRun> Decode(const std::string& bytes) {
  const size_t nul = bytes.find('\0', 1);
  if (bytes.size() < 2 || nul == std::string::npos) {
    return absl::InternalError("the replay child sent a truncated answer");
  }
  const auto code = static_cast<absl::StatusCode>(static_cast<unsigned char>(bytes[0]));
  if (code != absl::StatusCode::kOk) return absl::Status(code, bytes.substr(nul + 1));
  return PrintedRun{sim::FailureId::FromName(bytes.substr(1, nul - 1)), bytes.substr(nul + 1)};
}

// Reads the child's whole answer; false on a read error.
bool ReadAll(int fd, std::string& out) {
  char chunk[65536];
  for (;;) {
    const ssize_t n = read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) return true;
    out.append(chunk, static_cast<size_t>(n));
  }
}

void WriteAll(int fd, const std::string& bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    done += static_cast<size_t>(n);
  }
}

// The report of a rerun that died of `signal`: the token's run crashed the pool.
absl::StatusOr<PrintedRun> CrashPrinted(const sim::ReplayToken& token,
                                        const std::string& replay_arg, int signal) {
  absl::StatusOr<explore::RunReport> report = explore::CrashedReplayReport(token, signal);
  if (!report.ok()) return report.status();
  return PrintedRun{report->result.failure, FormatFailureReport(*report, replay_arg)};
}

}  // namespace

absl::StatusOr<PrintedRun> ReplayAndFormat(const sim::ReplayToken& token,
                                           const std::string& replay_arg) {
  absl::StatusOr<explore::PipedChild> child =
      explore::ForkPiped("the token's rerun", [&](int fd) {
        sim::DisableCrashNotes();  // a death is reported below, as a failure "crash"
        WriteAll(fd, Encode(ReplayAndFormatHere(token, replay_arg)));
        return 0;
      });
  if (!child.ok()) return child.status();
  std::string answer;
  const bool read_ok = ReadAll(child->fd, answer);
  close(child->fd);
  const int wstatus = explore::WaitFor(child->pid);
  if (WIFSIGNALED(wstatus)) return CrashPrinted(token, replay_arg, WTERMSIG(wstatus));
  if (!read_ok || !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    return absl::InternalError("the replay child ended without an answer");
  }
  return Decode(answer);
}

}  // namespace cli
