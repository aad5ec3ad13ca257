// The golang/go#31480 findings. On async-reset, exploring the reporter's workload with PCT
// finds the I6 violation (a healthy conn discarded because resetterCh was full) within
// 100 runs for each of 20 exploration seeds: (a) at the reporter's scale with an instant
// driver, (b) with every driver call taking 10ms +- 5ms of virtual time, (c) in the
// smallest configuration found. Whether callers see ErrBadConn or only lose conns is
// measured with I6 switched off. On sync-reset nothing is found. Numbers print as they are
// measured; scenarios/FINDINGS.md records them.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "gtest/gtest.h"
#include "model/driver/driver.h"
#include "explore/runner.h"
#include "explore/target.h"
#include "explore/testing/targets.h"
#include "sim/strategy_registry.h"

namespace scenarios {
namespace {
namespace testing = ::explore::testing;
using ::explore::BuildTarget;
using ::explore::BuiltTarget;
using ::explore::Explore;
using ::explore::ExploreSummary;
using ::explore::RunReport;
using ::explore::RunWorkload;
using ::explore::Target;

using model::sql::PoolVersion;

using testing::Options;

constexpr int kSeeds = 20;
constexpr uint64_t kRunsPerSeed = 100;

Target Issue31480(PoolVersion pool, Params params = {}) {
  return testing::MakeTarget("issue31480", pool, model::sql::Mutation::kNone, std::move(params));
}

// Explores `target` with PCT for seeds 1..kSeeds and returns, per seed, the number of
// runs it took to find the first failure (0 if none was found within kRunsPerSeed).
// Every failure found must be I6.
std::vector<uint64_t> RunsToFailure(const Target& target) {
  std::vector<uint64_t> runs;
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    absl::StatusOr<ExploreSummary> s = Explore(target, Options("pct", kRunsPerSeed, seed));
    EXPECT_TRUE(s.ok()) << s.status();
    if (!s.ok() || !s->first_failure) {
      runs.push_back(0);
      continue;
    }
    EXPECT_EQ(s->first_failure->result.failure.Name(), "I6") << s->first_failure->result.message;
    runs.push_back(s->first_failure->run_index + 1);
  }
  return runs;
}

uint64_t Median(std::vector<uint64_t> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void ExpectFoundOnEverySeed(const char* label, const Target& target) {
  const std::vector<uint64_t> runs = RunsToFailure(target);
  for (size_t i = 0; i < runs.size(); ++i) {
    EXPECT_GT(runs[i], 0u) << label << ": seed " << i + 1 << " found nothing in "
                           << kRunsPerSeed << " runs";
  }
  std::string list;
  for (uint64_t r : runs) list += " " + std::to_string(r);
  std::printf("[31480] %s: I6 found on %d/%d seeds; runs to failure:%s; median %lu\n", label,
              static_cast<int>(std::count_if(runs.begin(), runs.end(),
                                             [](uint64_t r) { return r > 0; })),
              kSeeds, list.c_str(), Median(runs));
}

TEST(Issue31480, ReporterScaleInstantDriver) {
  // Shows (a): 500 clients, maxOpen 128, maxIdle 32, resetterCh capacity 50, instant
  // driver: PCT finds I6 on async-reset within 100 runs for every one of 20 seeds.
  ExpectFoundOnEverySeed("reporter scale, instant driver", Issue31480(PoolVersion::kAsyncReset));
}

TEST(Issue31480, ReporterScaleSlowDriver) {
  // Shows (b): the same workload with every driver call taking 5ms + 0..10ms (10ms +- 5ms)
  // of virtual time, the jitter chosen by the strategy: found on every seed too.
  ExpectFoundOnEverySeed("reporter scale, 10ms +- 5ms driver",
                         Issue31480(PoolVersion::kAsyncReset,
                                    {{"latency_ms", "5"}, {"jitter_ms", "10"}}));
}

// The smallest failing configuration. A search of capacity 1-2 x clients 1-4 x ops 1-3 x
// maxOpen 1-4 x maxIdle 1-4 (384 configurations, 20 seeds x 100 PCT runs each) found
// failures exactly where clients >= capacity+1, maxOpen >= capacity+1 and each client
// runs >= 2 queries (any maxIdle): capacity+1 conns come back while the resetter has not
// drained the channel, so the last is marked bad, and a second query takes it.
Params MinimalConfig() {
  return {{"clients", "2"}, {"ops_per_client", "2"}, {"max_open", "2"}, {"max_idle", "2"},
          {"capacity", "1"}};
}

TEST(Issue31480, MinimalConfiguration) {
  // Shows (c): 2 clients x 2 queries with resetterCh capacity 1 fail on every seed, and
  // that the configuration is minimal along each axis: one client fewer, one op fewer, or
  // maxOpen 1 finds nothing on any seed, and capacity 2 needs a third client (and maxOpen
  // 3).
  ExpectFoundOnEverySeed("minimal: 2 clients x 2 ops, capacity 1",
                         Issue31480(PoolVersion::kAsyncReset, MinimalConfig()));
  for (const auto& [key, value] : std::vector<std::pair<std::string, std::string>>{
           {"clients", "1"}, {"ops_per_client", "1"}, {"max_open", "1"}, {"capacity", "2"}}) {
    Params smaller = MinimalConfig();
    smaller[key] = value;
    const std::vector<uint64_t> runs = RunsToFailure(Issue31480(PoolVersion::kAsyncReset, smaller));
    EXPECT_EQ(std::count(runs.begin(), runs.end(), 0u), kSeeds) << key << "=" << value;
  }
  Params three = MinimalConfig();
  three["clients"] = "3";
  three["max_open"] = "3";
  three["capacity"] = "2";
  ExpectFoundOnEverySeed("3 clients x 2 ops, maxOpen 3, capacity 2",
                         Issue31480(PoolVersion::kAsyncReset, three));
}

// Client ops that got ErrBadConn in `runs` PCT runs with I6 switched off, per run.
std::vector<size_t> BadConnErrorsPerRun(const Target& target, uint64_t runs) {
  absl::StatusOr<BuiltTarget> built = BuildTarget(target);
  EXPECT_TRUE(built.ok()) << built.status();
  properties::MonitorOptions without_i6;
  without_i6.enabled = without_i6.enabled.Without(properties::InvariantId::kI6);
  std::vector<size_t> errors;
  for (uint64_t i = 0; i < runs && built.ok(); ++i) {
    std::unique_ptr<sim::Strategy> pct = *sim::MakeStrategy("pct");
    sim::RunOptions options;
    options.max_steps = built->scenario->max_steps;
    RunReport r = RunWorkload(built->workload, *pct, sim::RunStart(sim::RunSeed(1, i), i), options, without_i6);
    EXPECT_FALSE(r.result.failed()) << r.result.failure.Name() << ": " << r.result.message;
    errors.push_back(static_cast<size_t>(std::count_if(
        r.client_ops.begin(), r.client_ops.end(),
        [](const properties::ClientOp& op) { return model::driver::IsBadConn(op.status); })));
  }
  return errors;
}

TEST(Issue31480, CallersSeeErrBadConnOnlyWhenTheDriverTakesTime) {
  // Shows what the bug does to callers, measured with I6 off so runs go to the end: with
  // an instant driver (and in the minimal configuration) callers never get ErrBadConn, the
  // retries hide it and only conns are lost (which I6 reports); with 10ms +- 5ms calls,
  // every run has callers that get ErrBadConn, the symptom in the #31480 report.
  for (const Target& quiet : {Issue31480(PoolVersion::kAsyncReset),
                              Issue31480(PoolVersion::kAsyncReset, MinimalConfig())}) {
    for (size_t n : BadConnErrorsPerRun(quiet, 20)) EXPECT_EQ(n, 0u);
  }
  const std::vector<size_t> slow = BadConnErrorsPerRun(
      Issue31480(PoolVersion::kAsyncReset, {{"latency_ms", "5"}, {"jitter_ms", "10"}}), 5);
  std::string list;
  for (size_t n : slow) {
    EXPECT_GT(n, 0u);
    list += " " + std::to_string(n);
  }
  std::printf("[31480] callers with ErrBadConn per run (of 500), slow driver:%s\n",
              list.c_str());
}

TEST(Issue31480, FixedPoolFindsNothing) {
  // Shows the fixed pool (sync-reset) passes the reporter's workload: 300 PCT and 300 random
  // runs (10,000 each in the long test) with every invariant holding, and measures runs
  // per second at full scale.
  for (const char* strategy : {"pct", "random"}) {
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<ExploreSummary> s =
        Explore(Issue31480(PoolVersion::kSyncReset), Options(strategy, 300, 1));
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(s.ok()) << s.status();
    EXPECT_EQ(s->runs_done, 300u);
    EXPECT_FALSE(s->first_failure.has_value()) << s->first_failure->result.message;
    std::printf("[31480] seed, %s: 300 runs in %.1fs = %.1f runs/s, %lu distinct\n", strategy,
                seconds, 300 / seconds, s->distinct_interleavings);
  }
}

}  // namespace
}  // namespace scenarios
