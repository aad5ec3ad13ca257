// `poolcheck fuzz`: runs generated cases (scenarios/workload_gen.h): run i is a workload
// and a schedule strategy generated from (--seed, i), on a pool version drawn from the
// version table (or from --pool). Everything else is `poolcheck explore`'s: budget, jobs,
// shards, progress line, failure files, JSON, JUnit, exit codes (RunExploreRequest). A
// failing case is shrunk (its workload, then its schedule: explore/shrink_workload.h) and
// printed as a short program with a pc1 token that replay, shrink and trace accept.
// --stats prints the generator's reach histogram (also in the JSON).
#include <memory>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/explore_request.h"
#include "explore/shrink_workload.h"
#include "explore/workload_target.h"
#include "properties/known_bugs.h"
#include "scenarios/fault_fired.h"
#include "scenarios/workload_gen.h"
#include "scenarios/workload_reach.h"
#include "sim/strategies/prng.h"
#include "sim/strategy_registry.h"

namespace cli {
namespace {

constexpr char kHelp[] =
    "usage: poolcheck fuzz [flags]\n\n"
    "Runs generated cases: run i's pool version, configuration, clients, driver latency,\n"
    "fault plan and schedule strategy are all drawn from (--seed, i). Stops at the first\n"
    "failing case, shrinks it (workload, then schedule) and prints it as a short program\n"
    "with a token that poolcheck replay, shrink and trace accept. Exit codes as explore's.\n\n"
    "flags:\n"
    "  --pool VERSIONS       comma-separated pool versions to draw from (default: every\n"
    "                        version poolcheck list shows)\n"
    "  --runs N              cases (default 100)\n"
    "  --time DURATION       stop starting cases after this much wall time; without\n"
    "                        --runs, runs until then\n"
    "  --seed S              fuzz seed (default 1)\n"
    "  --allow-known-bug B   look past known bugs (names, comma-separated, or all)\n"
    "  --jobs J, --shard I/N, --keep-going, --json, --junit FILE, --save-failure FILE,\n"
    "  --failures-dir DIR, --no-failure-files, --progress-every D, --until-risk P,\n"
    "  --report DIR          as for poolcheck explore\n"
    "  --no-shrink           print the failing case as generated\n"
    "  --stats               print the generator's reach histogram: the share of cases\n"
    "                        using each op, setting, context kind and driver fault (planned),\n"
    "                        and of cases where a caller waited for a conn and where each\n"
    "                        planned fault fired (always in --json)\n";

constexpr FlagSpec kFlags[] = {
    {"--pool", "VERSIONS"}, {"--runs", "N"},     {"--time", "DURATION"}, {"--seed", "S"},
    {"--jobs", "J"},        {"--shard", "I/N"},  {"--keep-going", ""},   {"--json", ""},
    {"--junit", "FILE"},    {"--save-failure", "FILE"}, {"--allow-known-bug", "NAMES"},
    {"--failures-dir", "DIR"}, {"--no-failure-files", ""}, {"--progress-every", "DURATION"},
    {"--until-risk", "P"},  {"--report", "DIR"}, {"--stats", ""},        {"--no-shrink", ""},
};

// The pool event of a caller that found no free conn and waited for one.
constexpr char kWaitEvent[] = "conn: wait as req#_";

// What every generated run shares: the generator options and the judging.
struct FuzzSetup {
  scenarios::GenOptions gen;
  properties::KnownBugAllowances allow;
  uint64_t seed = 1;
};

// The seed of generated case `run_index`.
uint64_t CaseSeed(const FuzzSetup& setup, uint64_t run_index) {
  return sim::RunSeed(setup.seed, run_index);
}

explore::GeneratedRun Generated(const FuzzSetup& setup, uint64_t run_index) {
  const uint64_t seed = CaseSeed(setup, run_index);
  explore::Target target = explore::WorkloadTarget(scenarios::Generate(seed, setup.gen),
                                                   properties::InvariantSet::All(), setup.allow);
  return explore::GeneratedRun{std::move(target), scenarios::GenerateStrategy(seed)};
}

absl::Status ParseVersions(const ParsedArgs& args, FuzzSetup& setup) {
  std::optional<std::string> pools = args.Get("--pool");
  if (!pools) return absl::OkStatus();
  for (absl::string_view name : absl::StrSplit(*pools, ',', absl::SkipEmpty())) {
    absl::StatusOr<model::sql::PoolVersion> v = model::sql::ParsePoolVersion(name);
    if (!v.ok()) return v.status();
    setup.gen.versions.push_back(*v);
  }
  if (setup.gen.versions.empty()) return absl::InvalidArgumentError("--pool: no version named");
  return absl::OkStatus();
}

absl::StatusOr<ExploreRequest> ParseFuzzRequest(const ParsedArgs& args,
                                                std::shared_ptr<FuzzSetup>& setup) {
  setup = std::make_shared<FuzzSetup>();
  if (absl::Status s = ParseVersions(args, *setup); !s.ok()) return s;
  if (std::optional<std::string> allow = args.Get("--allow-known-bug")) {
    absl::StatusOr<properties::KnownBugAllowances> a = properties::ParseKnownBugs(*allow);
    if (!a.ok()) return a.status();
    setup->allow = *a;
  }
  ExploreRequest req;
  // The exploration's own target only describes it; every run is generated.
  req.target = explore::WorkloadTarget(scenarios::Workload{});
  req.target.scenario = "workload";
  req.target.allow = setup->allow;
  req.options.strategy = "random";  // unused: each case brings its own (never learns)
  if (absl::Status s = ParseRunFlags(args, ProcessEnv(), req); !s.ok()) return s;
  setup->seed = req.options.seed;
  req.options.generate = [setup](uint64_t i) { return Generated(*setup, i); };
  req.outcome.scenario = "fuzz";
  req.outcome.strategy = "generated";
  req.outcome.pool = setup->gen.versions.empty() ? "all" : *args.Get("--pool");
  return req;
}

// The reach histogram over the runs counted: the shard's run indices below runs_done.
void AddReach(const FuzzSetup& setup, const ExploreRequest& req, ExploreOutcome& o) {
  scenarios::ReachTally tally;
  for (uint64_t k = 0; k < o.summary.runs_done; ++k) {
    const uint64_t i = req.options.shard_index + k * req.options.shard_count;
    tally.Add(scenarios::Generate(CaseSeed(setup, i), setup.gen));
  }
  const auto& events = o.summary.coverage.events();
  auto runs_reaching = [&events](const std::string& event) -> uint64_t {
    auto it = events.find(event);
    return it == events.end() ? 0 : it->second.runs;
  };
  tally.AddMeasured("caller waited for a conn", runs_reaching(kWaitEvent));
  for (const scenarios::FaultTarget& target : scenarios::FaultTargets()) {
    tally.AddMeasured(absl::StrCat("fault fired ", target.name),
                      runs_reaching(scenarios::FaultFiredEvent(target.name)));
  }
  o.reach = tally.Rows();
}

// Replaces each failure group's first run by its shrunk form (the printed report and token
// then show the small program).
void ShrinkFailures(ExploreOutcome& o) {
  for (explore::FailureGroup& group : o.summary.groups) {
    if (!group.first || !group.first->target.workload) continue;
    // A run that crashed its worker would crash this process if rerun here.
    if (group.first->result.failure.kind == sim::FailureKind::kCrash) continue;
    absl::StatusOr<explore::RunReport> shrunk = explore::ShrinkWorkloadRun(*group.first, {});
    if (shrunk.ok()) group.first = *std::move(shrunk);
  }
  if (!o.summary.groups.empty() && o.summary.first_failure) {
    o.summary.first_failure = o.summary.groups.front().first;
  }
}

int RunFuzz(std::span<const std::string> args, CommandIo& io) {
  int exit_code = kExitOk;
  std::optional<ParsedArgs> parsed = ParseCommandArgs(args, kFlags, 0, 0, kHelp, io, &exit_code);
  if (!parsed) return exit_code;
  std::shared_ptr<FuzzSetup> setup;
  absl::StatusOr<ExploreRequest> req = ParseFuzzRequest(*parsed, setup);
  if (!req.ok()) return ReportError(io, req.status());
  const bool stats = parsed->Has("--stats") || req->json;
  const bool shrink = !parsed->Has("--no-shrink");
  return RunExploreRequest(*req, io, [&](ExploreOutcome& o) {
    if (stats) AddReach(*setup, *req, o);
    if (shrink) ShrinkFailures(o);
  });
}

}  // namespace

const Command kFuzzCommand = {"fuzz", "run generated workloads and schedules; shrink a failure",
                              kHelp, &RunFuzz};

}  // namespace cli
