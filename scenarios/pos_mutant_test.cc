// POS (sim/strategies/pos.h) against deliberately broken pools (mutant build): it catches
// a driver call made without the conn's lock (kUnlockedDriverCall, I7) in tx_cancel and a
// dropped waiter wakeup (kDropWaiterWakeup, I3) with callers waiting at maxOpen, on each of
// 5 exploration seeds within 50 runs, and every failure replays from its token.
#include <set>
#include <string>

#include "explore/runner.h"
#include "explore/testing/targets.h"
#include "gtest/gtest.h"

namespace scenarios {
namespace {
namespace testing = ::explore::testing;
using model::sql::Mutation;
using model::sql::PoolVersion;

void ExpectPosCatches(const explore::Target& target, const std::string& invariant) {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    absl::StatusOr<explore::ExploreSummary> s =
        explore::Explore(target, testing::Options("pos", 50, seed));
    ASSERT_TRUE(s.ok()) << s.status();
    ASSERT_TRUE(s->first_failure.has_value())
        << model::sql::MutationName(target.mutation) << " seed " << seed << ": not caught";
    EXPECT_EQ(s->first_failure->result.failure.Name(), invariant)
        << s->first_failure->result.message;
    testing::ExpectReplayReproduces(*s->first_failure);
  }
}

TEST(PosCatchesMutants, UnlockedDriverCallInTxCancel) {
  // Shows POS reaches Tx.rollback's driver call racing another driver call on the conn.
  ExpectPosCatches(
      testing::MakeTarget("tx_cancel", PoolVersion::kSyncReset, Mutation::kUnlockedDriverCall),
      "I7");
}

TEST(PosCatchesMutants, DropWaiterWakeupWithCallersWaiting) {
  // Shows POS reaches a release while a caller waits in connRequests (8 clients, maxOpen 2).
  ExpectPosCatches(testing::MakeTarget("issue31480", PoolVersion::kSyncReset,
                                       Mutation::kDropWaiterWakeup,
                                       {{"clients", "8"}, {"max_open", "2"}, {"max_idle", "2"}}),
                   "I3");
}

}  // namespace
}  // namespace scenarios
