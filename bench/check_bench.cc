// What invariant checking costs at the reporter's scale: runs per second of scenario
// issue31480 at its defaults (500 clients, maxOpen 128, sync-reset) under the random walk,
// with every invariant checked after every step (the default), with the per-step checks
// in the full-scan reference mode (MonitorOptions::full_scan: every step reads the whole
// pool view, as before the checks were made incremental), and with no per-step checks.
// The ratio reporter prints Checked / FullScan and Checked / Unchecked.
// Run: build/bench/poolcheck_bench --benchmark_filter=Issue31480
#include <benchmark/benchmark.h>

#include <cstdint>

#include "explore/runner.h"
#include "explore/target.h"
#include "sim/strategies/random_walk.h"
#include "sim/strategy_registry.h"

namespace bench {
namespace {

enum class CheckMode { kIncremental, kFullScan, kNone };

void RunIssue31480(benchmark::State& state, CheckMode mode) {
  explore::Target target;
  target.scenario = "issue31480";
  absl::StatusOr<explore::BuiltTarget> built = explore::BuildTarget(target);
  if (!built.ok()) {
    state.SkipWithError(built.status().ToString().c_str());
    return;
  }
  properties::MonitorOptions monitor = explore::MonitorOptionsFor(built->target);
  monitor.per_step_checks = mode != CheckMode::kNone;
  monitor.full_scan = mode == CheckMode::kFullScan;
  sim::RunOptions options;
  options.max_steps = built->scenario->max_steps;
  sim::RandomWalkStrategy random;
  uint64_t runs = 0, steps = 0;
  for (auto _ : state) {
    const sim::RunStart start(sim::RunSeed(1, runs), runs);
    const explore::RunReport r =
        explore::RunWorkload(built->workload, random, start, options, monitor);
    if (r.result.failed()) state.SkipWithError(r.result.message.c_str());
    steps += r.result.steps;
    ++runs;
  }
  state.counters["runs_per_s"] =
      benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
  state.counters["steps_per_run"] = static_cast<double>(steps) / static_cast<double>(runs);
}

void Issue31480Checked(benchmark::State& state) { RunIssue31480(state, CheckMode::kIncremental); }
void Issue31480FullScan(benchmark::State& state) { RunIssue31480(state, CheckMode::kFullScan); }
void Issue31480Unchecked(benchmark::State& state) { RunIssue31480(state, CheckMode::kNone); }

BENCHMARK(Issue31480Checked)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(Issue31480FullScan)->Unit(benchmark::kMillisecond)->MinTime(2.0);
BENCHMARK(Issue31480Unchecked)->Unit(benchmark::kMillisecond)->MinTime(2.0);

}  // namespace
}  // namespace bench
