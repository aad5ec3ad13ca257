// Shows I8 (no driver call on a conn after its Close) failing when a test hook closes a
// driver conn behind the pool's back, and the same program passing without the hook, on
// the shipped pool.
#include "gtest/gtest.h"
#include "model/sql/driver_conn.h"
#include "properties/testing/expect.h"
#include "properties/testing/ops.h"

namespace properties {
namespace {

using testing::ClientCtx;
using testing::Exec;
using testing::Program;

// I8: a broken putConn hook (Go's putConnHook, test-only) closes the driver conn behind
// the pool's back; the pool then uses the conn again and the driver sees a call after
// Close. Without the hook the program passes.
TEST(I8UseAfterClose, CatchesCallAfterClose) {
  Program broken;
  broken.clients.push_back([](ClientCtx& c) {
    (void)Exec(c);
    (void)Exec(c);
  });
  Program real = broken;
  broken.driver.guards = false;  // let the invariant, not the driver's guard, judge
  broken.db.hooks.put_conn = [](model::sql::DB&, model::sql::driverConn& dc) {
    (void)dc.ci->Close();
  };
  const auto sweep =
      testing::ExpectCaught(broken, InvariantId::kI8, testing::kRunsPerStrategy * 3);
  EXPECT_NE(sweep.first_failure->result.message.find("after its Close"), std::string::npos)
      << sweep.first_failure->result.message;
  testing::ExpectClean(real);
}

}  // namespace
}  // namespace properties
