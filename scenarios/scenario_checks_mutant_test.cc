// The named scenarios against deliberately broken pools (mutants, model/sql/mutation.h;
// mutant build): each scenario catches at least one mutant with the invariant that mutant
// breaks, and every failure found replays from its token. That the same scenarios pass on
// the shipped pool is in scenario_checks_test.cc.
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
using ::explore::RunReport;

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ExpectReplayReproduces;
using testing::MakeTarget;
using testing::Options;

// Runs an exploration may take to find a mutant.
constexpr uint64_t kFindRuns = 200;

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
  EXPECT_EQ(c.failure_ids.count(failure.result.failure.Name()), 1u)
      << failure.result.failure.Name() << ": " << failure.result.message;
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

}  // namespace
}  // namespace scenarios
