// I5 no reset after a bad connection (see i5_no_reset_after_bad.h).
#include "properties/i5_no_reset_after_bad.h"

#include "absl/strings/str_cat.h"
#include "model/driver/driver.h"
#include "properties/pool_lookup.h"

namespace properties {

using model::fakedb::CallKind;

int64_t CurrentClientOp(const ClientLog& clients, sim::GoroutineId g) {
  const std::vector<ClientOp>& ops = clients.ops();
  for (size_t i = ops.size(); i > 0; --i) {
    const ClientOp& op = ops[i - 1];
    if (op.goroutine != g) continue;
    return op.done ? -1 : static_cast<int64_t>(i - 1);
  }
  return -1;
}

namespace {

// Calls that only wind down what the holder had open, or ask whether the conn is valid.
bool IsWindDown(CallKind kind) {
  return kind == CallKind::kClose || kind == CallKind::kStmtClose ||
         kind == CallKind::kRowsClose || IsTxEnd(kind) || kind == CallKind::kValidConnection;
}

}  // namespace

void I5NoResetAfterBad::OnDriverCallEnd(const model::fakedb::DriverCall& call,
                                        const Observation& obs) {
  if (call.conn == model::fakedb::kNoConn || !model::driver::IsBadConn(call.status)) return;
  if (call.kind == CallKind::kClose || call.kind == CallKind::kStmtClose) return;
  if (failures_.size() <= call.conn) failures_.resize(call.conn + 1);
  Failure& f = failures_[call.conn];
  if (f.seen) return;
  f = Failure{true, call.seq, call.goroutine, CurrentClientOp(obs.clients(), call.goroutine)};
}

void I5NoResetAfterBad::OnDriverCallStart(const model::fakedb::DriverCall& call,
                                          const Observation& obs) {
  if (call.conn >= failures_.size() || !failures_[call.conn].seen) return;
  if (IsWindDown(call.kind)) return;
  const Failure& f = failures_[call.conn];
  const model::fakedb::CallLog& log = obs.driver();
  const std::string failed = CallLabel(log, log.call(f.call_seq));
  if (call.kind == CallKind::kResetSession) {
    Fail(absl::StrCat("driver conn ", call.conn, " is reset after the pool saw it fail: ",
                      CallLabel(log, call), " after ", failed, " returned ErrBadConn"));
    return;
  }
  const bool same_holder = call.goroutine == f.goroutine &&
                           CurrentClientOp(obs.clients(), call.goroutine) == f.client_op;
  if (same_holder) return;
  Fail(absl::StrCat("driver conn ", call.conn, " is used again after the pool saw it fail: ",
                    CallLabel(log, call), " after ", failed,
                    " returned ErrBadConn (expected the conn to be discarded)"));
}

}  // namespace properties
