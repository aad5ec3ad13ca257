// The named scenarios against the pool: each passes on the fixed pool (seed) under random
// and PCT exploration, and each fails on at least one deliberately broken pool (a mutant)
// with the invariant that mutant breaks; every failure found is replayed from its token.
// Also the one real upstream bug the scenarios find on both versions (golang/go#34775).
#include <ostream>
#include <set>
#include <string>

#include "gtest/gtest.h"
#include "explore/runner.h"
#include "explore/target.h"
#include "explore/testing/targets.h"

namespace scenarios {
namespace {
namespace testing = ::explore::testing;
using ::explore::Explore;
using ::explore::ExploreSummary;
using ::explore::Replay;
using ::explore::RunReport;

using model::sql::Mutation;
using model::sql::PoolVersion;

// Runs per strategy in the default suite; the long test runs 10,000.
constexpr uint64_t kPassRuns = 300;
// Runs an exploration may take to find a mutant.
constexpr uint64_t kFindRuns = 200;

using testing::MakeTarget;
using testing::Options;

// Replays a failure's token and expects the same failure.
void ExpectReplayReproduces(const RunReport& failure) {
  absl::StatusOr<RunReport> replay = Replay(failure.token, false);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->result.failure_id, failure.result.failure_id) << replay->result.message;
  EXPECT_EQ(replay->result.fingerprint, failure.result.fingerprint);
}

TEST(ScenarioChecks, EveryScenarioPassesOnTheFixedPool) {
  // Shows each scenario other than issue31480 (which has its own tests) runs kPassRuns
  // random and kPassRuns PCT explorations on sync-reset with every invariant holding, looking
  // past the two known upstream bugs of the fixed pool (see testing::CleanOnFixedPool).
  for (const Scenario& s : AllScenarios()) {
    if (s.name == "issue31480") continue;
    for (const char* strategy : {"random", "pct"}) {
      absl::StatusOr<ExploreSummary> summary =
          Explore(testing::CleanOnFixedPool(s.name), Options(strategy, kPassRuns, 11));
      ASSERT_TRUE(summary.ok()) << s.name << ": " << summary.status();
      EXPECT_EQ(summary->runs_done, kPassRuns) << s.name << " " << strategy;
      EXPECT_FALSE(summary->first_failure.has_value())
          << s.name << " " << strategy << ": " << summary->first_failure->result.failure_id
          << " " << summary->first_failure->result.message;
      EXPECT_GT(summary->distinct_interleavings, 1u) << s.name << " " << strategy;
    }
  }
}

struct MutantCase {
  std::string scenario;
  Mutation mutation;
  std::string strategy;
  std::set<std::string> failure_ids;  // what this mutant may be caught as
  std::string test_name;
};

// Without this, gtest prints the raw bytes of a case (pointers included) into test names
// that CTest lists, so the names would differ from one build to the next.
void PrintTo(const MutantCase& c, std::ostream* out) { *out << c.test_name; }

class MutantIsCaught : public ::testing::TestWithParam<MutantCase> {};

TEST_P(MutantIsCaught, ByTheInvariantItBreaks) {
  // Shows the scenario finds the broken pool within kFindRuns runs, reports the invariant
  // the mutation breaks (or the deadlock it causes), and the token replays to it.
  const MutantCase& c = GetParam();
  absl::StatusOr<ExploreSummary> summary =
      Explore(MakeTarget(c.scenario, PoolVersion::kSyncReset, c.mutation),
              Options(c.strategy, kFindRuns, 5));
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_TRUE(summary->first_failure.has_value())
      << c.scenario << " did not catch " << model::sql::MutationName(c.mutation);
  const RunReport& failure = *summary->first_failure;
  EXPECT_EQ(c.failure_ids.count(failure.result.failure_id), 1u)
      << failure.result.failure_id << ": " << failure.result.message;
  ExpectReplayReproduces(failure);
}

INSTANTIATE_TEST_SUITE_P(
    Scenarios, MutantIsCaught,
    ::testing::Values(
        MutantCase{"lifetime_expiry", Mutation::kDoubleRelease, "random", {"I9"},
                   "lifetime_expiry_double_release_I9"},
        MutantCase{"waiters_open_fail", Mutation::kForgetNumOpenDecrement, "random", {"I3"},
                   "waiters_open_fail_forget_num_open_decrement_I3"},
        MutantCase{"tx_cancel", Mutation::kUnlockedDriverCall, "random", {"I7"},
                   "tx_cancel_unlocked_driver_call_I7"},
        MutantCase{"tx_cancel", Mutation::kNoTxRollbackOnCancel, "random",
                   {"deadlock", "I4", "I10", "I11"},
                   "tx_cancel_no_tx_rollback_on_cancel_I11_or_deadlock"},
        MutantCase{"close_with_waiters", Mutation::kLeakOpener, "random", {"I4"},
                   "close_with_waiters_leak_opener_I4"},
        MutantCase{"lower_max_open", Mutation::kIgnoreMaxOpen, "random", {"I2"},
                   "lower_max_open_ignore_max_open_I2"},
        MutantCase{"bad_conn_on_reuse", Mutation::kSkipNeedReset, "pct", {"I5"},
                   "bad_conn_on_reuse_skip_need_reset_I5"},
        MutantCase{"issue31480", Mutation::kDropWaiterWakeup, "random", {"I3"},
                   "issue31480_drop_waiter_wakeup_I3"}),
    [](const ::testing::TestParamInfo<MutantCase>& info) { return info.param.test_name; });

TEST(ScenarioChecks, RowsInACancelledTxReachTheDriverAfterRollback) {
  // Shows a real upstream bug both modelled versions share (golang/go#34775, fixed in Go
  // after them): with a Query inside each cancelled tx (tx_cancel tx_ops=2), Tx.awaitDone's
  // Rollback does not wait for the tx's open Rows, so Rows.Next reaches the driver after
  // the Rollback (I11). Found on every pool version, and replayed from its token.
  for (PoolVersion pool : model::sql::AllPoolVersions()) {
    absl::StatusOr<ExploreSummary> summary =
        Explore(MakeTarget("tx_cancel", pool, Mutation::kNone, {{"tx_ops", "2"}}),
                Options("pct", kFindRuns, 2));
    ASSERT_TRUE(summary.ok()) << summary.status();
    ASSERT_TRUE(summary->first_failure.has_value()) << model::sql::PoolVersionName(pool);
    const sim::RunResult& r = summary->first_failure->result;
    EXPECT_EQ(r.failure_id, "I11") << r.message;
    EXPECT_NE(r.message.find("Rows.Next after"), std::string::npos) << r.message;
    ExpectReplayReproduces(*summary->first_failure);
  }
}

}  // namespace
}  // namespace scenarios
