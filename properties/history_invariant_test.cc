// Shows the end-of-run invariants (I4 no leak, I6 no loss, I10 completion) failing on
// broken pools, I6 on the real async-reset pool (golang/go#31480), and passing on sync-reset.
#include "gtest/gtest.h"
#include "properties/testing/expect.h"
#include "properties/testing/ops.h"

namespace properties {
namespace {

using model::sql::Mutation;
using model::sql::PoolVersion;
using testing::ClientCtx;
using testing::Exec;
using testing::ExpectCaught;
using testing::ExpectClean;
using testing::Program;

// `clients` clients, `execs` Execs each, every driver call 1ms, maxIdle 4.
Program Busy(PoolVersion version, int resetter_capacity, int clients, int execs) {
  Program p;
  p.db.version = version;
  p.db.resetter_capacity = resetter_capacity;
  p.max_idle = 4;
  p.driver.call_latency = sim::Duration::Milliseconds(1);
  for (int i = 0; i < clients; ++i) {
    p.clients.push_back([execs](ClientCtx& c) {
      for (int j = 0; j < execs; ++j) (void)Exec(c);
    });
  }
  return p;
}

// I4: with kLeakOpener the connectionOpener goroutine ignores the DB's context and is
// still alive after DB.Close.
TEST(HistoryInvariants, I4CatchesOpenerOutlivingClose) {
  Program broken = Busy(PoolVersion::kSyncReset, 50, 1, 1);
  broken.db.mutation = Mutation::kLeakOpener;
  const auto sweep = ExpectCaught(broken, InvariantId::kI4, testing::kRunsPerStrategy * 3);
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
  EXPECT_NE(sweep.first_failure->result.message.find("healthy driver conn"), std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(Busy(PoolVersion::kSyncReset, 1, 3, 3));
  ExpectClean(Busy(PoolVersion::kAsyncReset, 50, 3, 3));
}

// I10: with kDropWaiterWakeup a client waiting for a conn is never woken; main stops
// waiting after 10s and returns without DB.Close (which would wake the waiter), and the
// run ends with that client's Exec still pending.
TEST(HistoryInvariants, I10CatchesOperationThatNeverCompletes) {
  Program broken = Busy(PoolVersion::kSyncReset, 50, 3, 1);
  broken.max_open = 1;
  broken.main_wait_limit = sim::Duration::Seconds(10);
  broken.close_db = false;
  Program real = broken;
  broken.db.mutation = Mutation::kDropWaiterWakeup;
  const auto sweep = ExpectCaught(broken, InvariantId::kI10, 10);
  EXPECT_NE(sweep.first_failure->result.message.find("never completed"), std::string::npos)
      << sweep.first_failure->result.message;
  ExpectClean(real);
}

}  // namespace
}  // namespace properties
