// I5 no reset after a bad connection (see i5_no_reset_after_bad.h).
#include "properties/i5_no_reset_after_bad.h"

#include "absl/strings/str_cat.h"
#include "model/driver/driver.h"
#include "properties/pool_lookup.h"

namespace properties {

using model::fakedb::CallKind;

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
  if (call.kind == CallKind::kClose || call.kind == CallKind::kStmtClose ||
      call.kind == CallKind::kRowsNext) {
    return;  // errors the pool does not act on
  }
  if (failures_.size() <= call.conn) failures_.resize(call.conn + 1);
  Failure& f = failures_[call.conn];
  if (f.seen) return;
  const User failing{call.goroutine, CurrentClientOp(obs.clients(), call.goroutine)};
  const bool by_client = failing.client_op >= 0 || call.conn >= last_user_.size();
  f = Failure{true, call.seq, failing, by_client ? failing : HolderOf(call.conn, obs)};
  f.after_tx_end = (IsStmtCall(call.kind) || IsRowsCall(call.kind)) &&
                   call.conn < last_tx_end_.size() && last_tx_end_[call.conn].seq != 0 &&
                   last_tx_end_[call.conn].seq < call.seq &&
                   last_tx_end_[call.conn].user.goroutine == f.holder.goroutine &&
                   last_tx_end_[call.conn].user.client_op == f.holder.client_op;
}

I5NoResetAfterBad::User I5NoResetAfterBad::HolderOf(model::fakedb::ConnId conn,
                                                    const Observation& obs) const {
  // The goroutine the pool handed the conn to (a Tx's or Conn's client), when it is out:
  // the last caller may be another client winding down a statement it had on the conn.
  if (obs.has_pool()) {
    const model::sql::ConnView* view = FindPoolConn(obs.pool(), conn);
    if (view != nullptr && view->held) {
      return User{view->held_by, CurrentClientOp(obs.clients(), view->held_by)};
    }
  }
  return last_user_[conn];
}

bool I5NoResetAfterBad::VerdictDroppedByConnClose(model::fakedb::ConnId conn,
                                                  const Observation& obs) {
  if (!obs.has_pool()) return false;
  const model::sql::ConnView* view = FindPoolConn(obs.pool(), conn);
  return view != nullptr && view->bad_conn_verdict_dropped;
}

bool I5NoResetAfterBad::SameUser(const User& u, const model::fakedb::DriverCall& call,
                                 const ClientLog& clients) const {
  return call.goroutine == u.goroutine && CurrentClientOp(clients, call.goroutine) == u.client_op;
}

void I5NoResetAfterBad::OnDriverCallStart(const model::fakedb::DriverCall& call,
                                          const Observation& obs) {
  if (call.conn == model::fakedb::kNoConn) return;
  const int64_t op = CurrentClientOp(obs.clients(), call.goroutine);
  if (op >= 0) {
    if (last_user_.size() <= call.conn) last_user_.resize(call.conn + 1);
    last_user_[call.conn] = User{call.goroutine, op};
  }
  if (IsTxEnd(call.kind)) {
    if (last_tx_end_.size() <= call.conn) last_tx_end_.resize(call.conn + 1);
    const bool by_client = op >= 0 || call.conn >= last_user_.size();
    last_tx_end_[call.conn] = TxEnd{call.seq, by_client ? User{call.goroutine, op}
                                                        : last_user_[call.conn]};
  }
  if (call.conn >= failures_.size() || !failures_[call.conn].seen) return;
  if (IsWindDown(call.kind)) return;
  const Failure& f = failures_[call.conn];
  const bool reset = call.kind == CallKind::kResetSession;
  if (!reset &&
      (SameUser(f.failing, call, obs.clients()) || SameUser(f.holder, call, obs.clients()))) {
    return;  // the holder finishing what it had begun
  }
  const bool dropped = VerdictDroppedByConnClose(call.conn, obs);
  if (dropped && allow_.conn_close_drops_bad_conn) return;
  if (f.after_tx_end && allow_.tx_statement_after_cancel_rollback) return;
  const model::fakedb::CallLog& log = obs.driver();
  const std::string failed = CallLabel(log, log.call(f.call_seq));
  const std::string why =
      dropped ? "; a sql.Conn's Close gave it back with no error, dropping the bad-conn verdict"
      : f.after_tx_end ? "; the failed call reached the driver after its Tx's end (as in "
                         "golang/go#34775), which had already decided how to release the conn"
                       : "";
  if (reset) {
    Fail(absl::StrCat("driver conn ", call.conn, " is reset after the pool saw it fail: ",
                      CallLabel(log, call), " after ", failed, " returned ErrBadConn", why));
    return;
  }
  Fail(absl::StrCat("driver conn ", call.conn, " is used again after the pool saw it fail: ",
                    CallLabel(log, call), " after ", failed,
                    " returned ErrBadConn (expected the conn to be discarded)", why));
}

}  // namespace properties
