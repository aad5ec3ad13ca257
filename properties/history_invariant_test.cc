// Shows the end-of-run invariants (I4 no leak, I6 no loss, I10 completion) failing on
// broken pools, I6 on the real async-reset pool (golang/go#31480), and passing on sync-reset.
#include "gtest/gtest.h"
#include "properties/testing/expect.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::Clients;
using testing::ExpectCaught;
using testing::ExpectClean;
namespace ops = scenarios::ops;

// `clients` clients, `execs` Execs each, every driver call 1ms, maxIdle 4.
scenarios::Workload Busy(PoolVersion version, int resetter_capacity, int clients, int execs) {
  scenarios::Workload w;
  w.pool.version = version;
  w.pool.resetter_capacity = resetter_capacity;
  w.pool.max_idle = 4;
  w.driver.call_latency = sim::Duration::Milliseconds(1);
  w.clients = Clients(clients, std::vector<scenarios::Op>(execs, ops::Exec()));
  return w;
}

// I4: with kLeakOpener the connectionOpener goroutine ignores the DB's context and is
// still alive after DB.Close.
TEST(HistoryInvariants, I4CatchesOpenerOutlivingClose) {
  scenarios::Workload broken = Busy(PoolVersion::kSyncReset, 50, 1, 1);
  broken.pool.mutation = Mutation::kLeakOpener;
  const auto sweep = ExpectCaught(broken, InvariantId::kI4, testing::kRunsPerStrategy * 3);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("connectionOpener"), std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(Busy(PoolVersion::kSyncReset, 50, 1, 1));
}

// I6 on the real async-reset pool: with resetterCh of capacity 1, three clients returning
// conns at once overflow it, and putConn marks a healthy conn bad (golang/go#31480); the
// next conn() closes it. The same workload passes on sync-reset, and on async-reset with Go's
// capacity of 50.
TEST(HistoryInvariants, I6CatchesHealthyConnDiscardedOnAsyncReset) {
  const auto sweep = ExpectCaught(Busy(PoolVersion::kAsyncReset, 1, 3, 3), InvariantId::kI6, 10);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("healthy driver conn"), std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(Busy(PoolVersion::kSyncReset, 1, 3, 3));
  ExpectClean(Busy(PoolVersion::kAsyncReset, 50, 3, 3));
}

// I10: with kDropWaiterWakeup a client waiting for a conn is never woken; main stops
// waiting after 10s and returns without DB.Close (which would wake the waiter), and the
// run ends with that client's Exec still pending.
TEST(HistoryInvariants, I10CatchesOperationThatNeverCompletes) {
  scenarios::Workload broken = Busy(PoolVersion::kSyncReset, 50, 3, 1);
  broken.pool.max_open = 1;
  broken.main_wait_limit = sim::Duration::Seconds(10);
  broken.close_db_at_end = false;
  scenarios::Workload real = broken;
  broken.pool.mutation = Mutation::kDropWaiterWakeup;
  const auto sweep = ExpectCaught(broken, InvariantId::kI10, 10);
  ASSERT_TRUE(sweep.first_failure.has_value());
  EXPECT_NE(sweep.first_failure->result.message.find("never completed"), std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(real);
}

}  // namespace
}  // namespace properties
