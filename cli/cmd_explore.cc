// `poolcheck explore`: runs many schedules of one scenario on one pool version; on the
// first failing run prints its report (or, with --keep-going, counts every failure).
#include <chrono>
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/explore_outcome.h"
#include "cli/progress.h"
#include "cli/rerun.h"
#include "cli/token_input.h"
#include "cli/values.h"
#include "properties/known_bugs.h"
#include "explore/runner.h"
#include "model/sql/pool_version.h"
#include "scenarios/scenario.h"
#include "sim/strategy_registry.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck explore --scenario NAME [flags]\n\n"
    "Runs schedules of a scenario, each run a fresh strategy seeded from (--seed, run\n"
    "index), and stops at the first failing run with its report. Exit 0 when no run\n"
    "failed, 1 when one did, 2 on bad input.\n\n"
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
    "  --shard I/N           run only the I-th of N disjoint slices of the runs (I from 0)\n"
    "  --keep-going          do not stop at the first failure; count them all\n"
    "  --json                print a machine-readable summary on stdout instead of text\n"
    "  --junit FILE          write a JUnit XML report\n"
    "  --save-failure FILE   write the failing run's token to FILE; the printed replay\n"
    "                        command then uses the file\n";

constexpr FlagSpec kFlags[] = {
    {"--scenario", "NAME"}, {"--pool", "VERSION"},    {"--strategy", "SPEC"},
    {"--runs", "N"},        {"--time", "DURATION"},   {"--seed", "S"},
    {"--param", "KEY=VALUE", true}, {"--jobs", "J"},  {"--shard", "I/N"},
    {"--keep-going", ""},   {"--json", ""},           {"--junit", "FILE"},
    {"--save-failure", "FILE"}, {"--allow-known-bug", "NAMES"},
};

struct ExploreRequest {
  explore::Target target;
  explore::ExploreOptions options;
  ExploreOutcome outcome;  // the request's half, filled in here
  bool json = false;
  std::string junit_path;
  std::string save_failure_path;
};

absl::Status ParseRunBounds(const ParsedArgs& args, ExploreRequest& req) {
  if (std::optional<std::string> time = args.Get("--time")) {
    absl::StatusOr<double> seconds = ParseDurationSeconds("--time", *time);
    if (!seconds.ok()) return seconds.status();
    req.options.time_budget_s = *seconds;
    req.options.runs = std::numeric_limits<uint64_t>::max();
  }
  if (std::optional<std::string> runs = args.Get("--runs")) {
    absl::StatusOr<uint64_t> n = ParseUint("--runs", *runs, 1, std::numeric_limits<uint64_t>::max());
    if (!n.ok()) return n.status();
    req.options.runs = *n;
  }
  if (std::optional<std::string> seed = args.Get("--seed")) {
    absl::StatusOr<uint64_t> s = ParseUint("--seed", *seed, 0, std::numeric_limits<uint64_t>::max());
    if (!s.ok()) return s.status();
    req.options.seed = *s;
  }
  if (std::optional<std::string> jobs = args.Get("--jobs")) {
    absl::StatusOr<uint64_t> j = ParseUint("--jobs", *jobs, 1, 256);
    if (!j.ok()) return j.status();
    req.options.jobs = static_cast<uint32_t>(*j);
  }
  if (std::optional<std::string> shard = args.Get("--shard")) {
    absl::StatusOr<Shard> s = ParseShard(*shard);
    if (!s.ok()) return s.status();
    req.options.shard_index = s->index;
    req.options.shard_count = s->count;
  }
  return absl::OkStatus();
}

absl::Status ParseTarget(const ParsedArgs& args, ExploreRequest& req) {
  std::optional<std::string> name = args.Get("--scenario");
  if (!name) return absl::InvalidArgumentError("explore needs --scenario NAME (try: poolcheck list)");
  absl::StatusOr<const scenarios::Scenario*> scenario = scenarios::FindScenario(*name);
  if (!scenario.ok()) return scenario.status();
  absl::StatusOr<scenarios::Params> params =
      scenarios::ResolveParams(**scenario, args.All("--param"));
  if (!params.ok()) return params.status();
  req.target.scenario = *name;
  req.target.params = *params;
  if (std::optional<std::string> pool = args.Get("--pool")) {
    absl::StatusOr<model::sql::PoolVersion> v = model::sql::ParsePoolVersion(*pool);
    if (!v.ok()) return v.status();
    req.target.pool = *v;
  }
  if (std::optional<std::string> allow = args.Get("--allow-known-bug")) {
    absl::StatusOr<properties::KnownBugAllowances> a = properties::ParseKnownBugs(*allow);
    if (!a.ok()) return a.status();
    req.target.allow = *a;
  }
  req.options.strategy = args.Get("--strategy").value_or("portfolio");
  absl::StatusOr<std::unique_ptr<sim::Strategy>> strategy = sim::MakeStrategy(req.options.strategy);
  if (!strategy.ok()) return strategy.status();
  return absl::OkStatus();
}

absl::StatusOr<ExploreRequest> ParseRequest(const ParsedArgs& args) {
  ExploreRequest req;
  if (absl::Status s = ParseTarget(args, req); !s.ok()) return s;
  if (absl::Status s = ParseRunBounds(args, req); !s.ok()) return s;
  req.options.keep_going = args.Has("--keep-going");
  req.json = args.Has("--json");
  req.junit_path = args.Get("--junit").value_or("");
  req.save_failure_path = args.Get("--save-failure").value_or("");
  ExploreOutcome& o = req.outcome;
  o.scenario = req.target.scenario;
  o.pool = std::string(model::sql::PoolVersionName(req.target.pool));
  o.strategy = req.options.strategy;
  o.params = req.target.params;
  o.allowed_known_bugs = properties::KnownBugNames(req.target.allow);
  o.seed = req.options.seed;
  o.runs_requested = req.options.runs == std::numeric_limits<uint64_t>::max() ? 0 : req.options.runs;
  o.time_budget_s = req.options.time_budget_s;
  o.shard = Shard{req.options.shard_index, req.options.shard_count};
  o.jobs = req.options.jobs;
  return req;
}

// The report of the first failing run, through the same rerun as `poolcheck replay`.
absl::Status DescribeFailure(ExploreRequest& req) {
  const explore::RunReport& failure = *req.outcome.summary.first_failure;
  const std::string token_text = sim::EncodeToken(failure.token);
  std::string replay_arg = token_text;
  if (!req.save_failure_path.empty()) {
    const std::string comment = absl::StrCat(
        "poolcheck replay token: ", failure.result.failure_id, " in ", req.outcome.scenario,
        " pool=", req.outcome.pool, " run=", failure.run_index, "\nreplay: poolcheck replay ",
        req.save_failure_path);
    if (absl::Status s = SaveTokenFile(req.save_failure_path, comment, token_text); !s.ok()) return s;
    replay_arg = req.save_failure_path;
  }
  absl::StatusOr<PrintedRun> printed = ReplayAndFormat(failure.token, replay_arg);
  if (!printed.ok()) return absl::InternalError(printed.status().message());
  if (!printed->failed || printed->failure_id != failure.result.failure_id) {
    return absl::InternalError(absl::StrCat("the failing run ", failure.run_index,
                                            " did not fail the same way when rerun"));
  }
  req.outcome.failure_report = printed->text;
  req.outcome.failure_token = token_text;
  return absl::OkStatus();
}

std::string SummaryLine(const ExploreOutcome& o) {
  const double seconds = static_cast<double>(o.elapsed_ms) / 1000.0;
  return absl::StrFormat(
      "%s %s: %d runs, %d failing, %d distinct interleavings%s (%.1fs, %.0f runs/s)\n",
      o.summary.failures > 0 ? "FAILED" : "passed", ExplorationTitle(o), o.summary.runs_done,
      o.summary.failures, o.summary.distinct_interleavings,
      o.summary.exhausted ? ", search space exhausted" : "", seconds,
      seconds > 0 ? static_cast<double>(o.summary.runs_done) / seconds : 0.0);
}

int RunExplore(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed =
      ParseCommandArgs(args, kFlags, 0, 0, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  absl::StatusOr<ExploreRequest> req = ParseRequest(*parsed);
  if (!req.ok()) return ReportError(io, req.status());
  ProgressLine progress(io.err, io.err_is_terminal, req->outcome.runs_requested);
  req->options.progress = [&progress](uint64_t done, uint64_t failures, uint64_t distinct) {
    progress.Update(done, failures, distinct);
  };
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<explore::ExploreSummary> summary = explore::Explore(req->target, req->options);
  progress.Finish();
  if (!summary.ok()) return ReportError(io, summary.status());
  req->outcome.summary = *std::move(summary);
  req->outcome.elapsed_ms = static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
  if (req->outcome.summary.first_failure) {
    if (absl::Status s = DescribeFailure(*req); !s.ok()) return ReportError(io, s);
  }
  if (!req->junit_path.empty()) {
    if (absl::Status s = WriteTextFile(req->junit_path, FormatJUnitXml(req->outcome)); !s.ok()) {
      return ReportError(io, s);
    }
  }
  if (req->json) {
    io.out << FormatSummaryJson(req->outcome);
  } else {
    if (!req->outcome.failure_report.empty()) io.out << req->outcome.failure_report << "\n";
    io.out << SummaryLine(req->outcome);
  }
  return req->outcome.summary.failures > 0 ? kExitFailure : kExitOk;
}

}  // namespace

const Command kExploreCommand = {"explore", "run schedules of a scenario and report the first failure",
                                 kHelp, &RunExplore};

}  // namespace cli
