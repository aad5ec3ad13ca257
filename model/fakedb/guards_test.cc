// Tests of the fake driver's misuse guards: each misuse fails the run with id "fakedb"
// and a message naming conn, call and goroutines; with guards off it becomes an error.
#include <gtest/gtest.h>

#include <functional>
#include <memory>

#include "model/fakedb/fake_driver.h"
#include "model/fakedb/testing/fakedb.h"
#include "sim/go.h"

namespace model::fakedb {
namespace {

using testing::As;
using testing::Exec;
using testing::RunSim;

using Program = std::function<void(FakeDriver&)>;

sim::RunResult RunWithGuards(const Program& program, bool guards = true, uint64_t seed = 1) {
  FakeDriverOptions o;
  o.guards = guards;
  o.call_latency = sim::Duration::Milliseconds(1);
  auto d = FakeDriver::Create(o);
  return RunSim([&] { program(*d); }, seed);
}

void ExpectFakedbFailure(const sim::RunResult& r, const std::vector<std::string>& phrases) {
  ASSERT_TRUE(r.failed()) << "the misuse was not reported";
  EXPECT_EQ(r.failure.Name(), "fakedb") << r.message;
  for (const std::string& p : phrases) {
    EXPECT_NE(r.message.find(p), std::string::npos) << "\"" << p << "\" not in: " << r.message;
  }
}

// Two goroutines, "first" and "second", each run `call` on the same conn.
void TwoGoroutinesOnOneConn(FakeDriver& d, std::function<void(std::shared_ptr<driver::Conn>)> call) {
  auto c = *d.Open("");
  sim::WaitGroup wg;
  wg.Add(2);
  sim::Go("first", [&] { call(c); wg.Done(); });
  sim::Go("second", [&] { call(c); wg.Done(); });
  wg.Wait();
}

TEST(Guards, TwoGoroutinesInsideOneConnFailTheRun) {
  // Shows concurrent Execs on one conn fail the run under every one of 10 schedules, with
  // a message naming the conn, both goroutines and the call each was in.
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    sim::RunResult r = RunWithGuards(
        [](FakeDriver& d) { TwoGoroutinesOnOneConn(d, [](auto c) { (void)Exec(c, "NOOP"); }); },
        true, seed);
    ExpectFakedbFailure(r, {"conn 1:", "\"first\"", "\"second\"", "Exec NOOP",
                            "two driver calls at once"});
  }
}

TEST(Guards, AStatementCallWhileTheConnIsBusyFailsTheRun) {
  // Shows exclusive use covers a conn's statements: a Stmt.Exec entered while another
  // goroutine is inside Ping on the same conn fails the run.
  sim::RunResult r = RunWithGuards([](FakeDriver& d) {
    auto c = *d.Open("");
    auto stmt = *c->Prepare("NOOP");
    // Whichever enters first sleeps 1ms inside; the other runs before time can pass.
    sim::Go("pinger", [c] { (void)As<driver::Pinger>(c)->Ping(sim::Context::Background()); });
    (void)stmt->Exec({});
  });
  ExpectFakedbFailure(r, {"conn 1:", "Stmt.Exec", "Ping", "\"pinger\""});
}

TEST(Guards, UseAfterCloseFailsTheRun) {
  // Shows an Exec on a conn after its Close fails the run, naming the first Close's caller.
  sim::RunResult r = RunWithGuards([](FakeDriver& d) {
    auto c = *d.Open("");
    (void)c->Close();
    (void)Exec(c, "NOOP");
  });
  ExpectFakedbFailure(r, {"conn 1 Exec NOOP", "after the conn's Close", "call #2"});
}

TEST(Guards, DoubleCloseFailsTheRun) {
  // Shows a second Close of a conn fails the run.
  sim::RunResult r = RunWithGuards([](FakeDriver& d) {
    auto c = *d.Open("");
    (void)c->Close();
    (void)c->Close();
  });
  ExpectFakedbFailure(r, {"conn 1: Close called twice"});
}

TEST(Guards, CloseWithOpenStatementOrTxFailsTheRun) {
  // Shows closing a conn that still has an open statement and an unended tx fails the run.
  sim::RunResult r = RunWithGuards([](FakeDriver& d) {
    auto c = *d.Open("");
    auto stmt = *c->Prepare("NOOP");
    auto tx = *c->Begin();
    (void)c->Close();
  });
  ExpectFakedbFailure(r, {"conn 1: Close", "1 open statement(s)", "tx 1 not ended"});
}

TEST(Guards, StatementRowsAndTxMisuseFailTheRun) {
  // Shows misuse of the conn's objects is caught: Stmt.Exec after Stmt.Close, Stmt.Close
  // twice, Rows.Next after Rows.Close, and Rollback after Commit.
  const std::pair<Program, std::string> cases[] = {
      {[](FakeDriver& d) {
         auto s = *(*d.Open(""))->Prepare("NOOP");
         (void)s->Close();
         (void)s->Exec({});
       }, "conn 1 stmt 1 Stmt.Exec NOOP by goroutine 0"},
      {[](FakeDriver& d) {
         auto s = *(*d.Open(""))->Prepare("NOOP");
         (void)s->Close();
         (void)s->Close();
       }, "conn 1 stmt 1 Stmt.Close called twice"},
      {[](FakeDriver& d) {
         auto rows = *As<driver::QueryerContext>(*d.Open(""))->QueryContext(
             sim::Context::Background(), "SELECT", {});
         (void)rows->Close();
         std::vector<driver::Value> dest;
         (void)rows->Next(dest);
       }, "conn 1 rows 1 Rows.Next by goroutine 0"},
      {[](FakeDriver& d) {
         auto tx = *(*d.Open(""))->Begin();
         (void)tx->Commit();
         (void)tx->Rollback();
       }, "conn 1 tx 1 Rollback by goroutine 0"},
  };
  for (const auto& [program, phrase] : cases) ExpectFakedbFailure(RunWithGuards(program), {phrase});
}

TEST(Guards, WithGuardsOffMisuseIsAnErrorAndOverlapIsOnlyLogged) {
  // Shows that with guards off the run does not fail: Close twice and Exec after Close
  // return FailedPrecondition errors, and overlapping calls proceed, visible in the log as
  // two calls inside the conn at once.
  FakeDriverOptions o;
  o.guards = false;
  o.call_latency = sim::Duration::Milliseconds(1);
  auto d = FakeDriver::Create(o);
  absl::Status second_close, exec_after_close;
  sim::RunResult r = RunSim([&] {
    TwoGoroutinesOnOneConn(*d, [](auto c) { (void)Exec(c, "NOOP"); });
    auto c = *d->Open("");
    (void)c->Close();
    second_close = c->Close();
    exec_after_close = Exec(c, "NOOP");
  });
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(second_close.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(exec_after_close.code(), absl::StatusCode::kFailedPrecondition);
  bool overlap_logged = false;
  const auto& calls = d->log().entries();
  for (size_t i = 0; i + 1 < calls.size(); ++i) {
    overlap_logged |= calls[i].conn == 1 && calls[i + 1].conn == 1 &&
                      calls[i + 1].start < calls[i].end;
  }
  EXPECT_TRUE(overlap_logged);
  EXPECT_EQ(d->log().conn(2).close_calls, 2u);
  EXPECT_EQ(d->log().counts().conns_closed, 1u);
}

}  // namespace
}  // namespace model::fakedb
