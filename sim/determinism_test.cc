// Determinism of whole runs: a program using every primitive (goroutines, buffered and
// unbuffered channels, select, Mutex, WaitGroup, timers, AfterFunc, Sleep, a context
// timeout and data choices) gives the same result, step count, end time and fingerprint
// when run twice with one seed, for 1,000 random-walk seeds and 200 PCT seeds; and
// different seeds explore different schedules.
#include <cstdio>
#include <memory>
#include <set>

#include "gtest/gtest.h"
#include "sim/go.h"
#include "sim/strategies/pct.h"
#include "sim/strategies/prng.h"
#include "sim/strategies/random_walk.h"
#include "sim/strategy_registry.h"

namespace sim {
namespace {

struct Shared {
  Chan<int> jobs = Chan<int>::Make(4);
  Chan<int> results = Chan<int>::Make();
  Mutex mu;
  int total = 0;
  bool after_func_ran = false;
  WaitGroup wg;
  Context ctx = Context::Background();
};

constexpr int kWorkers = 4, kJobs = 12;
constexpr Duration kTimeout = Duration::Milliseconds(8);

void Worker(std::shared_ptr<Shared> st) {
  for (;;) {
    int job = 0;
    bool ok = false;
    Select pick;
    pick.RecvOk(st->jobs, &job, &ok).Recv(st->ctx.Done());
    if (pick.Wait() == 1 || !ok) break;
    {
      LockGuard guard(st->mu);
      st->total += job;
    }
    Select deliver;
    deliver.Send(st->results, job * 2).Recv(st->ctx.Done());
    if (deliver.Wait() == 1) break;
  }
  st->wg.Done();
}

void Producer(std::shared_ptr<Shared> st) {
  for (int i = 0; i < kJobs; ++i) {
    Select s;
    s.Send(st->jobs, i).Recv(st->ctx.Done());
    if (s.Wait() == 1) break;
    if (ChooseBool("producer pauses")) Sleep(Duration::Milliseconds(1));
  }
  st->jobs.Close();
  st->wg.Done();
}

void Collector(std::shared_ptr<Shared> st) {
  Chan<Instant> give_up = After(Duration::Milliseconds(30));
  for (int received = 0; received < kJobs;) {
    Select s;
    s.Recv(st->results).Recv(give_up).Recv(st->ctx.Done());
    if (s.Wait() != 0) break;
    ++received;
  }
  st->wg.Done();
}

void Ticker(std::shared_ptr<Shared> st) {
  Timer tick = NewTimer(Duration::Milliseconds(3));
  for (int ticks = 0; ticks < 3; ++ticks) {
    Select s;
    s.Recv(tick.C()).Recv(st->ctx.Done());
    if (s.Wait() == 1) break;
    tick.Reset(Duration::Milliseconds(1 + static_cast<int64_t>(ChooseIndex(3, "tick"))));
  }
  tick.Stop();
  st->wg.Done();
}

std::function<void()> BusyProgram() {
  return [] {
    auto st = std::make_shared<Shared>();
    auto [ctx, cancel] = WithTimeout(Context::Background(), kTimeout);
    st->ctx = ctx;
    AfterFunc(Duration::Milliseconds(2), [st] { st->after_func_ran = true; });
    st->wg.Add(kWorkers + 3);
    for (int i = 0; i < kWorkers; ++i) Go("worker", [st] { Worker(st); });
    Go("producer", [st] { Producer(st); });
    Go("collector", [st] { Collector(st); });
    Go("ticker", [st] { Ticker(st); });
    st->wg.Wait();
    cancel();
  };
}

void ExpectSameRun(const RunResult& a, const RunResult& b, uint64_t seed) {
  EXPECT_EQ(a.fingerprint, b.fingerprint) << "seed " << seed;
  EXPECT_EQ(a.steps, b.steps) << "seed " << seed;
  EXPECT_EQ(a.end_time, b.end_time) << "seed " << seed;
  EXPECT_EQ(a.failure.Name(), b.failure.Name()) << "seed " << seed;
  EXPECT_EQ(a.choices, b.choices) << "seed " << seed;
}

// Runs each seed twice with fresh strategies; returns the distinct fingerprints and
// counts failed runs and runs that reached the context's deadline (end time >= kTimeout).
std::set<uint64_t> RunTwicePerSeed(const std::string& spec, uint64_t seeds, int* failed,
                                   int* timed_out, uint64_t* digest) {
  const std::function<void()> program = BusyProgram();
  std::set<uint64_t> fingerprints;
  for (uint64_t i = 0; i < seeds; ++i) {
    const uint64_t seed = RunSeed(7, i);
    std::unique_ptr<Strategy> first = *MakeStrategy(spec);
    std::unique_ptr<Strategy> second = *MakeStrategy(spec);
    const RunResult a = RunProgram(*first, seed, {}, program);
    const RunResult b = RunProgram(*second, seed, {}, program);
    ExpectSameRun(a, b, seed);
    fingerprints.insert(a.fingerprint);
    if (a.failed()) ++*failed;
    if (a.end_time.Sub(Instant::Epoch()) >= kTimeout) ++*timed_out;
    *digest = SplitMix64Mix(*digest ^ a.fingerprint);
  }
  return fingerprints;
}

TEST(DeterminismTest, RandomWalkSameSeedSameRunOver1000Seeds) {
  // Shows determinism on 1,000 seeds (each run twice, fingerprints, steps, end times,
  // failure ids and choice streams equal) and diversity: at least 950 distinct
  // fingerprints. Also checks the program takes both paths: most runs succeed, and
  // between 5% and 95% of them reach the context's deadline. The digest of all fingerprints is printed so builds of other
  // types or machines can be compared by eye.
  int failed = 0, timed_out = 0;
  uint64_t digest = 0;
  const std::set<uint64_t> fingerprints =
      RunTwicePerSeed("random", 1000, &failed, &timed_out, &digest);
  std::printf("  random: %zu distinct fingerprints of 1000, %d failed, %d hit the timeout, "
              "digest %016llx\n", fingerprints.size(), failed, timed_out,
              static_cast<unsigned long long>(digest));
  EXPECT_GE(fingerprints.size(), 950u);
  EXPECT_LT(failed, 50);
  EXPECT_GT(timed_out, 50);
  EXPECT_LT(timed_out, 950);
}

TEST(DeterminismTest, PctSameSeedSameRunOver200Seeds) {
  // Shows the same for PCT (fresh strategy per run, so k is the spec's): 200 seeds, each
  // run twice identically, at least 150 distinct fingerprints.
  int failed = 0, timed_out = 0;
  uint64_t digest = 0;
  const std::set<uint64_t> fingerprints =
      RunTwicePerSeed("pct:depth=3,steps=300", 200, &failed, &timed_out, &digest);
  std::printf("  pct: %zu distinct fingerprints of 200, %d failed, digest %016llx\n",
              fingerprints.size(), failed, static_cast<unsigned long long>(digest));
  EXPECT_GE(fingerprints.size(), 150u);
}

TEST(DeterminismTest, ARunDoesNotDependOnTheRunsBeforeIt) {
  // Shows runs are independent (so explorations can be sharded): seed s run after 50
  // other runs on one strategy object gives the same fingerprint as seed s run first.
  const std::function<void()> program = BusyProgram();
  RandomWalkStrategy warmed;
  for (uint64_t i = 0; i < 50; ++i) RunProgram(warmed, RunSeed(9, i), {}, program);
  RandomWalkStrategy fresh;
  const uint64_t seed = RunSeed(9, 50);
  EXPECT_EQ(RunProgram(warmed, seed, {}, program).fingerprint,
            RunProgram(fresh, seed, {}, program).fingerprint);
}

}  // namespace
}  // namespace sim
