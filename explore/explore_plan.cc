// The exploration plan and tally; see explore_plan.h.
#include "explore/explore_plan.h"

#include "absl/strings/str_cat.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

// The default portfolio's members (sim/strategies/portfolio.h: pct:depth=3, random,
// pct:depth=2). Run i of a portfolio goes to member i mod this; explore_test checks that
// fresh per-run portfolios agree with one portfolio run in sequence.
constexpr uint32_t kDefaultPortfolioTurns = 3;

constexpr auto kProgressInterval = std::chrono::milliseconds(500);

std::string StrategyName(const std::string& spec) { return spec.substr(0, spec.find(':')); }

}  // namespace

absl::StatusOr<ExplorePlan> ExplorePlan::Make(const Target& target,
                                              const ExploreOptions& options) {
  if (options.shard_count == 0 || options.shard_index >= options.shard_count) {
    return absl::InvalidArgumentError(absl::StrCat("bad shard ", options.shard_index, "/",
                                                   options.shard_count,
                                                   " (want index < count)"));
  }
  if (options.jobs == 0) return absl::InvalidArgumentError("jobs must be at least 1");
  absl::StatusOr<std::unique_ptr<sim::Strategy>> probe = sim::MakeStrategy(options.strategy);
  if (!probe.ok()) return probe.status();
  absl::StatusOr<BuiltTarget> built = BuildTarget(target);
  if (!built.ok()) return built.status();

  ExplorePlan plan;
  plan.options_ = options;
  plan.built_ = *std::move(built);
  plan.shard_runs_ = options.runs > options.shard_index
                         ? (options.runs - options.shard_index + options.shard_count - 1) /
                               options.shard_count
                         : 0;
  if (StrategyName(options.strategy) == "portfolio") {
    plan.portfolio_turns_ = kDefaultPortfolioTurns;
  }
  if (options.time_budget_s > 0) {
    // The wall-time budget decides how many runs start, never what a run does.
    plan.deadline_ = std::chrono::steady_clock::now() +  // nondeterminism-ok: --time
                     std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(options.time_budget_s));
  }
  return plan;
}

std::unique_ptr<sim::Strategy> ExplorePlan::StrategyForRun(uint64_t run_index) const {
  std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(options_.strategy);
  // A portfolio hands run i to member i mod n: advance a fresh one to run i's turn.
  if (portfolio_turns_ > 0) {
    for (uint64_t turn = 0; turn < run_index % portfolio_turns_; ++turn) {
      strategy->StartRun(sim::RunSeed(options_.seed, run_index));
    }
  }
  return strategy;
}

RunReport ExplorePlan::RunWith(sim::Strategy& strategy, uint64_t run_index) const {
  sim::RunOptions run_options;
  run_options.max_steps = built_.scenario->max_steps;
  RunReport report = RunWorkload(built_.workload, strategy,
                                 sim::RunSeed(options_.seed, run_index), run_options,
                                 MonitorOptionsFor(built_.target));
  StampReport(report, built_.target, options_.seed, run_index);
  return report;
}

RunReport ExplorePlan::Run(uint64_t run_index) const {
  std::unique_ptr<sim::Strategy> strategy = StrategyForRun(run_index);
  return RunWith(*strategy, run_index);
}

bool ExplorePlan::PastDeadline() const {
  // The wall-time budget decides how many runs start, never what a run does.
  const auto now = std::chrono::steady_clock::now();  // nondeterminism-ok: --time
  return deadline_.has_value() && now >= *deadline_;
}

ExploreTally::ExploreTally(const ExploreOptions& options)
    : options_(options),
      last_progress_(std::chrono::steady_clock::now()) {}  // nondeterminism-ok: progress only

void ExploreTally::Add(const RunRecord& record) {
  ++runs_;
  failures_ += record.failed;
  fingerprints_.insert(record.fingerprint);
}

void ExploreTally::MaybeReportProgress() {
  if (!options_.progress) return;
  const auto now = std::chrono::steady_clock::now();  // nondeterminism-ok: progress only
  if (now - last_progress_ < kProgressInterval) return;
  last_progress_ = now;
  options_.progress(runs_, failures_, distinct());
}

}  // namespace explore
