// Formatting of the failure report: see report.h.
#include "cli/report.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "cli/involved.h"
#include "cli/render/event_text.h"
#include "model/sql/options.h"
#include "properties/known_bugs.h"

namespace cli {
namespace {

using Kind = sim::TraceEvent::Kind;

// The step at which the failure was raised: the trace's failure event, else the run's end.
uint64_t FailureStep(const sim::RunResult& result) {
  for (const sim::TraceEvent& e : result.trace.events) {
    if (e.kind == Kind::kFailure) return e.step;
  }
  return result.steps;
}

std::string RunIdentity(const explore::RunReport& r) {
  return absl::StrCat(r.target.scenario, " pool=", std::string(model::sql::PoolVersionName(r.target.pool)),
                      " strategy=", r.strategy, " seed=", r.exploration_seed,
                      " run=", r.run_index);
}

std::string GoroutineHeading(const sim::RunResult& result, uint32_t g) {
  std::string heading = GoroutineTitle(result.trace, g);
  for (const sim::GoroutineReport& r : result.goroutines) {
    if (r.id != g) continue;
    if (heading == absl::StrCat("g", g) && !r.name.empty()) absl::StrAppend(&heading, " ", r.name);
    absl::StrAppend(&heading, " [", sim::GoroutineStateName(r.state));
    if (!r.blocked_on.empty()) absl::StrAppend(&heading, ": ", r.blocked_on);
    if (!r.location.empty() && r.state != sim::GoroutineState::kDone) absl::StrAppend(&heading, " at ", r.location);
    absl::StrAppend(&heading, "]");
  }
  return heading;
}

std::string LastEvents(const sim::RunResult& result, const ReportLimits& limits) {
  if (result.trace.events.empty()) return "  (no trace recorded)\n";
  std::string out;
  for (uint32_t g : InvolvedGoroutines(result, limits.max_goroutines)) {
    std::vector<const sim::TraceEvent*> mine;
    for (auto it = result.trace.events.rbegin();
         it != result.trace.events.rend() && mine.size() < limits.events_per_goroutine; ++it) {
      if (it->goroutine != g || it->kind == Kind::kRun || it->kind == Kind::kFailure) continue;
      if (it->kind == Kind::kTimerFire) continue;
      mine.push_back(&*it);
    }
    absl::StrAppend(&out, "  ", GoroutineHeading(result, g), "\n");
    for (auto it = mine.rbegin(); it != mine.rend(); ++it) {
      absl::StrAppend(&out, absl::StrFormat("    %10d  %-10s  ", (*it)->step, EventTime(**it)),
                      DescribeEvent(**it), "\n");
    }
  }
  return out;
}

std::string Indented(absl::string_view text) {
  std::string out;
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    absl::StrAppend(&out, "  ", line, "\n");
  }
  return out;
}

bool NeedsShellQuoting(absl::string_view arg) {
  if (arg.empty()) return true;
  return !std::all_of(arg.begin(), arg.end(), [](char c) {
    return absl::ascii_isalnum(c) || absl::string_view("-_./=:+,@%").find(c) != absl::string_view::npos;
  });
}

// One line per known bug of the pool version that fails with this invariant and is not
// looked past: the failure may be it, and whether real Go confirms it.
std::string KnownBugLines(const explore::RunReport& report) {
  const std::vector<std::string> allowed =
      absl::StrSplit(properties::KnownBugNames(report.target.allow), ',', absl::SkipEmpty());
  std::string out;
  for (const properties::KnownBugInfo& bug :
       properties::KnownBugsOfFailure(report.result.failure.Name(), report.result.location,
                                       report.result.message, report.target.pool)) {
    if (std::find(allowed.begin(), allowed.end(), bug.name) != allowed.end()) continue;
    absl::StrAppend(&out, "  may be known bug ", bug.name, ": ", properties::RealGoStatus(bug),
                    " (explore --allow-known-bug ", bug.name, " looks past it)\n");
  }
  return out;
}

}  // namespace

std::string FailureHeadline(const explore::RunReport& report) {
  return absl::StrCat("FAIL ", report.result.failure.Name(), " ", RunIdentity(report),
                      " step=", FailureStep(report.result));
}

std::string PassLine(const explore::RunReport& report) {
  std::string line = absl::StrCat("PASS ", RunIdentity(report), " steps=", report.result.steps);
  if (report.known_bug_end == explore::KnownBugEnd::kDeadlock) {
    absl::StrAppend(&line, " (deadlocked as allowed known bug ", report.known_bug_consequence,
                    " leaves it)");
  } else if (report.known_bug_end == explore::KnownBugEnd::kPanic) {
    absl::StrAppend(&line, " (panicked as allowed known bug ", report.known_bug_consequence,
                    " does)");
  }
  return line;
}

std::string ReplayCommand(const std::string& replay_arg) {
  if (!NeedsShellQuoting(replay_arg)) return absl::StrCat("poolcheck replay ", replay_arg);
  std::string quoted = "'";
  for (char c : replay_arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return absl::StrCat("poolcheck replay ", quoted, "'");
}

std::string FormatFailureReport(const explore::RunReport& report,
                                const std::string& replay_arg, const ReportLimits& limits) {
  const sim::RunResult& r = report.result;
  std::string out = FailureHeadline(report) + "\n";
  out += Indented(r.message.empty() ? "(no message)" : r.message);
  if (!r.location.empty()) absl::StrAppend(&out, "  raised at ", r.location, "\n");
  if (!report.target.params.empty()) {
    std::vector<std::string> pairs;
    for (const auto& [key, value] : report.target.params) pairs.push_back(key + "=" + value);
    absl::StrAppend(&out, "  params: ", absl::StrJoin(pairs, " "), "\n");
  }
  if (report.target.allow != properties::KnownBugAllowances{}) {
    absl::StrAppend(&out, "  looking past known bugs: ",
                    properties::KnownBugNames(report.target.allow), "\n");
  }
  absl::StrAppend(&out, KnownBugLines(report));
  absl::StrAppend(&out, "\nlast events of the goroutines involved:\n", LastEvents(r, limits));
  absl::StrAppend(&out, "\ntoken: ", sim::EncodeToken(report.token), "\n");
  absl::StrAppend(&out, "replay: ", ReplayCommand(replay_arg), "\n");
  return out;
}

}  // namespace cli
