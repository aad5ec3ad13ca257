// The text of a failed (or pinned) run of a ported Go test: enough to understand it and
// to rerun exactly it. It names the pool version, the strategy spec and the strategy as
// Describe() gave it for that run, the run seed, the failure and where it was raised, the
// goroutines not done, the last trace events of a traced rerun, whether that rerun
// reproduced the run (same steps and fingerprint), and the reproduction every poolcheck
// failure prints: a pc1 replay token (sim/token.h) and the command that reruns it. The
// body of a ported test is gtest code, so the token names the test and the binary, and
// `poolcheck replay` answers such a token with that command; the test binary reruns the
// token's exact choices when POOLCHECK_GOTEST_TOKEN holds it.
#pragma once

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "gtest/gtest.h"
#include "model/sql/mutation.h"
#include "model/sql/options.h"
#include "sim/run.h"
#include "sim/token.h"

namespace model::gotest {

// One run worth reporting and how it was made.
struct FailedRun {
  sql::PoolVersion version = sql::kDefaultPoolVersion;
  std::string strategy_spec;       // as given in GoTestOptions::strategies
  std::string described_strategy;  // Strategy::Describe() after the run
  uint64_t run_seed = 0;
  uint64_t run_index = 0;
  uint64_t runs_planned = 0;
  sql::Mutation mutation = sql::Mutation::kNone;
  sim::RunResult result;
};

namespace detail {

// Trace events shown at the end of a report; POOLCHECK_GOTEST_TRACE_EVENTS overrides it.
inline constexpr size_t kReportTraceTail = 40;

inline size_t ReportTraceTail() {
  const char* text = std::getenv("POOLCHECK_GOTEST_TRACE_EVENTS");
  size_t n = 0;
  if (text != nullptr && absl::SimpleAtoi(text, &n) && n > 0) return n;
  return kReportTraceTail;
}

inline std::string CurrentTestName() {
  const ::testing::TestInfo* info = ::testing::UnitTest::GetInstance()->current_test_info();
  if (info == nullptr) return "(no test)";
  return absl::StrCat(info->test_suite_name(), ".", info->name());
}

inline absl::string_view EventKindName(sim::TraceEvent::Kind kind) {
  switch (kind) {
    case sim::TraceEvent::Kind::kSpawn:
      return "spawn";
    case sim::TraceEvent::Kind::kRun:
      return "run";
    case sim::TraceEvent::Kind::kBlock:
      return "block";
    case sim::TraceEvent::Kind::kWake:
      return "wake";
    case sim::TraceEvent::Kind::kExit:
      return "exit";
    case sim::TraceEvent::Kind::kTimerFire:
      return "timer";
    case sim::TraceEvent::Kind::kChoice:
      return "choice";
    case sim::TraceEvent::Kind::kAnnotation:
      return "note";
    case sim::TraceEvent::Kind::kFailure:
      return "FAIL";
  }
  return "?";
}

inline std::string FormatEvent(const sim::Trace& trace, const sim::TraceEvent& e) {
  std::string name =
      e.goroutine < trace.goroutine_names.size() ? trace.goroutine_names[e.goroutine] : "";
  std::string text = absl::StrCat("    #", e.step, " ", e.time.ToString(), " g", e.goroutine, "(",
                                  name, ") ", EventKindName(e.kind));
  if (!e.category.empty()) absl::StrAppend(&text, " [", e.category, "]");
  if (!e.text.empty()) absl::StrAppend(&text, " ", e.text);
  if (!e.location.empty()) absl::StrAppend(&text, " @", e.location);
  return text + "\n";
}

inline std::string FormatTraceTail(const sim::Trace& trace) {
  const std::vector<sim::TraceEvent>& events = trace.events;
  const size_t tail = ReportTraceTail();
  const size_t first = events.size() > tail ? events.size() - tail : 0;
  std::string text =
      absl::StrCat("  last ", events.size() - first, " of ", events.size(), " trace events:\n");
  for (size_t i = first; i < events.size(); ++i) text += FormatEvent(trace, events[i]);
  return text;
}

inline std::string FormatGoroutines(const sim::RunResult& r) {
  std::string text;
  for (const sim::GoroutineReport& g : r.goroutines) {
    if (g.state == sim::GoroutineState::kDone) continue;
    absl::StrAppend(&text, "    g", g.id, " \"", g.name, "\" ", sim::GoroutineStateName(g.state));
    if (!g.blocked_on.empty()) absl::StrAppend(&text, " on ", g.blocked_on);
    if (!g.location.empty()) absl::StrAppend(&text, " at ", g.location);
    text += "\n";
  }
  return text.empty() ? "" : "  goroutines not done:\n" + text;
}

// Choice streams up to this long go into tokens (explore/target.h's kMaxTokenChoices);
// longer runs keep steps and fingerprint, and replay from strategy and seed.
inline constexpr size_t kMaxGoTestTokenChoices = 20'000;

// The command that reruns a token of the running test: this binary, as it was started.
inline std::string RerunCommand(const std::string& token) {
  return absl::StrCat("POOLCHECK_GOTEST_TOKEN=", token, " ", program_invocation_name,
                      " --gtest_filter=", CurrentTestName());
}

inline std::string RerunLines(const sim::ReplayToken& token) {
  const std::string text = sim::EncodeToken(token);
  return absl::StrCat("  token: ", text, "\n  rerun only this run (traced): ",
                      RerunCommand(text), "\n");
}

inline std::string FormatOutcome(const FailedRun& run) {
  const sim::RunResult& r = run.result;
  std::string text = absl::StrCat(
      CurrentTestName(), " on pool ", std::string(sql::PoolVersionName(run.version)), ", strategy ",
      run.strategy_spec, " (this run: ", run.described_strategy, "), run seed ", run.run_seed,
      run.mutation == sql::Mutation::kNone
          ? ""
          : absl::StrCat(", mutation ", std::string(sql::MutationName(run.mutation))),
      " (run ", run.run_index + 1, " of ", run.runs_planned, ")\n");
  if (r.failed()) {
    absl::StrAppend(&text, "  failure [", r.failure.Name(), "]: ", r.message, "\n");
    if (!r.location.empty()) absl::StrAppend(&text, "  raised at ", r.location, "\n");
  } else {
    absl::StrAppend(&text, "  passed\n");
  }
  absl::StrAppend(&text, "  steps ", r.steps, ", virtual time ", r.end_time.ToString(),
                  ", fingerprint ", r.fingerprint, "\n");
  return text + FormatGoroutines(r);
}

}  // namespace detail

// The token of a run: the test, pool and mutation in its metadata, with the command that
// reruns it ("rerun", the token itself elided) for `poolcheck replay` to print.
inline sim::ReplayToken GoTestToken(const FailedRun& run) {
  sim::ReplayToken token;
  token.meta["gotest"] = detail::CurrentTestName();
  token.meta["pool"] = std::string(sql::PoolVersionName(run.version));
  if (run.mutation != sql::Mutation::kNone) {
    token.meta["mutation"] = std::string(sql::MutationName(run.mutation));
  }
  token.meta["rerun"] = detail::RerunCommand("<this token>");
  token.strategy = run.described_strategy;
  token.run_seed = run.run_seed;
  token.steps = run.result.steps;
  token.fingerprint = run.result.fingerprint;
  token.has_choices = run.result.choices.size() <= detail::kMaxGoTestTokenChoices;
  if (token.has_choices) token.choices = run.result.choices;
  return token;
}

// The report of a failed run; `rerun` is its traced rerun from the printed token
// (nullptr if it could not be made).
inline std::string FormatFailure(const FailedRun& run, const sim::RunResult* rerun) {
  std::string text = detail::FormatOutcome(run);
  if (rerun != nullptr) {
    const bool same =
        rerun->steps == run.result.steps && rerun->fingerprint == run.result.fingerprint;
    absl::StrAppend(&text,
                    same ? "  traced rerun reproduced it exactly\n"
                         : absl::StrCat("  WARNING: traced rerun differed (steps ", rerun->steps,
                                        ", fingerprint ", rerun->fingerprint, ")\n"));
    text += detail::FormatTraceTail(rerun->trace);
  }
  return text + detail::RerunLines(GoTestToken(run));
}

// The report of a run pinned with POOLCHECK_GOTEST_TOKEN (failed or not): whether it
// reproduced the token's run (`mismatch` empty) and its trace.
inline std::string FormatPinnedRun(const FailedRun& run, const std::optional<std::string>& mismatch) {
  return detail::FormatOutcome(run) +
         (mismatch ? absl::StrCat("  DIVERGED from the token: ", *mismatch, "\n")
                   : std::string("  reproduced the token's run exactly\n")) +
         detail::FormatTraceTail(run.result.trace);
}

}  // namespace model::gotest
