// Shows that what a driver could observe going wrong is some invariant's failure, never
// silence (issue 9, section 4): for each misuse, a hand-made driver history ends in the
// named invariant's failure, and the same history without the misuse passes. The
// histories are fed to the checkers call by call, as the fake driver would, with the
// driver's per-conn summary (open rows, open tx) set as the driver keeps it. The one
// misuse Go really makes (a Tx's statement closed under its rows, known bug
// tx-stmt-closed-under-rows, confirm/stmt_closed_under_rows) passes under its allowance.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "model/fakedb/call_log.h"
#include "properties/i7_exclusive_use.h"
#include "properties/i8_use_after_close.h"
#include "sim/run.h"
#include "sim/testing/test_strategies.h"

namespace properties {
namespace {

using model::fakedb::CallKind;
using model::fakedb::CallLog;
using model::fakedb::DriverCall;

// Builds a history on one conn (id 1) and hands each call to a checker as it starts.
class History {
 public:
  explicit History(Invariant& checker) : checker_(checker), obs_(nullptr, log_, clients_) {
    DriverCall open;
    open.kind = CallKind::kOpen;
    const uint64_t seq = log_.StartCall(open);
    log_.FinishCall(seq, absl::OkStatus(), sim::Instant::Epoch());
    log_.AddConn(seq, sim::Instant::Epoch());
  }

  // A finished call of `kind` on conn 1 (object: stmt, rows or tx id).
  void Call(CallKind kind, uint64_t object = 0, uint32_t stmt_open_rows = 0) {
    DriverCall call;
    call.kind = kind;
    call.conn = 1;
    call.object = object;
    call.stmt_open_rows = stmt_open_rows;
    const uint64_t seq = log_.StartCall(call);
    checker_.OnDriverCallStart(log_.call(seq), obs_);
    log_.FinishCall(seq, absl::OkStatus(), sim::Instant::Epoch());
    checker_.OnDriverCallEnd(log_.call(seq), obs_);
  }
  // A call that starts and is still inside the conn when the next one starts.
  void Enter(CallKind kind) {
    DriverCall call;
    call.kind = kind;
    call.conn = 1;
    checker_.OnDriverCallStart(log_.call(log_.StartCall(call)), obs_);
  }
  model::fakedb::ConnSummary& conn() { return log_.mutable_conn(1); }

 private:
  Invariant& checker_;
  CallLog log_;
  ClientLog clients_;
  Observation obs_;
};

struct Misuse {
  std::string name;
  InvariantId reported_by;
  std::function<void(History&, bool misuse)> play;  // misuse=false: the lawful variant
};

std::vector<Misuse> Misuses() {
  return {
      {"stmt closed twice", InvariantId::kI8,
       [](History& h, bool bad) {
         h.Call(CallKind::kPrepare);
         h.Call(CallKind::kStmtClose, 1);
         if (bad) h.Call(CallKind::kStmtClose, 1);
       }},
      {"rows read after their Close", InvariantId::kI8,
       [](History& h, bool bad) {
         h.Call(CallKind::kQuery);
         if (!bad) h.Call(CallKind::kRowsNext, 1);
         h.Call(CallKind::kRowsClose, 1);
         if (bad) h.Call(CallKind::kRowsNext, 1);
       }},
      {"rows read after their conn's Close", InvariantId::kI8,
       [](History& h, bool bad) {
         h.Call(CallKind::kQuery);
         if (!bad) h.Call(CallKind::kRowsNext, 1);
         h.Call(CallKind::kClose);
         if (bad) h.Call(CallKind::kRowsNext, 1);
       }},
      {"stmt closed while its rows are open", InvariantId::kI8,
       [](History& h, bool bad) {
         h.Call(CallKind::kPrepare);
         h.Call(CallKind::kStmtQuery, 1);
         if (!bad) h.Call(CallKind::kRowsClose, 1);
         h.Call(CallKind::kStmtClose, 1, bad ? 1 : 0);
       }},
      {"ResetSession while a tx is open", InvariantId::kI7,
       [](History& h, bool bad) {
         h.Call(CallKind::kBegin);
         h.conn().open_tx = bad ? 1 : 0;
         h.Call(CallKind::kResetSession);
       }},
      {"validator while rows are open", InvariantId::kI7,
       [](History& h, bool bad) {
         h.Call(CallKind::kQuery);
         h.conn().open_rows = bad ? 1 : 0;
         h.Call(CallKind::kValidConnection);
       }},
      {"two calls inside one conn", InvariantId::kI7,
       [](History& h, bool bad) {
         if (bad) h.Enter(CallKind::kExec);
         h.Call(CallKind::kExec);
       }},
  };
}

std::unique_ptr<Invariant> CheckerFor(InvariantId id, const KnownBugAllowances& allow) {
  if (id == InvariantId::kI7) return std::make_unique<I7ExclusiveUse>();
  return std::make_unique<I8UseAfterClose>(allow);
}

// Plays `misuse` inside a run (checkers fail runs through sim::Fail) and returns the result.
sim::RunResult Play(const Misuse& misuse, bool bad, const KnownBugAllowances& allow = {}) {
  sim::testing::CooperativeStrategy strategy;
  return sim::RunProgram(strategy, 0, {}, [&] {
    std::unique_ptr<Invariant> checker = CheckerFor(misuse.reported_by, allow);
    History history(*checker);
    misuse.play(history, bad);
  });
}

TEST(DriverMisuse, EachMisuseIsAnInvariantsFailure) {
  for (const Misuse& misuse : Misuses()) {
    SCOPED_TRACE(misuse.name);
    const sim::RunResult lawful = Play(misuse, false);
    EXPECT_FALSE(lawful.failed()) << lawful.message;
    const sim::RunResult bad = Play(misuse, true);
    EXPECT_EQ(bad.failure.Name(), InvariantName(misuse.reported_by)) << bad.message;
  }
}

TEST(DriverMisuse, TheAllowanceLooksPastOnlyAStatementClosedUnderItsRows) {
  KnownBugAllowances allow;
  allow.stmt_closed_under_open_rows = true;
  for (const Misuse& misuse : Misuses()) {
    SCOPED_TRACE(misuse.name);
    const bool looked_past = misuse.name == "stmt closed while its rows are open";
    EXPECT_EQ(Play(misuse, true, allow).failed(), !looked_past);
  }
}

}  // namespace
}  // namespace properties
