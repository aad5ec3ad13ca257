// `poolcheck verify`: bounded verification of one scenario configuration with DPOR
// (explore/verify.h). Ends with a counterexample (the usual failure report and token,
// exit 1), "verified: ..." (exit 0), or, when --runs or --time runs out before the tree
// does, "budget exhausted ..." (exit 4): never a green "passed" for an unfinished search.
#include <limits>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/rerun.h"
#include "cli/token_input.h"
#include "cli/values.h"
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
    "  --runs N              stop after N executions\n"
    "  --time DURATION       stop starting executions after this much wall time (60s, 5m)\n"
    "  --allow-known-bug B   look past a known bug of the pool (as for explore)\n"
    "  --save-failure FILE   write a counterexample's token to FILE\n";

constexpr FlagSpec kFlags[] = {
    {"--scenario", "NAME"},   {"--param", "KEY=VALUE", true}, {"--pool", "VERSION"},
    {"--preemptions", "B"},   {"--runs", "N"},                {"--time", "DURATION"},
    {"--allow-known-bug", "NAMES"}, {"--save-failure", "FILE"},
};

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
  return options.preemption_bound == explore::VerifyOptions::kUnbounded
             ? std::string("unbounded")
             : absl::StrCat(options.preemption_bound);
}

// The counterexample's report, through the same rerun as `poolcheck replay`.
absl::Status PrintCounterexample(const explore::RunReport& failure, const std::string& save_path,
                                 CommandIo& io) {
  const std::string token_text = sim::EncodeToken(failure.token);
  std::string replay_arg = token_text;
  if (!save_path.empty()) {
    const std::string comment = absl::StrCat("poolcheck verify counterexample: ",
                                             failure.result.failure.Name(), " in ",
                                             failure.target.scenario, "\nreplay: poolcheck replay ",
                                             save_path);
    if (absl::Status s = SaveTokenFile(save_path, comment, token_text); !s.ok()) return s;
    replay_arg = save_path;
  }
  absl::StatusOr<PrintedRun> printed = ReplayAndFormat(failure.token, replay_arg);
  if (!printed.ok()) return absl::InternalError(printed.status().message());
  if (!printed->failed()) return absl::InternalError("the counterexample did not fail when rerun");
  io.out << printed->text << "\n";
  return absl::OkStatus();
}

int RunVerify(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed = ParseCommandArgs(args, kFlags, 0, 0, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  absl::StatusOr<explore::Target> target = ParseVerifyTarget(*parsed);
  if (!target.ok()) return ReportError(io, target.status());
  absl::StatusOr<explore::VerifyOptions> options = ParseVerifyOptions(*parsed);
  if (!options.ok()) return ReportError(io, options.status());
  if (io.err_is_terminal) {
    options->progress = [&io](const explore::VerifyProgress& p) {
      io.err << absl::StrFormat("\r%d executions, depth %d, ~%.0f remaining   ", p.executions,
                                p.depth, p.estimated_remaining);
      io.err.flush();
    };
  }
  absl::StatusOr<explore::VerifyResult> result = explore::Verify(*target, *options);
  if (io.err_is_terminal) io.err << "\r" << std::string(60, ' ') << "\r";
  if (!result.ok()) return ReportError(io, result.status());
  const std::string bound = BoundText(*options);
  switch (result->verdict) {
    case explore::VerifyVerdict::kCounterexample:
      if (absl::Status s = PrintCounterexample(*result->counterexample,
                                               parsed->Get("--save-failure").value_or(""), io);
          !s.ok()) {
        return ReportError(io, s);
      }
      io.out << absl::StrFormat("counterexample after %d executions (%s, %.1fs)\n",
                                result->executions, result->strategy, result->seconds);
      return kExitFailure;
    case explore::VerifyVerdict::kVerified:
      io.out << absl::StrFormat(
          "verified: no invariant violated in %d executions covering every interleaving up "
          "to bound %s (%s, %.1fs)\n",
          result->executions, bound, result->strategy, result->seconds);
      return kExitOk;
    case explore::VerifyVerdict::kBudgetExhausted:
      io.out << absl::StrFormat(
          "budget exhausted before the tree: %d executions, ~%.0f remaining (Knuth estimate); "
          "NOT verified (bound %s, %.1fs)\n",
          result->executions, result->estimated_remaining, bound, result->seconds);
      return kExitIncomplete;
  }
  return kExitInternal;
}

}  // namespace

const Command kVerifyCommand = {"verify",
                                "check every interleaving of a configuration (partial-order reduction)",
                                kHelp, &RunVerify};

}  // namespace cli
