// Scheduling decisions per second: the harness (RunProgram with the random walk, with PCT,
// and with PCT's linear-scan reference, on goroutines that only yield) next to the raw fcontext loop, for 4, 64 and 512
// goroutines. Each iteration
// makes about 2^16 decisions. Run: build/bench/poolcheck_bench
#include <benchmark/benchmark.h>

#include <cstdint>

#include "ratio_reporter.h"
#include "raw_switch.h"
#include "sim/go.h"
#include "sim/run.h"
#include "sim/strategies/pct.h"
#include "sim/strategies/random_walk.h"
#include "sim/strategy_registry.h"

namespace bench {
namespace {

constexpr uint32_t kDecisionsPerIteration = 1 << 16;

uint32_t YieldsPer(int64_t goroutines) {
  return static_cast<uint32_t>(kDecisionsPerIteration / goroutines);
}

// Runs the yield-only program under `strategy`, reporting decisions per CPU second.
void RunYielders(benchmark::State& state, sim::Strategy& strategy) {
  const int64_t goroutines = state.range(0);
  const uint32_t yields = YieldsPer(goroutines);
  const auto program = [goroutines, yields] {
    for (int64_t g = 0; g < goroutines; ++g) {
      sim::Go("yielder", [yields] {
        for (uint32_t i = 0; i < yields; ++i) sim::Gosched();
      });
    }
  };
  uint64_t decisions = 0, run = 0;
  for (auto _ : state) {
    const sim::RunStart start(sim::RunSeed(1, run), run);
    ++run;
    const sim::RunResult r = sim::RunProgram(strategy, start, {}, program);
    if (r.failed()) state.SkipWithError(r.message.c_str());
    decisions += r.steps;
  }
  state.counters["decisions_per_s"] =
      benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kIsRate);
}

void Harness(benchmark::State& state) {
  sim::RandomWalkStrategy random;
  RunYielders(state, random);
}

// The same under PCT (d=3), whose pick keeps runnable goroutines in a priority heap.
void HarnessPct(benchmark::State& state) {
  sim::PctStrategy pct(3, sim::PctStrategy::kDefaultSteps);
  RunYielders(state, pct);
}

// PCT with the linear argmax over every candidate it had before the heap (the reference
// the heap must match pick for pick): the "before" of the O(log n) pick, in the same run.
void HarnessPctLinear(benchmark::State& state) {
  sim::PctStrategy pct(3, sim::PctStrategy::kDefaultSteps, {}, sim::PctStrategy::PickMode::kLinearScan);
  RunYielders(state, pct);
}

void RawSwitch(benchmark::State& state) {
  RawSwitchLoop loop(static_cast<size_t>(state.range(0)), YieldsPer(state.range(0)));
  uint64_t decisions = 0, run = 0;
  for (auto _ : state) {
    decisions += loop.Run(run++);
    benchmark::DoNotOptimize(loop.trace().data());
  }
  state.counters["decisions_per_s"] =
      benchmark::Counter(static_cast<double>(decisions), benchmark::Counter::kIsRate);
}

BENCHMARK(Harness)->ArgName("goroutines")->Arg(4)->Arg(64)->Arg(512)->Unit(benchmark::kMillisecond);
BENCHMARK(HarnessPct)->ArgName("goroutines")->Arg(4)->Arg(64)->Arg(512)->Unit(benchmark::kMillisecond);
BENCHMARK(HarnessPctLinear)->ArgName("goroutines")->Arg(4)->Arg(64)->Arg(512)->Unit(benchmark::kMillisecond);
BENCHMARK(RawSwitch)->ArgName("goroutines")->Arg(4)->Arg(64)->Arg(512)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace bench

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  bench::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
