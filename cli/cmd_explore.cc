// `poolcheck explore`: runs many schedules of one scenario on one pool version; on the
// first failing run prints its report (or, with --keep-going, every distinct failure).
// Findings are printed first and kept on disk (failure files); write errors come after
// them; a signal stops the runs but not the summary; zero runs is never a pass.
#include <algorithm>
#include <chrono>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/args.h"
#include "cli/atomic_file.h"
#include "cli/command.h"
#include "cli/coverage_summary.h"
#include "cli/explore_outcome.h"
#include "cli/explore_request.h"
#include "cli/failure_files.h"
#include "cli/progress.h"
#include "cli/render/chrome_trace.h"
#include "cli/render/html_report.h"
#include "cli/render/timeline_html.h"
#include "cli/rerun.h"
#include "cli/stop_signals.h"
#include "cli/token_input.h"
#include "explore/runner.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck explore --scenario NAME [flags]\n\n"
    "Runs schedules of a scenario, each run seeded from (--seed, run index), and stops\n"
    "at the first failing run with its report. Every distinct failure's\n"
    "token is also written to the failures directory. Exit 0 when runs ran and none\n"
    "failed, 1 when one did, 2 on bad input, 4 when no run ran, 5 when nothing failed\n"
    "but an output could not be written, 130/143 when SIGINT/SIGTERM stopped it (after\n"
    "printing and writing what ran; a second signal ends it at once).\n\n"
    "flags:\n"
    "  --scenario NAME       the scenario (poolcheck list shows them)\n"
    "  --pool VERSION        a pool version from poolcheck list (default sync-reset)\n"
    "  --strategy SPEC       portfolio, pct, random, dfs, or with parameters such as\n"
    "                        pct:depth=3 (default portfolio)\n"
    "  --runs N              runs of the whole run space (default 100)\n"
    "  --time DURATION       stop starting runs after this much wall time (90s, 5m);\n"
    "                        without --runs, runs until then\n"
    "  --seed S              exploration seed (default 1)\n"
    "  --param KEY=VALUE     set a scenario parameter (repeatable)\n"
    "  --allow-known-bug B   look past a known bug of the pool (a name from poolcheck\n"
    "                        list, a comma-separated list, or all); strict by default\n"
    "  --jobs J              worker processes (default 1); results are identical for any J\n"
    "  --shard I/N           run only the I-th of N disjoint slices of the runs (I from 0);\n"
    "                        without it, read from GTEST_SHARD_INDEX/GTEST_TOTAL_SHARDS,\n"
    "                        TEST_SHARD_INDEX/TEST_TOTAL_SHARDS or JOB_COMPLETION_INDEX/\n"
    "                        POOLCHECK_TOTAL_SHARDS (poolcheck merge combines the --json\n"
    "                        summaries of the shards)\n"
    "  --keep-going          do not stop at the first failure; report every distinct one\n"
    "                        (by invariant and where it was raised) with a token each\n"
    "  --json                print a machine-readable summary on stdout instead of text\n"
    "                        (schema: cli/JSON.md)\n"
    "  --junit FILE          write a JUnit XML report\n"
    "  --save-failure FILE   write the failing run's token to FILE (never replacing another\n"
    "                        file); the printed replay command then uses the file\n"
    "  --failures-dir DIR    where every distinct failure's token file goes (default\n"
    "                        ./poolcheck-failures; files are named by content)\n"
    "  --no-failure-files    do not write failure files\n"
    "  --progress-every D    when stderr is not a terminal, a progress line this often\n"
    "                        (default 10s)\n"
    "  --until-risk P        stop once the residual risk (the Good-Turing estimate of the\n"
    "                        chance that the next run reaches a pool behaviour not seen\n"
    "                        yet) falls below P, e.g. 1e-4; without --runs, runs until\n"
    "                        then (bound it with --time)\n"
    "  --report DIR          write an offline HTML report to DIR/index.html (summary,\n"
    "                        coverage, saturation plot, failure with token and timeline)\n\n"
    "The summary also says which pool events and cross-goroutine pairs of pool events the\n"
    "runs reached, how often each invariant was checked, and the residual risk.\n";

constexpr FlagSpec kFlags[] = {
    {"--scenario", "NAME"}, {"--pool", "VERSION"},    {"--strategy", "SPEC"},
    {"--runs", "N"},        {"--time", "DURATION"},   {"--seed", "S"},
    {"--param", "KEY=VALUE", true}, {"--jobs", "J"},  {"--shard", "I/N"},
    {"--keep-going", ""},   {"--json", ""},           {"--junit", "FILE"},
    {"--save-failure", "FILE"}, {"--allow-known-bug", "NAMES"},
    {"--failures-dir", "DIR"}, {"--no-failure-files", ""}, {"--progress-every", "DURATION"},
    {"--until-risk", "P"},  {"--report", "DIR"},
};

std::string TokenComment(const ExploreRequest& req, const explore::RunReport& failure,
                         const std::string& replay_arg) {
  return absl::StrCat("poolcheck replay token: ", failure.result.failure.Name(), " in ",
                      req.outcome.scenario, " pool=", req.outcome.pool,
                      " run=", failure.run_index, "\nreplay: poolcheck replay ", replay_arg);
}

// Writes one distinct failure's token to the failures directory (if enabled).
void WriteGroupFile(const ExploreRequest& req, FailureOutput& out,
                    const explore::RunReport& first, std::vector<absl::Status>& errors) {
  if (req.failures_dir.empty()) return;
  const std::string name = FailureFileName(out.failure_id, req.outcome.scenario, out.token);
  const std::string path = absl::StrCat(req.failures_dir, "/", name);
  absl::StatusOr<std::string> written = WriteFailureFile(
      req.failures_dir, out.failure_id, req.outcome.scenario, TokenComment(req, first, path),
      out.token);
  if (written.ok()) {
    out.file = *written;
  } else {
    errors.push_back(written.status());
  }
}

// Every distinct failure's token and file; the first one's report, through the same rerun
// as `poolcheck replay`. Write errors go to `errors`; the findings are kept regardless.
absl::Status DescribeFailures(ExploreRequest& req, std::vector<absl::Status>& errors) {
  ExploreOutcome& o = req.outcome;
  for (const explore::FailureGroup& group : o.summary.groups) {
    FailureOutput out{"", "", "", group.runs, group.first_run, "", "", ""};
    if (group.first) {
      out.failure_id = group.first->result.failure.Name();
      out.location = group.first->result.location;
      out.shape = explore::FailureShape(group.first->result.message);
      out.token = sim::EncodeToken(group.first->token);
      WriteGroupFile(req, out, *group.first, errors);
    }
    o.failures.push_back(out);
  }
  if (!o.summary.first_failure) return absl::OkStatus();
  const explore::RunReport& failure = *o.summary.first_failure;
  const std::string token_text = sim::EncodeToken(failure.token);
  std::string replay_arg = token_text;
  if (!req.save_failure_path.empty()) {
    absl::Status s = SaveTokenFile(req.save_failure_path,
                                   TokenComment(req, failure, req.save_failure_path), token_text);
    if (s.ok()) replay_arg = req.save_failure_path; else errors.push_back(s);
  }
  absl::StatusOr<PrintedRun> printed = ReplayAndFormat(failure.token, replay_arg);
  if (!printed.ok()) return absl::InternalError(printed.status().message());
  if (!printed->failed() || printed->failure != failure.result.failure) {
    return absl::InternalError(absl::StrCat("the failing run ", failure.run_index,
                                            " did not fail the same way when rerun"));
  }
  o.failure_report = printed->text;
  if (failure.target.workload) {  // a generated case: its program first
    o.failure_report = absl::StrCat("program:\n", failure.target.workload->Show(), "\n\n",
                                    printed->text);
  }
  o.failure_token = token_text;
  if (!o.failures.empty()) o.failures.front().report = o.failure_report;
  return absl::OkStatus();
}

std::string Distinct(const explore::ExploreSummary& s) {
  if (s.distinct.exact()) return absl::StrCat(s.distinct_interleavings, " distinct interleavings");
  return absl::StrCat("~", s.distinct_interleavings, " distinct interleavings (estimate)");
}

std::string SummaryLine(const ExploreOutcome& o) {
  const double seconds = static_cast<double>(o.elapsed_ms) / 1000.0;
  const ExploreStatus status = StatusOf(o);
  if (status == ExploreStatus::kNoRuns) {
    return absl::StrFormat("NO RUNS %s: the budget ran out before any run; nothing was "
                           "checked (%.1fs)\n", ExplorationTitle(o), seconds);
  }
  const std::string head =
      status == ExploreStatus::kInterrupted
          ? absl::StrCat("INTERRUPTED by ", SignalName(o.stopped_by_signal))
          : (status == ExploreStatus::kFailed ? "FAILED" : "passed");
  std::string known;
  const uint64_t panics = o.summary.known_bug_panics;
  const uint64_t deadlocks = o.summary.known_bug_runs - std::min(panics, o.summary.known_bug_runs);
  if (deadlocks > 0) {
    known = absl::StrCat(", ", deadlocks, " deadlocking as the allowed known bugs leave them");
  }
  if (panics > 0) absl::StrAppend(&known, ", ", panics, " panicking as allowed known bugs do");
  if (o.summary.known_bug_runs > 0) {
    absl::StrAppend(&known, " (first run ", *o.summary.first_known_bug_run, ")");
  }
  return absl::StrFormat(
      "%s %s: %d runs, %d failing%s, %s%s (%.1fs, %.0f runs/s)\n", head, ExplorationTitle(o),
      o.summary.runs_done, o.summary.failures, known, Distinct(o.summary),
      o.summary.exhausted ? ", search space exhausted" : "", seconds,
      seconds > 0 ? static_cast<double>(o.summary.runs_done) / seconds : 0.0);
}

// With --keep-going: every distinct failure, a token each.
std::string FailureList(const ExploreOutcome& o) {
  std::string text = absl::StrCat("distinct failures (", o.failures.size(), "):\n");
  for (const FailureOutput& f : o.failures) {
    absl::StrAppend(&text, "  ", f.failure_id, f.location.empty() ? "" : " at ", f.location,
                    ": ", f.runs, " failing runs, first run ", f.first_run, "\n    ",
                    f.shape.substr(0, 100), f.shape.size() > 100 ? "..." : "", "\n");
    if (!f.token.empty()) absl::StrAppend(&text, "    token: ", f.token, "\n");
    if (!f.file.empty()) absl::StrAppend(&text, "    file: ", f.file, "\n");
  }
  return text + "\n";
}

void PrintOutcome(const ExploreRequest& req, CommandIo& io) {
  const ExploreOutcome& o = req.outcome;
  if (req.json) {
    io.out << FormatSummaryJson(o);
    return;
  }
  if (!o.failure_report.empty()) io.out << o.failure_report << "\n";
  if (req.options.keep_going && !o.failures.empty()) io.out << FailureList(o);
  io.out << SummaryLine(o) << FormatCoverageText(o.summary);
  if (!o.reach.empty()) {
    io.out << "generator reach over " << o.summary.runs_done << " cases:\n";
    const double cases = static_cast<double>(std::max<uint64_t>(o.summary.runs_done, 1));
    for (const auto& [name, count] : o.reach) {
      io.out << absl::StrFormat("  %5.1f%%  %s (%u)\n", 100.0 * static_cast<double>(count) / cases,
                                name, count);
    }
  }
}

int ExitCodeFor(const ExploreOutcome& o, bool write_failed) {
  switch (StatusOf(o)) {
    case ExploreStatus::kFailed: return kExitFailure;
    case ExploreStatus::kInterrupted: return kExitSignalBase + o.stopped_by_signal;
    case ExploreStatus::kNoRuns: return kExitNoRuns;
    case ExploreStatus::kPassed: break;
  }
  return write_failed ? kExitWriteError : kExitOk;
}

// Runs the exploration with progress on stderr and SIGINT/SIGTERM stopping it.
absl::Status RunExploration(ExploreRequest& req, CommandIo& io) {
  StopOnSignals stop;
  req.options.stop = stop.flag();
  const Shard shard = req.outcome.shard;
  const uint64_t total = req.outcome.runs_requested == 0
                             ? 0
                             : (req.outcome.runs_requested > shard.index
                                    ? (req.outcome.runs_requested - shard.index + shard.count - 1) / shard.count
                                    : 0);
  ProgressLine progress(io.err, io.err_is_terminal, total, req.progress_every_s);
  req.options.progress = [&progress](uint64_t done, uint64_t failures, uint64_t distinct) {
    progress.Update(done, failures, distinct);
  };
  const auto start = std::chrono::steady_clock::now();  // nondeterminism-ok: elapsed only
  absl::StatusOr<explore::ExploreSummary> summary = explore::Explore(req.target, req.options);
  progress.Finish();
  if (!summary.ok()) return summary.status();
  req.outcome.summary = *std::move(summary);
  req.outcome.elapsed_ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
  if (req.outcome.summary.stopped) req.outcome.stopped_by_signal = stop.signal();
  return absl::OkStatus();
}

// The --report directory: index.html, and the failing run's timeline page. Neither
// replaces an existing file (AlreadyExists: a write error, after the finding is printed).
absl::Status WriteReport(const std::string& dir, const ExploreOutcome& outcome) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return absl::UnavailableError(
        absl::StrCat("--report: cannot create ", dir, ": ", ec.message()));
  }
  bool has_trace = false;
  if (const std::optional<explore::RunReport>& f = outcome.summary.first_failure) {
    absl::StatusOr<explore::RunReport> traced = explore::Replay(f->token, true);
    if (!traced.ok()) return absl::InternalError(traced.status().message());
    const std::string title = absl::StrCat("poolcheck ", outcome.scenario, " pool=",
                                           outcome.pool, " run ", f->run_index);
    ChromeTraceOptions options;
    options.process_name = title;
    const std::string page =
        RenderTimelineHtml(RenderChromeTrace(traced->result.trace, options), title);
    absl::StatusOr<NewFileResult> written =
        WriteNewFileAtomically(absl::StrCat(dir, "/", kReportTraceFile), page);
    if (!written.ok()) return written.status();
    has_trace = true;
  }
  return WriteNewFileAtomically(absl::StrCat(dir, "/index.html"),
                                RenderHtmlReport(outcome, has_trace))
      .status();
}

int RunExplore(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed =
      ParseCommandArgs(args, kFlags, 0, 0, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  absl::StatusOr<ExploreRequest> req = ParseExploreRequest(*parsed, ProcessEnv());
  if (!req.ok()) return ReportError(io, req.status());
  return RunExploreRequest(*req, io, nullptr);
}

}  // namespace

int RunExploreRequest(ExploreRequest& req, CommandIo& io,
                      const std::function<void(ExploreOutcome&)>& after_runs) {
  std::vector<absl::Status> errors;
  if (!req.shard_status_file.empty()) {
    if (absl::Status s = WriteFileAtomically(req.shard_status_file, ""); !s.ok()) errors.push_back(s);
  }
  if (absl::Status s = RunExploration(req, io); !s.ok()) return ReportError(io, s);
  if (after_runs) after_runs(req.outcome);
  if (absl::Status s = DescribeFailures(req, errors); !s.ok()) return ReportError(io, s);
  if (!req.junit_path.empty()) {
    absl::Status s = WriteFileAtomically(req.junit_path, FormatJUnitXml(req.outcome));
    if (!s.ok()) errors.push_back(s);
  }
  PrintOutcome(req, io);  // the finding first, then any write error (stdout: commands.cc)
  if (!req.report_dir.empty()) {
    absl::Status s = WriteReport(req.report_dir, req.outcome);
    if (!s.ok()) {
      errors.push_back(s);
    } else if (!req.json) {
      io.out << "report: " << req.report_dir << "/index.html\n";
    }
  }
  for (const absl::Status& s : errors) ReportError(io, s);
  return ExitCodeFor(req.outcome, !errors.empty());
}

const Command kExploreCommand = {"explore", "run schedules of a scenario and report the first failure",
                                 kHelp, &RunExplore};

}  // namespace cli
