// Tests of fault plans as data: the firing window of a rule and the one-line rendering.
#include "model/fakedb/fault_plan.h"

#include <gtest/gtest.h>

#include "model/driver/driver.h"

namespace model::fakedb {
namespace {

std::string FiringPattern(const FaultRule& rule, uint64_t calls) {
  std::string pattern;
  for (uint64_t i = 1; i <= calls; ++i) pattern += rule.FiresOn(i) ? 'x' : '.';
  return pattern;
}

TEST(FaultRule, FiresOnExactlyItsWindow) {
  // Shows each constructor's window over the first 7 matching calls ('x' = fires).
  EXPECT_EQ(FiringPattern(FaultRule::Nth(CallKind::kExec, 2), 7), ".x.....");
  EXPECT_EQ(FiringPattern(FaultRule::FromNth(CallKind::kExec, 5), 7), "....xxx");
  EXPECT_EQ(FiringPattern(FaultRule::Always(CallKind::kExec), 7), "xxxxxxx");
  EXPECT_EQ(FiringPattern(FaultRule::FirstN(CallKind::kOpen, 3), 7), "xxx....");
  FaultRule window = FaultRule::Nth(CallKind::kPing, 3);
  window.count = 2;
  EXPECT_EQ(FiringPattern(window, 7), "..xx...");
}

TEST(FaultPlan, PrintsAsOneReadableLine) {
  // Shows the rendering used in counterexamples, rule by rule and joined.
  EXPECT_EQ(FaultRule::Nth(CallKind::kExec, 2).OnConn(3).ToString(),
            "2nd Exec on conn 3 -> ErrBadConn");
  EXPECT_EQ(FaultRule::Always(CallKind::kResetSession).ToString(), "every ResetSession -> ErrBadConn");
  EXPECT_EQ(FaultRule::FromNth(CallKind::kValidConnection, 5).ToString(),
            "ValidConnection from 5th -> false");
  EXPECT_EQ(FaultRule::FirstN(CallKind::kOpen, 3).Returns(FaultAction::kError).ToString(),
            "Open 1st..3rd -> error");
  EXPECT_EQ(FaultRule::Always(CallKindSet::All()).Delays(sim::Duration::Milliseconds(10)).ToString(),
            "every call -> +10ms");
  EXPECT_EQ(FaultRule::Nth({CallKind::kExec, CallKind::kStmtExec}, 11)
                .Returns(FaultAction::kBlockUntilDone)
                .ToString(),
            "11th {Exec,Stmt.Exec} -> block until ctx done");

  FaultPlan plan;
  EXPECT_EQ(plan.ToString(), "no faults");
  plan.Add(FaultRule::Nth(CallKind::kExec, 2).OnConn(3))
      .Choose({CallKind::kExec, CallKind::kResetSession}, 2);
  EXPECT_EQ(plan.ToString(),
            "2nd Exec on conn 3 -> ErrBadConn; chosen ErrBadConn on {Exec,ResetSession} budget 2");
}

TEST(FaultPlan, InjectedErrorIsRecognisedAndIsNotBadConn) {
  // Shows the kError status is told apart from ErrBadConn and from other errors.
  const absl::Status injected = InjectedError(CallKind::kCommit);
  EXPECT_TRUE(IsInjectedError(injected));
  EXPECT_FALSE(driver::IsBadConn(injected));
  EXPECT_EQ(injected.message(), "fakedb: injected error in Commit");
  EXPECT_FALSE(IsInjectedError(driver::ErrBadConn()));
  EXPECT_FALSE(IsInjectedError(absl::InternalError("boom")));
}

}  // namespace
}  // namespace model::fakedb
