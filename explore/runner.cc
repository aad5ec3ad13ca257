// One run of a workload with every invariant checked (RunWorkload), and replay of a token
// (Replay). Exploration of many runs lives in explore.cc.
#include "explore/runner.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "model/fakedb/fake_driver.h"
#include "properties/known_bugs.h"
#include "explore/target.h"
#include "scenarios/fault_fired.h"
#include "scenarios/workload_run.h"
#include "sim/crash_note.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

// The token of a finished run: the strategy and seed, and the choice stream if it is
// short enough to carry; always the steps and fingerprint to check a replay against.
sim::ReplayToken TokenFor(const sim::RunResult& result, const std::string& strategy,
                          uint64_t run_seed) {
  sim::ReplayToken token;
  token.strategy = strategy;
  token.run_seed = run_seed;
  token.steps = result.steps;
  token.fingerprint = result.fingerprint;
  token.has_choices = result.choices.size() <= kMaxTokenChoices;
  if (token.has_choices) token.choices = result.choices;
  return token;
}

// Marks a replay that ran to a different end than the token recorded (sim::ReplayMismatch),
// unless the replay strategy already reported where it diverged.
void CheckSameRun(const sim::ReplayToken& token, sim::RunResult& result) {
  if (result.failure.kind == sim::FailureKind::kDivergence || RecordsACrash(token)) return;
  std::optional<std::string> mismatch = sim::ReplayMismatch(token, result);
  if (!mismatch) return;
  result.message = result.failed() ? absl::StrCat(*mismatch, "; the replay ended with ",
                                                  result.failure.Name(), ": ", result.message)
                                   : *mismatch;
  result.failure = sim::FailureId{sim::FailureKind::kDivergence, ""};
}

// A deadlock in the state an allowed known bug leaves is that bug's consequence, and a
// panic an allowed known bug raises (its message, raised in its code) is that bug: not a
// new failure. The allowance covers it, and the report says so.
void AttributeToKnownBug(const properties::Monitor& monitor, model::sql::PoolVersion version,
                         RunReport& report) {
  sim::RunResult& r = report.result;
  std::string bug;
  if (r.failure.kind == sim::FailureKind::kDeadlock) {
    bug = monitor.KnownBugHolding();
    if (bug.empty()) return;
    report.known_bug_end = KnownBugEnd::kDeadlock;
    r.message = absl::StrCat("deadlock attributed to allowed known bug ", bug, ": ", r.message);
  } else if (r.failure.kind == sim::FailureKind::kPanic) {
    bug = properties::AllowedKnownPanic(monitor.options().allow, r.location, r.message, version);
    if (bug.empty()) return;
    report.known_bug_end = KnownBugEnd::kPanic;
    r.message = absl::StrCat("panic attributed to allowed known bug ", bug, ": ", r.message,
                             " (raised at ", r.location, ")");
  } else {
    return;
  }
  report.known_bug_consequence = bug;
  r.failure = {};
}

}  // namespace

RunReport RunWorkload(const scenarios::Workload& workload, sim::Strategy& strategy,
                      const sim::RunStart& run,
                      const sim::RunOptions& options) {
  return RunWorkload(workload, strategy, run, options, properties::MonitorOptions{});
}

RunReport RunWorkload(const scenarios::Workload& workload, sim::Strategy& strategy,
                      const sim::RunStart& run,
                      const sim::RunOptions& options,
                      const properties::MonitorOptions& monitor_options) {
  properties::ClientLog log;
  std::shared_ptr<model::fakedb::FakeDriver> driver =
      model::fakedb::FakeDriver::Create(workload.driver);
  properties::Monitor monitor(driver, log, monitor_options);
  scenarios::WorkloadEnv env;
  env.driver = driver;
  env.log = &log;
  env.on_open = [&monitor](const std::shared_ptr<model::sql::DB>& db) { monitor.Attach(db); };

  RunReport report;
  CoverageRecorder coverage;
  report.result = sim::RunProgram(strategy, run, options, scenarios::WorkloadMain(workload, env),
                                  monitor.Hooks());
  report.coverage = coverage.Finish(monitor.counters(), monitor.options());
  scenarios::AddFiredFaultEvents(driver->log(), report.coverage.events);
  AttributeToKnownBug(monitor, workload.pool.version, report);
  report.strategy = strategy.Describe();
  report.client_ops = log.ops();
  report.workload_text = workload.Show();
  report.token = TokenFor(report.result, report.strategy, run.seed);
  return report;
}

absl::StatusOr<RunReport> RunTarget(const Target& target, sim::Strategy& strategy,
                                    uint64_t exploration_seed, const sim::RunStart& run,
                                    bool record_trace) {
  absl::StatusOr<BuiltTarget> built = BuildTarget(target);
  if (!built.ok()) return built.status();
  sim::RunOptions options;
  options.max_steps = built->scenario->max_steps;
  options.record_trace = record_trace;
  // Named before it runs, so a run that crashes a test binary still leaves its token.
  sim::ReplayToken named = TokenFor(sim::RunResult{}, strategy.Describe(), run.seed);
  named.has_choices = false;
  named.meta = TargetMeta(built->target, exploration_seed, run.index);
  const std::string text = sim::EncodeToken(named);
  const sim::ScopedCrashNote note(
      absl::StrCat("token: ", text, "\nreplay: poolcheck replay ", text));
  RunReport report = RunWorkload(built->workload, strategy, run, options,
                                 MonitorOptionsFor(built->target));
  StampReport(report, built->target, exploration_seed, run.index);
  return report;
}

bool RecordsACrash(const sim::ReplayToken& token) {
  return !token.has_choices && token.steps == 0 && token.fingerprint == 0;
}

absl::StatusOr<RunReport> Replay(const sim::ReplayToken& token, bool record_trace) {
  absl::StatusOr<Target> target = TargetFromMeta(token.meta);
  if (!target.ok()) return target.status();
  absl::StatusOr<std::unique_ptr<sim::Strategy>> strategy = sim::MakeReplayStrategy(token);
  if (!strategy.ok()) return strategy.status();
  absl::StatusOr<RunReport> report =
      RunTarget(*target, **strategy, MetaNumber(token.meta, "seed"),
                sim::RunStart(token.run_seed, MetaNumber(token.meta, "run")), record_trace);
  if (!report.ok()) return report.status();
  CheckSameRun(token, report->result);
  // The replay is the token's run: keep its strategy (not "replay") and its choices.
  report->strategy = token.strategy;
  report->token = token;
  return report;
}

}  // namespace explore
