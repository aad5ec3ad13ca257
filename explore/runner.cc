// One run of a workload with every invariant checked (RunWorkload), and replay of a token
// (Replay). Exploration of many runs lives in explore.cc.
#include "explore/runner.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "model/fakedb/fake_driver.h"
#include "explore/target.h"
#include "scenarios/workload_run.h"
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
  if (result.failure_id == "divergence") return;
  std::optional<std::string> mismatch = sim::ReplayMismatch(token, result);
  if (!mismatch) return;
  result.message = result.failed ? absl::StrCat(*mismatch, "; the replay ended with ",
                                                result.failure_id, ": ", result.message)
                                 : *mismatch;
  result.failed = true;
  result.failure_id = "divergence";
}

// A deadlock in the state an allowed known bug leaves is that bug's consequence, not a
// new failure: the allowance covers it, and the report says so.
void AttributeToKnownBug(const properties::Monitor& monitor, RunReport& report) {
  sim::RunResult& r = report.result;
  if (!r.failed || r.failure_id != "deadlock") return;
  const std::string bug = monitor.KnownBugHolding();
  if (bug.empty()) return;
  report.known_bug_consequence = bug;
  r.failed = false;
  r.message = absl::StrCat("deadlock attributed to allowed known bug ", bug, ": ", r.message);
  r.failure_id = "";
}

}  // namespace

RunReport RunWorkload(const scenarios::Workload& workload, sim::Strategy& strategy, uint64_t run_seed,
                      const sim::RunOptions& options) {
  return RunWorkload(workload, strategy, run_seed, options, properties::MonitorOptions{});
}

RunReport RunWorkload(const scenarios::Workload& workload, sim::Strategy& strategy, uint64_t run_seed,
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
  report.result = sim::RunProgram(strategy, run_seed, options, scenarios::WorkloadMain(workload, env),
                                  monitor.Hooks());
  AttributeToKnownBug(monitor, report);
  report.strategy = strategy.Describe();
  report.client_ops = log.ops();
  report.workload_text = workload.Show();
  report.token = TokenFor(report.result, report.strategy, run_seed);
  return report;
}

absl::StatusOr<RunReport> Replay(const sim::ReplayToken& token, bool record_trace) {
  absl::StatusOr<Target> target = TargetFromMeta(token.meta);
  if (!target.ok()) return target.status();
  absl::StatusOr<BuiltTarget> built = BuildTarget(*target);
  if (!built.ok()) return built.status();
  absl::StatusOr<std::unique_ptr<sim::Strategy>> strategy = sim::MakeReplayStrategy(token);
  if (!strategy.ok()) return strategy.status();

  sim::RunOptions options;
  options.max_steps = built->scenario->max_steps;
  options.record_trace = record_trace;
  RunReport report = RunWorkload(built->workload, **strategy, token.run_seed, options,
                                 MonitorOptionsFor(built->target));
  CheckSameRun(token, report.result);
  StampReport(report, built->target, MetaNumber(token.meta, "seed"),
              MetaNumber(token.meta, "run"));
  // The replay is the token's run: keep its strategy (not "replay") and its choices.
  report.strategy = token.strategy;
  report.token = token;
  return report;
}

}  // namespace explore
