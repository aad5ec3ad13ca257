// `poolcheck verify`: bounded verification of one scenario configuration with DPOR
// (explore/verify.h). Ends with a counterexample (the usual failure report and token,
// exit 1), "verified: ..." (exit 0), or, when --runs or --time runs out before the tree
// does, "budget exhausted ..." (exit 4): never a green "passed" for an unfinished search.
// Like explore it shows progress on stderr, keeps a counterexample's token in the
// failures directory and can print a --json summary (cli/verify_summary.h).
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/explore_request.h"
#include "cli/failure_files.h"
#include "cli/progress.h"
#include "cli/rerun.h"
#include "cli/token_input.h"
#include "cli/values.h"
#include "cli/verify_summary.h"
#include "explore/build_identity.h"
#include "explore/target.h"
#include "model/sql/pool_version.h"
#include "explore/verify.h"
#include "properties/known_bugs.h"
#include "scenarios/scenario.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck verify --scenario NAME [flags]\n\n"
    "Runs every interleaving of a scenario configuration, up to a preemption bound, with\n"
    "dynamic partial-order reduction (source-DPOR with sleep sets): runs that differ only\n"
    "in the order of commuting steps are run once. Exit 0: verified (no invariant broken\n"
    "in any interleaving up to the bound); 1: a counterexample (report and token); 2: bad\n"
    "input; 3: internal error; 4: the budget ran out before the search did.\n"
    "Assumes the pool shares memory only through sim primitives (true of Go's\n"
    "data-race-free pool) and the fake driver's declared state.\n\n"
    "flags:\n"
    "  --scenario NAME       the scenario (poolcheck list shows them)\n"
    "  --param KEY=VALUE     set a scenario parameter (repeatable)\n"
    "  --pool VERSION        the pool version (default sync-reset)\n"
    "  --preemptions B       at most B preemptions per run (default unbounded)\n"
    "  --advances A          also explore clock advances to the next timer deadline while\n"
    "                        goroutines can run, at most A per run (default 0)\n"
    "  --runs N              stop after N executions\n"
    "  --time DURATION       stop starting executions after this much wall time (60s, 5m)\n"
    "  --allow-known-bug B   look past a known bug of the pool (as for explore)\n"
    "  --save-failure FILE   write a counterexample's token to FILE\n"
    "  --failures-dir DIR    where the counterexample's token file goes (default\n"
    "                        ./poolcheck-failures; named by content, as for explore)\n"
    "  --no-failure-files    do not write the failure file\n"
    "  --json                print a machine-readable summary on stdout instead of text\n"
    "                        (schema: cli/JSON.md)\n"
    "  --progress-every D    when stderr is not a terminal, a progress line this often\n"
    "                        (default 10s): executions, rate, depth, Knuth estimate\n";

constexpr FlagSpec kFlags[] = {
    {"--scenario", "NAME"},   {"--param", "KEY=VALUE", true}, {"--pool", "VERSION"},
    {"--preemptions", "B"},   {"--advances", "A"},            {"--runs", "N"},
    {"--time", "DURATION"},
    {"--allow-known-bug", "NAMES"}, {"--save-failure", "FILE"},
    {"--failures-dir", "DIR"}, {"--no-failure-files", ""}, {"--json", ""},
    {"--progress-every", "DURATION"},
};

// How the results are written (beyond the verification itself).
struct VerifyOutput {
  std::string save_path;                           // --save-failure
  std::string failures_dir = kDefaultFailuresDir;  // "" with --no-failure-files
  bool json = false;
  double progress_every_s = 10;
};

absl::StatusOr<VerifyOutput> ParseVerifyOutput(const ParsedArgs& args) {
  VerifyOutput out;
  out.save_path = args.Get("--save-failure").value_or("");
  out.json = args.Has("--json");
  if (std::optional<std::string> dir = args.Get("--failures-dir")) {
    if (dir->empty()) return absl::InvalidArgumentError("bad value for --failures-dir: empty");
    out.failures_dir = *dir;
  }
  if (args.Has("--no-failure-files")) {
    if (args.Has("--failures-dir")) {
      return absl::InvalidArgumentError("--no-failure-files and --failures-dir exclude each other");
    }
    out.failures_dir.clear();
  }
  if (std::optional<std::string> every = args.Get("--progress-every")) {
    absl::StatusOr<double> s = ParseDurationSeconds("--progress-every", *every);
    if (!s.ok()) return s.status();
    out.progress_every_s = *s;
  }
  return out;
}

absl::StatusOr<explore::Target> ParseVerifyTarget(const ParsedArgs& args) {
  std::optional<std::string> name = args.Get("--scenario");
  if (!name) return absl::InvalidArgumentError("verify needs --scenario NAME (try: poolcheck list)");
  absl::StatusOr<const scenarios::Scenario*> scenario = scenarios::FindScenario(*name);
  if (!scenario.ok()) return scenario.status();
  absl::StatusOr<scenarios::Params> params = scenarios::ResolveParams(**scenario, args.All("--param"));
  if (!params.ok()) return params.status();
  explore::Target target;
  target.scenario = *name;
  target.params = *params;
  if (std::optional<std::string> pool = args.Get("--pool")) {
    absl::StatusOr<model::sql::PoolVersion> v = model::sql::ParsePoolVersion(*pool);
    if (!v.ok()) return v.status();
    target.pool = *v;
  }
  if (std::optional<std::string> allow = args.Get("--allow-known-bug")) {
    absl::StatusOr<properties::KnownBugAllowances> a = properties::ParseKnownBugs(*allow);
    if (!a.ok()) return a.status();
    target.allow = *a;
  }
  return target;
}

absl::StatusOr<explore::VerifyOptions> ParseVerifyOptions(const ParsedArgs& args) {
  constexpr uint64_t kMax = std::numeric_limits<uint64_t>::max();
  explore::VerifyOptions options;
  if (std::optional<std::string> b = args.Get("--preemptions")) {
    absl::StatusOr<uint64_t> n = ParseUint("--preemptions", *b, 0, 1000);
    if (!n.ok()) return n.status();
    options.preemption_bound = *n;
  }
  if (std::optional<std::string> a = args.Get("--advances")) {
    absl::StatusOr<uint64_t> n = ParseUint("--advances", *a, 0, 1000);
    if (!n.ok()) return n.status();
    options.advance_bound = *n;
  }
  if (std::optional<std::string> runs = args.Get("--runs")) {
    absl::StatusOr<uint64_t> n = ParseUint("--runs", *runs, 1, kMax);
    if (!n.ok()) return n.status();
    options.max_executions = *n;
  }
  if (std::optional<std::string> time = args.Get("--time")) {
    absl::StatusOr<double> seconds = ParseDurationSeconds("--time", *time);
    if (!seconds.ok()) return seconds.status();
    options.time_budget_s = *seconds;
  }
  return options;
}

std::string BoundText(const explore::VerifyOptions& options) {
  std::string text = options.preemption_bound == explore::VerifyOptions::kUnbounded
                         ? std::string("any number of preemptions")
                         : absl::StrCat("at most ", options.preemption_bound, " preemption",
                                        options.preemption_bound == 1 ? "" : "s");
  if (options.advance_bound > 0) {
    absl::StrAppend(&text, " and at most ", options.advance_bound, " clock advance",
                    options.advance_bound == 1 ? "" : "s");
  }
  return text;
}

// Keeps the counterexample's token: in --save-failure's file and in the failures directory.
// Returns the argument the replay command should name (a file, else the token).
absl::StatusOr<std::string> SaveCounterexample(const explore::RunReport& failure,
                                               const VerifyOutput& output, VerifyOutcome& o) {
  std::string replay_arg = o.failure_token;
  auto comment = [&](const std::string& path) {
    return absl::StrCat("poolcheck verify counterexample: ", o.failure_id, " in ",
                        failure.target.scenario, " pool=", o.pool, " execution=",
                        o.executions, "\nreplay: poolcheck replay ", path);
  };
  if (!output.save_path.empty()) {
    if (absl::Status s = SaveTokenFile(output.save_path, comment(output.save_path),
                                       o.failure_token);
        !s.ok()) {
      return s;
    }
    replay_arg = output.save_path;
  }
  if (!output.failures_dir.empty()) {
    const std::string path = absl::StrCat(
        output.failures_dir, "/", FailureFileName(o.failure_id, o.scenario, o.failure_token));
    absl::StatusOr<std::string> written = WriteFailureFile(
        output.failures_dir, o.failure_id, o.scenario, comment(path), o.failure_token);
    if (!written.ok()) return written.status();
    o.failure_file = *written;
    if (output.save_path.empty()) replay_arg = *written;
  }
  return replay_arg;
}

// The counterexample's report, through the same rerun as `poolcheck replay`.
absl::Status PrintCounterexample(const explore::RunReport& failure, const std::string& replay_arg,
                                 CommandIo& io) {
  absl::StatusOr<PrintedRun> printed = ReplayAndFormat(failure.token, replay_arg);
  if (!printed.ok()) return absl::InternalError(printed.status().message());
  if (!printed->failed()) return absl::InternalError("the counterexample did not fail when rerun");
  io.out << printed->text << "\n";
  return absl::OkStatus();
}

VerifyOutcome OutcomeOf(const explore::Target& target, const explore::VerifyOptions& options,
                        const explore::VerifyResult& result) {
  VerifyOutcome o;
  o.scenario = target.scenario;
  o.pool = std::string(model::sql::PoolVersionName(target.pool));
  for (const auto& [key, value] : target.params) o.params[key] = value;
  if (options.preemption_bound != explore::VerifyOptions::kUnbounded) {
    o.preemption_bound = options.preemption_bound;
  }
  if (options.max_executions != explore::VerifyOptions::kUnbounded) {
    o.max_executions = options.max_executions;
  }
  o.time_budget_s = options.time_budget_s;
  o.verdict = result.verdict;
  o.executions = result.executions;
  o.sleep_blocked = result.sleep_blocked;
  o.estimated_remaining = result.estimated_remaining;
  o.elapsed_s = result.seconds;
  o.strategy = result.strategy;
  o.build = explore::SourceId();
  if (result.counterexample) {
    o.failure_id = result.counterexample->result.failure.Name();
    o.failure_message = result.counterexample->result.message;
    o.failure_token = sim::EncodeToken(result.counterexample->token);
  }
  return o;
}

std::string ProgressText(const explore::VerifyProgress& p, double elapsed, bool terminal) {
  const double rate = elapsed > 0 ? static_cast<double>(p.executions) / elapsed : 0;
  if (terminal) {
    return absl::StrFormat("%d executions  %.0f/s  depth %d  ~%.0f remaining (Knuth)  %.1fs",
                           p.executions, rate, p.depth, p.estimated_remaining, elapsed);
  }
  return absl::StrFormat("verify: elapsed %.0fs, execs %d (%.0f/s), depth %d, remaining ~%.0f",
                         elapsed, p.executions, rate, p.depth, p.estimated_remaining);
}

int ExitCodeOf(explore::VerifyVerdict verdict) {
  switch (verdict) {
    case explore::VerifyVerdict::kCounterexample: return kExitFailure;
    case explore::VerifyVerdict::kVerified: return kExitOk;
    case explore::VerifyVerdict::kBudgetExhausted: return kExitIncomplete;
  }
  return kExitInternal;
}

// The text ending: the counterexample's report and line, "verified: ..." or "budget
// exhausted ...". Returns the exit code.
int PrintVerdict(const VerifyOutcome& o, const std::string& bound, CommandIo& io) {
  switch (o.verdict) {
    case explore::VerifyVerdict::kCounterexample:
      if (!o.failure_file.empty()) io.out << "token file: " << o.failure_file << "\n";
      io.out << absl::StrFormat("counterexample after %d executions (%s, %.1fs)\n",
                                o.executions, o.strategy, o.elapsed_s);
      break;
    case explore::VerifyVerdict::kVerified:
      io.out << absl::StrFormat(
          "verified: no invariant violated in %d executions covering every interleaving "
          "with %s (%s, %.1fs)\n",
          o.executions, bound, o.strategy, o.elapsed_s);
      break;
    case explore::VerifyVerdict::kBudgetExhausted:
      io.out << absl::StrFormat(
          "budget exhausted before the tree: %d executions, ~%.0f remaining (Knuth estimate); "
          "NOT verified (%s, %.1fs)\n",
          o.executions, o.estimated_remaining, bound, o.elapsed_s);
      break;
  }
  return ExitCodeOf(o.verdict);
}

int RunVerify(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed = ParseCommandArgs(args, kFlags, 0, 0, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  absl::StatusOr<explore::Target> target = ParseVerifyTarget(*parsed);
  if (!target.ok()) return ReportError(io, target.status());
  absl::StatusOr<explore::VerifyOptions> options = ParseVerifyOptions(*parsed);
  if (!options.ok()) return ReportError(io, options.status());
  absl::StatusOr<VerifyOutput> output = ParseVerifyOutput(*parsed);
  if (!output.ok()) return ReportError(io, output.status());
  ProgressLine progress(io.err, io.err_is_terminal, 0, output->progress_every_s);
  options->progress = [&progress](const explore::VerifyProgress& p) {
    progress.UpdateWith([&p](double elapsed, bool terminal) {
      return ProgressText(p, elapsed, terminal);
    });
  };
  absl::StatusOr<explore::VerifyResult> result = explore::Verify(*target, *options);
  progress.Finish();
  if (!result.ok()) return ReportError(io, result.status());
  VerifyOutcome outcome = OutcomeOf(*target, *options, *result);
  if (result->counterexample) {
    absl::StatusOr<std::string> replay_arg =
        SaveCounterexample(*result->counterexample, *output, outcome);
    if (!replay_arg.ok()) return ReportError(io, replay_arg.status());
    if (!output->json) {
      if (absl::Status s = PrintCounterexample(*result->counterexample, *replay_arg, io); !s.ok()) {
        return ReportError(io, s);
      }
    }
  }
  if (output->json) {
    io.out << FormatVerifyJson(outcome);
    return ExitCodeOf(outcome.verdict);
  }
  return PrintVerdict(outcome, BoundText(*options), io);
}

}  // namespace

const Command kVerifyCommand = {"verify",
                                "check every interleaving of a configuration (partial-order reduction)",
                                kHelp, &RunVerify};

}  // namespace cli
