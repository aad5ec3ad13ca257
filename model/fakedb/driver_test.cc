// Tests of the fake driver's objects end to end: the optional interfaces the options
// switch, the table round trip through Prepare/Exec/Query/Rows, transactions, and ErrSkip.
#include "model/fakedb/fake_driver.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "model/fakedb/testing/fakedb.h"
#include "sim/go.h"

namespace model::fakedb {
namespace {

using testing::As;
using testing::RunSim;

// Opens one conn of a driver with these options and reports which interfaces it has.
std::string InterfacesOf(bool resetter, bool validator) {
  FakeDriverOptions o;
  o.session_resetter = resetter;
  o.connection_validator = validator;
  auto d = FakeDriver::Create(o);
  std::string found;
  sim::RunResult r = RunSim([&] {
    auto c = *d->NewConnector()->Connect(sim::Context::Background());
    if (As<driver::SessionResetter>(c)) found += "R";
    if (As<driver::ConnectionValidator>(c)) found += "V";
    if (As<driver::ConnPrepareContext>(c) && As<driver::ConnBeginTx>(c) &&
        As<driver::ExecerContext>(c) && As<driver::QueryerContext>(c) && As<driver::Pinger>(c)) {
      found += "+base";
    }
  });
  EXPECT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  return found;
}

TEST(FakeDriver, OptionsSwitchTheOptionalInterfaces) {
  // Shows dynamic_pointer_cast to SessionResetter / ConnectionValidator succeeds exactly
  // when the option is on, while the always-present interfaces are there in every case.
  EXPECT_EQ(InterfacesOf(true, true), "RV+base");
  EXPECT_EQ(InterfacesOf(true, false), "R+base");
  EXPECT_EQ(InterfacesOf(false, true), "V+base");
  EXPECT_EQ(InterfacesOf(false, false), "+base");
}

// Reads all rows as "id:name" strings until EOF, then closes them.
std::vector<std::string> Drain(const absl::StatusOr<std::shared_ptr<driver::Rows>>& rows) {
  if (!rows.ok()) return {rows.status().ToString()};
  std::vector<std::string> out;
  std::vector<driver::Value> dest((*rows)->Columns().size());
  while (true) {
    absl::Status s = (*rows)->Next(dest);
    if (driver::IsEOF(s)) break;
    if (!s.ok()) return {s.ToString()};
    std::string row;
    for (const driver::Value& v : dest) row += (row.empty() ? "" : ":") + driver::ValueToString(v);
    out.push_back(row);
  }
  EXPECT_TRUE((*rows)->Close().ok());
  return out;
}

TEST(FakeDriver, TableRoundTripsRowsThroughStatementsAndConns) {
  // Shows rows written through one conn's prepared INSERT (with ? arguments) are read back
  // through another conn's SELECT and COUNT, with LastInsertId/RowsAffected and stmt ids,
  // and that the stmt's NumInput counts its placeholders.
  auto d = FakeDriver::Create();
  std::vector<std::string> all, one, count;
  int64_t last_id = 0, affected = 0;
  int num_input = -1;
  sim::RunResult r = RunSim([&] {
    auto writer = *d->Open("");
    auto reader = *d->Open("");
    auto insert = *writer->Prepare("INSERT|?|?");
    num_input = insert->NumInput();
    (void)insert->Exec({driver::Value(int64_t{2}), driver::Value(std::string("bo"))});
    auto res = *insert->Exec({driver::Value(int64_t{1}), driver::Value(std::string("al"))});
    last_id = *res->LastInsertId();
    affected = *res->RowsAffected();
    (void)insert->Close();
    auto q = As<driver::QueryerContext>(reader);
    const sim::Context bg = sim::Context::Background();
    all = Drain(q->QueryContext(bg, "SELECT", {}));
    one = Drain(q->QueryContext(bg, "SELECT|?", {driver::NamedValue{"", 1, int64_t{2}}}));
    count = Drain(q->QueryContext(bg, "COUNT", {}));
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(num_input, 2);
  EXPECT_EQ(last_id, 1);
  EXPECT_EQ(affected, 1);
  EXPECT_EQ(all, (std::vector<std::string>{"1:\"al\"", "2:\"bo\""}));
  EXPECT_EQ(one, (std::vector<std::string>{"2:\"bo\""}));
  EXPECT_EQ(count, (std::vector<std::string>{"2"}));
  EXPECT_EQ(d->table().size(), 2u);
  EXPECT_EQ(d->log().conn(1).open_stmts, 0u);
  EXPECT_EQ(d->log().conn(2).open_rows, 0u);
}

TEST(FakeDriver, UnknownQueriesAndSecondTxAreErrorsNotCrashes) {
  // Shows an unknown query fails Exec and Prepare with InvalidArgument, and a Begin while
  // a tx is open fails with FailedPrecondition; the conn stays usable and healthy.
  auto d = FakeDriver::Create();
  absl::Status exec, prepare, second_begin, after;
  sim::RunResult r = RunSim([&] {
    auto c = *d->Open("");
    exec = testing::Exec(c, "DROP TABLE");
    prepare = c->Prepare("SELECT|x|y").status();
    auto tx = *c->Begin();
    second_begin = c->Begin().status();
    (void)tx->Commit();
    after = testing::Exec(c, "NOOP");
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(exec.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(prepare.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(second_begin.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(after.ok()) << after;
  EXPECT_FALSE(d->log().conn(1).failed_by_driver);
  EXPECT_EQ(d->log().conn(1).open_tx, 0u);
}

TEST(FakeDriver, ExecerCanReturnErrSkipLikeGosFake) {
  // Shows execer_returns_skip makes conn-level Exec and Query return ErrSkip (so a pool
  // must fall back to Prepare), while the prepared path still works.
  FakeDriverOptions o;
  o.execer_returns_skip = true;
  auto d = FakeDriver::Create(o);
  absl::Status exec, query, stmt_exec;
  sim::RunResult r = RunSim([&] {
    auto c = *d->Open("");
    exec = testing::Exec(c, "NOOP");
    query = As<driver::QueryerContext>(c)->QueryContext(sim::Context::Background(), "SELECT", {})
                .status();
    auto s = *c->Prepare("NOOP");
    stmt_exec = s->Exec({}).status();
    (void)s->Close();
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_TRUE(driver::IsSkip(exec)) << exec;
  EXPECT_TRUE(driver::IsSkip(query)) << query;
  EXPECT_TRUE(stmt_exec.ok()) << stmt_exec;
}

TEST(FakeDriver, OptionsPrintAsOneLine) {
  // Shows the options' one-line rendering names the switches, latency and fault plan.
  FakeDriverOptions o;
  o.connection_validator = false;
  o.call_latency = sim::Duration::Milliseconds(1);
  o.faults.Add(FaultRule::Nth(CallKind::kExec, 2).OnConn(3));
  EXPECT_EQ(o.ToString(),
            "resetter on, validator off, latency 1ms, guards on; faults: 2nd Exec on conn 3 -> "
            "ErrBadConn");
}

}  // namespace
}  // namespace model::fakedb
