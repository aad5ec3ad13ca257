// Tests of the workload language as text: Op::Show and Workload::Show print programs a
// reader can follow, and ValidateWorkload names the first op the interpreter cannot run.
#include "gtest/gtest.h"
#include "scenarios/ops.h"
#include "scenarios/workload.h"

namespace scenarios {
namespace {

using sim::Duration;

TEST(OpShow, PrintsEachKindAsACall) {
  // Shows every op kind prints as the call it makes, with its arguments, by comparing the
  // printed text with the expected line for each.
  EXPECT_EQ(ops::Exec("NOOP").Show(), "Exec NOOP");
  EXPECT_EQ(ops::Query("SELECT").Show(), "Query SELECT");
  EXPECT_EQ(ops::Query("SELECT", 1).Show(), "Query SELECT rows=1");
  EXPECT_EQ(ops::QueryRow("COUNT").Show(), "QueryRow COUNT");
  EXPECT_EQ(ops::Ping().Show(), "Ping");
  EXPECT_EQ(ops::Prepare("NOOP", 3).Show(), "Prepare NOOP repeat=3");
  EXPECT_EQ(ops::SetMaxOpenConns(4).Show(), "SetMaxOpenConns(4)");
  EXPECT_EQ(ops::SetMaxIdleConns(0).Show(), "SetMaxIdleConns(0)");
  EXPECT_EQ(ops::Sleep(Duration::Milliseconds(5)).Show(), "Sleep 5ms");
  EXPECT_EQ(ops::CloseDB().Show(), "CloseDB");
}

TEST(OpShow, NestsBlocksAndAppendsModifiers) {
  // Shows a Tx and a Conn print their inner ops and closing call in braces, and that
  // hold/timeout/cancel_after print after the call, by checking nested examples.
  EXPECT_EQ(ops::Tx({ops::Exec("NOOP")}).Show(), "Tx{Exec NOOP; Commit}");
  EXPECT_EQ(ops::Tx({}, /*rollback=*/true).Show(), "Tx{Rollback}");
  EXPECT_EQ(ops::Conn({ops::Ping(), ops::Tx({ops::Query("COUNT")})}).Show(),
            "Conn{Ping; Tx{Query COUNT; Commit}; Close}");
  Op op = ops::CancelAfter(ops::WithTimeout(ops::Hold(ops::Query("COUNT", 1),
                                                      Duration::Milliseconds(3)),
                                            Duration::Milliseconds(5)),
                           Duration::Milliseconds(2));
  EXPECT_EQ(op.Show(), "Query COUNT rows=1 hold=3ms timeout=5ms cancel_after=2ms");
}

TEST(WorkloadShow, GroupsIdenticalClientsAndPrintsConfig) {
  // Shows the program form of a workload: the pool line, the driver line, runs of
  // identical clients folded into one "clients a..b" line, and the final DB.Close.
  Workload w;
  w.pool.version = model::sql::PoolVersion::kAsyncReset;
  w.pool.max_open = 128;
  w.pool.max_idle = 32;
  Client quick;
  quick.ops = {ops::Query("COUNT")};
  Client late = quick;
  late.start_delay = Duration::Milliseconds(2);
  w.clients = {quick, quick, quick, late};
  const std::string text = w.Show();
  EXPECT_NE(text.find("pool async-reset max_open=128 max_idle=32 resetter_capacity=50"),
            std::string::npos) << text;
  EXPECT_NE(text.find("\ndriver: resetter on"), std::string::npos) << text;
  EXPECT_NE(text.find("\nclients 0..2: Query COUNT"), std::string::npos) << text;
  EXPECT_NE(text.find("\nclient 3 (after 2ms): Query COUNT"), std::string::npos) << text;
  EXPECT_NE(text.find("\nthen DB.Close"), std::string::npos) << text;
}

TEST(ValidateWorkload, AcceptsNestingTheInterpreterRuns) {
  // Shows a workload using every op kind where it is allowed validates OK.
  Workload w;
  Client c;
  c.ops = {ops::Exec(), ops::Query(), ops::QueryRow(), ops::Ping(), ops::Prepare(),
           ops::Tx({ops::Exec(), ops::Query(), ops::QueryRow(), ops::Prepare(),
                    ops::Sleep(Duration::Milliseconds(1))}),
           ops::Conn({ops::Ping(), ops::Tx({ops::Exec()}), ops::Exec()}),
           ops::SetMaxOpenConns(2), ops::SetMaxIdleConns(1), ops::CloseDB()};
  w.clients = {c};
  EXPECT_TRUE(ValidateWorkload(w).ok()) << ValidateWorkload(w);
}

TEST(ValidateWorkload, NamesTheFirstMisplacedOp) {
  // Shows ops a Tx or Conn has no method for are rejected with the client and op named:
  // a Ping inside a Tx, a nested Conn, and a CloseDB inside a Conn.
  Workload w;
  Client c;
  c.ops = {ops::Exec(), ops::Tx({ops::Exec(), ops::Ping()})};
  w.clients = {c};
  absl::Status s = ValidateWorkload(w);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("client 0 op 1"), absl::string_view::npos) << s;
  EXPECT_NE(s.message().find("op 1 (Ping)"), absl::string_view::npos) << s;

  w.clients[0].ops = {ops::Conn({ops::Conn({})})};
  EXPECT_FALSE(ValidateWorkload(w).ok());
  w.clients[0].ops = {ops::Conn({ops::CloseDB()})};
  EXPECT_FALSE(ValidateWorkload(w).ok());
}

}  // namespace
}  // namespace scenarios
