// Tests of the workload text codec that lets a token carry a generated workload: every
// field survives a round trip (checked through Show() and a second encoding, which print
// every field), and malformed, truncated, oversized or hostile texts are one
// InvalidArgument each, never a crash.
#include "explore/workload_codec.h"

#include "gtest/gtest.h"
#include "model/fakedb/fault_plan.h"
#include "scenarios/ops.h"

namespace explore {
namespace {

using model::fakedb::CallKind;
using model::fakedb::FaultAction;
using model::fakedb::FaultRule;
namespace ops = scenarios::ops;

// A workload that sets every field to something other than its default.
scenarios::Workload EveryField() {
  scenarios::Workload w;
  w.pool.version = model::sql::PoolVersion::kAsyncReset;
  w.pool.max_open = 3;
  w.pool.max_idle = 1;
  w.pool.max_lifetime = sim::Duration::Milliseconds(5);
  w.pool.max_idle_time = sim::Duration::Microseconds(7);
  w.pool.resetter_capacity = 2;
  w.pool.mutation = model::sql::Mutation::kDoubleRelease;
  w.driver.session_resetter = false;
  w.driver.call_latency = sim::Duration::Milliseconds(1);
  w.driver.latency_jitter = sim::Duration::Nanoseconds(3);
  w.driver.jitter_buckets = 5;
  w.driver.instant_calls = {CallKind::kClose};
  w.driver.yield_in_calls = false;
  w.driver.guards = false;
  w.driver.execer_returns_skip = true;
  w.driver.faults.Add(FaultRule::Nth(CallKind::kExec, 2).OnConn(3).Returns(FaultAction::kError));
  w.driver.faults.Add(FaultRule::Always({CallKind::kPing, CallKind::kBegin})
                          .Delays(sim::Duration::Milliseconds(2)));
  w.driver.faults.Choose({CallKind::kExec, CallKind::kResetSession}, 2);
  w.close_db_at_end = false;
  w.main_wait_limit = sim::Duration::Seconds(10);
  scenarios::Op tx = ops::Tx({ops::LeftOpen(ops::Query("SELECT x", 1)),
                              ops::Pause(ops::Prepare("NOOP", 3), sim::Duration::Microseconds(4)),
                              ops::TxStmt("NOOP", 2)},
                             true);
  tx.timeout = sim::Duration::Milliseconds(20);
  tx.cancel_after = sim::Duration::Microseconds(2500);
  tx.duration = sim::Duration::Milliseconds(1);
  scenarios::Client a;
  a.start_delay = sim::Duration::Milliseconds(1);
  a.ops = {ops::Exec(), tx,
           ops::Conn({ops::Ping(), ops::Raw(sim::Duration::Microseconds(3)),
                      ops::LeftOpen(ops::Prepare()), ops::Tx({ops::Exec()})})};
  scenarios::Client b;
  b.ops = {ops::SetMaxOpenConns(2), ops::SetMaxIdleConns(0), ops::Sleep(sim::Duration::Milliseconds(5)),
           ops::QueryRow(""), ops::SetConnMaxLifetime(sim::Duration::Milliseconds(3)),
           ops::SetConnMaxIdleTime(sim::Duration::Microseconds(9)), ops::CloseDB()};
  w.clients = {a, b};
  return w;
}

TEST(WorkloadCodec, EveryFieldSurvivesARoundTrip) {
  // Shows a workload with every field set decodes to one that shows and encodes
  // identically (Show prints pool, driver, faults and ops; the encoding every field).
  const scenarios::Workload w = EveryField();
  absl::StatusOr<std::string> text = EncodeWorkload(w);
  ASSERT_TRUE(text.ok()) << text.status();
  absl::StatusOr<scenarios::Workload> back = DecodeWorkload(*text);
  ASSERT_TRUE(back.ok()) << back.status() << "\n" << *text;
  EXPECT_EQ(back->Show(), w.Show());
  EXPECT_EQ(*EncodeWorkload(*back), *text);
  EXPECT_EQ(back->driver.ToString(), w.driver.ToString());
  EXPECT_EQ(back->main_wait_limit, w.main_wait_limit);
  EXPECT_FALSE(back->close_db_at_end);
  EXPECT_EQ(back->clients[1].ops[3].query, "");
}

TEST(WorkloadCodec, ReadsVersionW1Texts) {
  // Shows a w1 text (tokens written before ops had pause and leave_open) still decodes:
  // a one-Exec workload's w2 text ends "... duration pause leave_open count" = "0 0 0 0";
  // its w1 text is the same without pause and leave_open, and decodes to the same workload.
  scenarios::Workload w;
  w.clients.push_back(scenarios::Client{sim::Duration::Zero(), {ops::Exec()}});
  const std::string w2 = *EncodeWorkload(w);
  ASSERT_EQ(w2.substr(w2.size() - 7), "0 0 0 0");
  const std::string w1 = "w1" + w2.substr(2, w2.size() - 2 - 4);
  absl::StatusOr<scenarios::Workload> back = DecodeWorkload(w1);
  ASSERT_TRUE(back.ok()) << back.status() << "\n" << w1;
  EXPECT_EQ(back->Show(), w.Show());
  EXPECT_FALSE(DecodeWorkload(w2.substr(0, 2) == "w2" ? "w1" + w2.substr(2) : w2).ok());
}

TEST(WorkloadCodec, MalformedTextsAreOneClearError) {
  // Shows truncation at every word, a wrong version, a bad number, trailing words, deep
  // nesting and an oversized text are each an InvalidArgument naming the problem.
  const std::string text = *EncodeWorkload(EveryField());
  for (size_t cut = 0; cut < text.size(); cut += 7) {
    absl::StatusOr<scenarios::Workload> w = DecodeWorkload(text.substr(0, cut));
    EXPECT_FALSE(w.ok()) << "prefix of " << cut << " characters decoded";
  }
  EXPECT_NE(DecodeWorkload("w9 " + text.substr(3)).status().message().find("version"),
            std::string::npos);
  EXPECT_FALSE(DecodeWorkload(text + " 1").ok());
  std::string bad_number = text;
  bad_number.replace(bad_number.find(" 3 "), 3, " x ");
  EXPECT_EQ(DecodeWorkload(bad_number).status().code(), absl::StatusCode::kInvalidArgument);
  scenarios::Op deep = ops::Exec();
  for (int i = 0; i < 8; ++i) deep = ops::Conn({deep});
  scenarios::Workload nested;
  nested.clients.push_back(scenarios::Client{sim::Duration::Zero(), {deep}});
  EXPECT_NE(DecodeWorkload(*EncodeWorkload(nested)).status().message().find("deep"),
            std::string::npos);
  scenarios::Workload huge;
  huge.clients.assign(2000, scenarios::Client{sim::Duration::Zero(), {ops::Exec()}});
  EXPECT_EQ(EncodeWorkload(huge).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(DecodeWorkload(std::string(kMaxWorkloadText + 1, '1')).ok());
}

}  // namespace
}  // namespace explore
