// POS (sim/strategies/pos.h) on the pool: on async-reset it finds golang/go#31480
// (invariant I6) in the minimal configuration within 200 runs on each of 5 exploration
// seeds, each failure replays from its token, one or two worker processes give the same
// summary, and on sync-reset (the fix) the same exploration finds nothing. The mutants
// POS catches are in pos_mutant_test.cc.
#include <string>

#include "explore/runner.h"
#include "explore/testing/targets.h"
#include "gtest/gtest.h"

namespace scenarios {
namespace {
namespace testing = ::explore::testing;
using model::sql::Mutation;
using model::sql::PoolVersion;

explore::Target Minimal31480(PoolVersion pool) {
  return testing::MakeTarget("issue31480", pool, Mutation::kNone,
                             {{"clients", "2"}, {"ops_per_client", "2"}, {"max_open", "2"},
                              {"max_idle", "2"}, {"capacity", "1"}});
}

TEST(PosFindsPoolBugs, Issue31480OnAsyncResetOnEverySeedAndReplayed) {
  // Shows POS finds I6 (a healthy conn marked bad by a full resetterCh and discarded) on
  // seeds 1..5 within 200 runs each, printing the run it took, and every token replays to
  // the same failure and fingerprint.
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    absl::StatusOr<explore::ExploreSummary> s = explore::Explore(
        Minimal31480(PoolVersion::kAsyncReset), testing::Options("pos", 200, seed));
    ASSERT_TRUE(s.ok()) << s.status();
    ASSERT_TRUE(s->first_failure.has_value()) << "seed " << seed << ": nothing in 200 runs";
    EXPECT_EQ(s->first_failure->result.failure.Name(), "I6") << s->first_failure->result.message;
    std::printf("  pos seed %llu: I6 at run %llu\n", static_cast<unsigned long long>(seed),
                static_cast<unsigned long long>(s->first_failure->run_index));
    testing::ExpectReplayReproduces(*s->first_failure);
  }
}

TEST(PosFindsPoolBugs, NothingOnSyncReset) {
  // Shows the I6 failures above are the pre-fix pool's: 200 POS runs of the same
  // configuration on sync-reset all pass.
  absl::StatusOr<explore::ExploreSummary> s =
      explore::Explore(Minimal31480(PoolVersion::kSyncReset), testing::Options("pos", 200, 1));
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->runs_done, 200u);
  EXPECT_FALSE(s->first_failure.has_value()) << s->first_failure->result.message;
}

TEST(PosFindsPoolBugs, SameSummaryWithOneOrTwoWorkerProcesses) {
  // Shows a POS run depends only on its seed and index, not on which worker makes it: 60
  // runs (keep_going) on async-reset give the same failure count, distinct interleavings
  // and lowest failing run (index and fingerprint) in one process and in two.
  explore::ExploreOptions one = testing::Options("pos", 60, 3, 1);
  one.keep_going = true;
  explore::ExploreOptions two = one;
  two.jobs = 2;
  const explore::Target target = Minimal31480(PoolVersion::kAsyncReset);
  absl::StatusOr<explore::ExploreSummary> a = explore::Explore(target, one);
  absl::StatusOr<explore::ExploreSummary> b = explore::Explore(target, two);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(a->first_failure.has_value());
  EXPECT_GT(a->failures, 0u);
  EXPECT_LT(a->failures, 60u);
  EXPECT_EQ(a->failures, b->failures);
  EXPECT_EQ(a->distinct_interleavings, b->distinct_interleavings);
  ASSERT_TRUE(b->first_failure.has_value());
  EXPECT_EQ(a->first_failure->run_index, b->first_failure->run_index);
  EXPECT_EQ(a->first_failure->result.fingerprint, b->first_failure->result.fingerprint);
}

}  // namespace
}  // namespace scenarios
