// Tests of the differential test's C++ side: RunClientsInTurn runs clients one after
// another (a second client never waits for a conn the first holds, and starts after it),
// its outcome is the same under every schedule seed, CheckSequentiallyComparable refuses
// exactly what real Go could not follow, and the JSON documents carry what was run and
// what happened (parsed back with cli/json_reader.h).
#include "cli/export_run.h"

#include "cli/json_reader.h"
#include "gtest/gtest.h"
#include "model/fakedb/fault_plan.h"
#include "scenarios/ops.h"

namespace cli {
namespace {

namespace ops = scenarios::ops;
using model::fakedb::CallKind;
using model::fakedb::FaultRule;
using sim::Duration;

scenarios::Workload TwoClients() {
  scenarios::Workload w;
  w.pool.max_open = 1;
  w.driver.call_latency = Duration::Milliseconds(1);
  scenarios::Client holder;
  holder.ops = {ops::Hold(ops::Conn({ops::Exec()}), Duration::Milliseconds(5))};
  scenarios::Client second;
  second.ops = {ops::Exec(), ops::Query("COUNT")};
  w.clients = {holder, second};
  return w;
}

TEST(ClientsInTurn, SecondClientRunsAfterTheFirstWithoutWaiting) {
  // Shows the clients run one after another: with maxOpen 1 and client 0 holding its conn
  // for 5ms, client 1 never waits for a conn (WaitCount 0, one conn opened in all) and
  // its first driver call starts after client 0's hold ended; every op succeeds and the
  // DB is closed at the end (Stats before and after Close).
  absl::StatusOr<RunOutcome> out = RunClientsInTurn(TwoClients());
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->run_failure, "");
  ASSERT_EQ(out->ops.size(), 3u);
  for (const OpOutcome& op : out->ops) EXPECT_EQ(op.error, "") << op.label;
  EXPECT_EQ(out->stats_before_close.WaitCount, 0);
  EXPECT_EQ(out->stats_before_close.OpenConnections, 1);
  EXPECT_EQ(out->stats_before_close.Idle, 1);
  EXPECT_EQ(out->stats.OpenConnections, 0);
  int opens = 0;
  for (const auto& call : out->calls) opens += call.kind == CallKind::kOpen ? 1 : 0;
  EXPECT_EQ(opens, 1);
  // Client 0: Open (1ms), Exec (1ms), then the 5ms hold: client 1 starts at 7ms or later.
  const auto exec2 = std::find_if(out->calls.begin() + 2, out->calls.end(), [](const auto& c) {
    return c.kind == CallKind::kExec;
  });
  ASSERT_NE(exec2, out->calls.end());
  EXPECT_GE(exec2->start, sim::Instant::Epoch().Add(Duration::Milliseconds(7)));
  EXPECT_EQ(out->calls.back().kind, CallKind::kClose);
}

TEST(ClientsInTurn, OutcomeDoesNotDependOnTheScheduleSeed) {
  // Shows a workload with faults (a bad conn on the 2nd Exec, an injected error on the
  // 1st Commit) and tx/conn/prepare ops gives byte-identical outcome JSON under ten
  // seeds, the premise of comparing one run with real Go.
  scenarios::Workload w = TwoClients();
  w.driver.faults.Add(FaultRule::Nth(CallKind::kExec, 2));
  w.driver.faults.Add(FaultRule::Nth(CallKind::kCommit, 1).Returns(model::fakedb::FaultAction::kError));
  w.clients[1].ops.push_back(ops::Tx({ops::Exec(), ops::Prepare("NOOP", 2)}));
  w.clients[1].ops.push_back(ops::Conn({ops::Ping(), ops::Tx({ops::Exec()}, true)}));
  absl::StatusOr<RunOutcome> first = RunClientsInTurn(w, 1);
  ASSERT_TRUE(first.ok()) << first.status();
  bool some_error = false;
  for (const OpOutcome& op : first->ops) some_error = some_error || !op.error.empty();
  EXPECT_TRUE(some_error) << "the injected Commit error reaches a client";
  for (uint64_t seed = 2; seed <= 10; ++seed) {
    absl::StatusOr<RunOutcome> other = RunClientsInTurn(w, seed);
    ASSERT_TRUE(other.ok()) << other.status();
    EXPECT_EQ(OutcomeJson(*other), OutcomeJson(*first)) << "seed " << seed;
  }
}

TEST(ClientsInTurn, ComparableRefusesWhatRealGoCannotFollow) {
  // Shows CheckSequentiallyComparable accepts a plain workload and refuses, each with
  // FailedPrecondition, a nested op under a timeout, a cancelled op, latency jitter,
  // chosen faults and a fault that blocks until a context is done.
  const scenarios::Workload plain = TwoClients();
  EXPECT_TRUE(CheckSequentiallyComparable(plain).ok());
  std::vector<scenarios::Workload> refused(5, plain);
  refused[0].clients[0].ops[0].inner[0].timeout = Duration::Milliseconds(2);
  refused[1].clients[1].ops[0].cancel_after = Duration::Milliseconds(1);
  refused[2].driver.latency_jitter = Duration::Milliseconds(1);
  refused[3].driver.faults.Choose(CallKind::kExec, 1);
  refused[4].driver.faults.Add(
      FaultRule::Nth(CallKind::kExec, 1).Returns(model::fakedb::FaultAction::kBlockUntilDone));
  for (size_t i = 0; i < refused.size(); ++i) {
    EXPECT_EQ(CheckSequentiallyComparable(refused[i]).code(),
              absl::StatusCode::kFailedPrecondition) << i;
  }
}

TEST(ExportJson, CaseCarriesTheWorkloadAndTheOutcome) {
  // Shows a case parses as JSON with the workload's settings, nested ops and fault rules
  // as written, and a "cpp" outcome whose call and op lists are as long as the run's.
  scenarios::Workload w = TwoClients();
  w.driver.faults.Add(FaultRule::Nth(CallKind::kExec, 2));
  absl::StatusOr<RunOutcome> out = RunClientsInTurn(w);
  ASSERT_TRUE(out.ok()) << out.status();
  std::optional<JsonValue> doc = JsonParser::Parse(CaseJson(w, "two", &*out));
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ((*doc)["format"].string, kCaseFormat);
  const JsonValue& wl = (*doc)["workload"];
  EXPECT_EQ(wl["name"].string, "two");
  EXPECT_EQ(wl["pool"]["max_open"].number, 1);
  EXPECT_EQ(wl["pool"]["version"].string, "sync-reset");
  EXPECT_EQ(wl["driver"]["call_latency_ns"].number, 1e6);
  ASSERT_EQ(wl["driver"]["fault_rules"].array.size(), 1u);
  EXPECT_EQ(wl["driver"]["fault_rules"].array[0]["calls"].array[0].string, "Exec");
  EXPECT_EQ(wl["driver"]["fault_rules"].array[0]["action"].string, "bad_conn");
  const JsonValue& conn_op = wl["clients"].array[0]["ops"].array[0];
  EXPECT_EQ(conn_op["kind"].string, "Conn");
  EXPECT_EQ(conn_op["duration_ns"].number, 5e6);
  EXPECT_EQ(conn_op["inner"].array[0]["kind"].string, "Exec");
  const JsonValue& cpp = (*doc)["cpp"];
  EXPECT_EQ(cpp["calls"].array.size(), out->calls.size());
  EXPECT_EQ(cpp["ops"].array.size(), 3u);
  EXPECT_EQ(cpp["calls"].array[0]["kind"].string, "Open");
  EXPECT_EQ(cpp["stats"]["open"].number, 0);
  EXPECT_FALSE(JsonParser::Parse(CaseJson(w, "two", nullptr))->Has("cpp"));
}

}  // namespace
}  // namespace cli
