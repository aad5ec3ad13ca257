// Long explorations (label "long", run with `ctest -L long`): the fixed pool (sync-reset) passes
// the #31480 workload for 10,000 PCT and 10,000 random runs, strictly, and every other
// scenario passes 10,000 runs of each strategy looking past the two known upstream bugs of
// sync-reset (explore/known_bugs_explore_test.cc keeps both found; strictly, this exploration finds them at
// runs 402 and 5027). Runs go to two worker processes; the results are
// the same as in one process (explore_test shows that).
#include <chrono>
#include <cstdio>

#include "gtest/gtest.h"
#include "explore/runner.h"
#include "explore/testing/targets.h"

namespace scenarios {
namespace {
namespace testing = ::explore::testing;
using ::explore::Explore;
using ::explore::ExploreOptions;
using ::explore::ExploreSummary;
using ::explore::Target;

constexpr uint64_t kLongRuns = 10'000;

void ExpectPasses(const Target& target, const std::string& strategy) {
  const std::string& scenario = target.scenario;
  ExploreOptions options;
  options.strategy = strategy;
  options.runs = kLongRuns;
  options.seed = 2019;
  options.jobs = 2;
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<ExploreSummary> s = Explore(target, options);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->runs_done, kLongRuns) << scenario << " " << strategy;
  EXPECT_FALSE(s->first_failure.has_value())
      << scenario << " " << strategy << " run " << s->first_failure->run_index << ": "
      << s->first_failure->result.failure.Name() << " " << s->first_failure->result.message;
  std::printf("[long] %s on sync-reset, %s: %lu runs in %.1fs (%.0f runs/s, 2 processes), %lu distinct\n",
              scenario.c_str(), strategy.c_str(), s->runs_done, seconds, s->runs_done / seconds,
              s->distinct_interleavings);
}

TEST(Issue31480Long, FixedPoolTenThousandPctRuns) {
  // Shows sync-reset passes the reporter's workload for 10,000 PCT runs.
  ExpectPasses(testing::MakeTarget("issue31480", model::sql::PoolVersion::kSyncReset), "pct");
}

TEST(Issue31480Long, FixedPoolTenThousandRandomRuns) {
  // Shows sync-reset passes the reporter's workload for 10,000 random-walk runs.
  ExpectPasses(testing::MakeTarget("issue31480", model::sql::PoolVersion::kSyncReset), "random");
}

TEST(ScenarioLong, EveryOtherScenarioPassesTenThousandRunsOnSyncReset) {
  // Shows each scenario other than issue31480 passes 10,000 random and 10,000 PCT runs on
  // the fixed pool, every invariant holding but for the two known upstream bugs (see
  // testing::CleanOnFixedPool).
  for (const Scenario& s : AllScenarios()) {
    if (s.name == "issue31480") continue;
    for (const char* strategy : {"random", "pct"}) {
      ExpectPasses(testing::CleanOnFixedPool(s.name), strategy);
    }
  }
}

}  // namespace
}  // namespace scenarios
