// The exploration plan and tally; see explore_plan.h.
#include "explore/explore_plan.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "sim/check.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

constexpr auto kProgressInterval = std::chrono::milliseconds(500);

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
  const bool sequential = (*probe)->LearnsFromRuns() == sim::Strategy::kEveryRun;
  if (sequential && options.shard_count > 1) {
    return absl::InvalidArgumentError(absl::StrCat(
        "strategy ", options.strategy,
        " carries every run into the next and cannot be sharded (use --shard 0/1)"));
  }
  absl::StatusOr<BuiltTarget> built = BuildTarget(target);
  if (!built.ok()) return built.status();

  ExplorePlan plan;
  plan.options_ = options;
  plan.built_ = *std::move(built);
  plan.shard_runs_ = options.runs > options.shard_index
                         ? (options.runs - options.shard_index + options.shard_count - 1) /
                               options.shard_count
                         : 0;
  plan.sequential_ = sequential;
  if (options.time_budget_s > 0) {
    // The wall-time budget decides how many runs start, never what a run does.
    plan.deadline_ = std::chrono::steady_clock::now() +  // nondeterminism-ok: --time
                     std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(options.time_budget_s));
  }
  return plan;
}

std::unique_ptr<sim::Strategy> ExplorePlan::MakeStrategy() const {
  return *sim::MakeStrategy(options_.strategy);  // the spec was checked by Make
}

RunReport ExplorePlan::RunWith(sim::Strategy& strategy, uint64_t run_index) const {
  if (options_.generate) return RunGenerated(run_index);
  sim::RunOptions run_options;
  run_options.max_steps = built_.scenario->max_steps;
  const sim::RunStart run(sim::RunSeed(options_.seed, run_index), run_index);
  RunReport report = RunWorkload(built_.workload, strategy, run, run_options,
                                 MonitorOptionsFor(built_.target));
  StampReport(report, built_.target, options_.seed, run_index);
  return report;
}

RunReport ExplorePlan::RunGenerated(uint64_t run_index) const {
  const GeneratedRun generated = options_.generate(run_index);
  absl::StatusOr<std::unique_ptr<sim::Strategy>> strategy = sim::MakeStrategy(generated.strategy);
  POOLCHECK_CHECK(strategy.ok(), "a generated run names a known strategy");
  absl::StatusOr<BuiltTarget> built = BuildTarget(generated.target);
  POOLCHECK_CHECK(built.ok(), "a generated run's target builds");
  sim::RunOptions run_options;
  run_options.max_steps = built->scenario->max_steps;
  const sim::RunStart run(sim::RunSeed(options_.seed, run_index), run_index);
  RunReport report = RunWorkload(built->workload, **strategy, run, run_options,
                                 MonitorOptionsFor(built->target));
  StampReport(report, built->target, options_.seed, run_index);
  return report;
}

std::optional<RunReport> ExplorePlan::Run(uint64_t run_index) const {
  RunSequence sequence(*this);
  return sequence.Run(run_index);
}

RunSequence::RunSequence(const ExplorePlan& plan)
    : plan_(plan), strategy_(plan.MakeStrategy()) {}

bool ExplorePlan::CrashedLearningRun(uint64_t run_index) const {
  return std::find(crashed_learning_runs_.begin(), crashed_learning_runs_.end(), run_index) !=
         crashed_learning_runs_.end();
}

bool RunSequence::LearnBefore(uint64_t run_index) {
  POOLCHECK_CHECK(!last_index_ || run_index > *last_index_,
                  "a RunSequence makes its runs in ascending index order");
  last_index_ = run_index;
  const uint64_t needed = std::min(run_index, strategy_->LearnsFromRuns());
  for (; learned_through_ < needed; ++learned_through_) {
    if (plan_.CrashedLearningRun(learned_through_)) continue;  // it taught nothing
    // A run this process does not own, made only so the strategy learns what it would
    // have learned in the process that owns it. Its report is dropped.
    if (plan_.RunWith(*strategy_, learned_through_).result.exhausted) return false;
  }
  return true;
}

std::string RunSequence::DescribeRun(uint64_t run_index) {
  if (!LearnBefore(run_index)) return plan_.options().strategy;
  strategy_->StartRun(sim::RunStart(sim::RunSeed(plan_.options().seed, run_index), run_index));
  return strategy_->Describe();
}

std::optional<RunReport> RunSequence::Run(uint64_t run_index) {
  if (!LearnBefore(run_index)) return std::nullopt;
  RunReport report = plan_.RunWith(*strategy_, run_index);
  if (run_index == learned_through_) ++learned_through_;
  if (report.result.exhausted) return std::nullopt;
  return report;
}

bool ExplorePlan::StopRequested() const {
  return options_.stop != nullptr && options_.stop->load(std::memory_order_relaxed) != 0;
}

bool ExplorePlan::PastDeadline() const {
  if (StopRequested()) return true;
  // The wall-time budget decides how many runs start, never what a run does.
  const auto now = std::chrono::steady_clock::now();  // nondeterminism-ok: --time
  return deadline_.has_value() && now >= *deadline_;
}

std::string FailureShape(const std::string& message) {
  std::string shape;
  for (char c : message.substr(0, message.find('\n'))) {
    const bool digit = c >= '0' && c <= '9';
    if (digit && !shape.empty() && shape.back() == '#') continue;
    shape.push_back(digit ? '#' : c);
  }
  return shape;
}

uint64_t FailureKey(const std::string& failure_id, const std::string& location,
                    const std::string& message) {
  // FNV-1a: stable across processes, builds and machines (never std::hash).
  uint64_t h = 0xcbf29ce484222325ull;
  const std::string shape = FailureShape(message);
  for (const std::string* part : {&failure_id, &location, &shape}) {
    for (unsigned char c : *part) h = (h ^ c) * 0x100000001b3ull;
    h = (h ^ 0xff) * 0x100000001b3ull;
  }
  return h == 0 ? 1 : h;
}

RunRecord RecordOf(const RunReport& report) {
  const sim::RunResult& r = report.result;
  return RunRecord{report.run_index, r.fingerprint, r.failed() ? 1u : 0u,
                   r.failed() ? FailureKey(r.failure.Name(), r.location, r.message) : 0,
                   static_cast<uint64_t>(report.known_bug_end)};
}

ExploreTally::ExploreTally(const ExploreOptions& options)
    : options_(options),
      last_progress_(std::chrono::steady_clock::now()) {}  // nondeterminism-ok: progress only

void ExploreTally::Add(const RunRecord& record) {
  ++runs_;
  failures_ += record.failed;
  fingerprints_.Add(record.fingerprint);
  if (record.known_bug != 0) {
    ++known_bug_runs_;
    if (record.known_bug == static_cast<uint64_t>(KnownBugEnd::kPanic)) ++known_bug_panics_;
    if (!first_known_bug_run_ || record.index < *first_known_bug_run_) {
      first_known_bug_run_ = record.index;
    }
  }
  if (record.failed == 0) return;
  FailureGroup& group = groups_[record.failure_key];
  if (group.runs == 0 || record.index < group.first_run) group.first_run = record.index;
  group.key = record.failure_key;
  ++group.runs;
}

void ExploreTally::FillSummary(ExploreSummary& summary) const {
  summary.runs_done = runs_;
  summary.failures = failures_;
  summary.distinct = fingerprints_;
  summary.distinct_interleavings = fingerprints_.Count();
  summary.known_bug_runs = known_bug_runs_;
  summary.known_bug_panics = known_bug_panics_;
  summary.first_known_bug_run = first_known_bug_run_;
  summary.groups.clear();
  for (const auto& [key, group] : groups_) summary.groups.push_back(group);
  std::sort(summary.groups.begin(), summary.groups.end(),
            [](const FailureGroup& a, const FailureGroup& b) { return a.first_run < b.first_run; });
}

void ExploreTally::MaybeReportProgress() {
  if (!options_.progress) return;
  const auto now = std::chrono::steady_clock::now();  // nondeterminism-ok: progress only
  if (now - last_progress_ < kProgressInterval) return;
  last_progress_ = now;
  options_.progress(runs_, failures_, distinct());
}

}  // namespace explore
