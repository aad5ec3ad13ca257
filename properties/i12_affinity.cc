// I12 affinity (see i12_affinity.h).
#include "properties/i12_affinity.h"

#include <algorithm>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "properties/pool_lookup.h"

namespace properties {

using model::fakedb::CallKind;
using model::fakedb::ConnId;

namespace {

// The calls that do a client operation's work on the conn it holds.
bool IsWorkCall(CallKind kind) {
  switch (kind) {
    case CallKind::kPrepare:
    case CallKind::kBegin:
    case CallKind::kExec:
    case CallKind::kQuery:
    case CallKind::kRowsNext:
    case CallKind::kStmtExec:
    case CallKind::kStmtQuery:
    case CallKind::kCommit:
    case CallKind::kPing:
      return true;
    default:
      return false;
  }
}

}  // namespace

void I12Affinity::OnDriverCallEnd(const model::fakedb::DriverCall& call,
                                  const Observation& obs) {
  if (call.conn == model::fakedb::kNoConn) return;
  if (call.kind == CallKind::kBegin && call.status.ok()) {
    if (last_begin_.size() <= call.goroutine) last_begin_.resize(call.goroutine + 1);
    last_begin_[call.goroutine] =
        BeginRecord{call.conn, call.seq, CurrentClientOp(obs.clients(), call.goroutine)};
  }
  if (call.kind == CallKind::kRollback &&
      obs.driver().goroutine_name(call.goroutine) == "Tx.awaitDone") {
    if (last_cancel_rollback_.size() <= call.conn) last_cancel_rollback_.resize(call.conn + 1, 0);
    last_cancel_rollback_[call.conn] = call.seq;
  }
}

bool I12Affinity::AllowedKnownBug(const model::fakedb::DriverCall& call,
                                  int64_t client_op) const {
  if (!allow_.tx_statement_after_cancel_rollback) return false;
  if (call.goroutine >= last_begin_.size() || call.conn >= last_cancel_rollback_.size()) {
    return false;
  }
  const BeginRecord& begin = last_begin_[call.goroutine];
  return begin.client_op == client_op && begin.conn == call.conn &&
         last_cancel_rollback_[call.conn] > begin.seq;
}

void I12Affinity::OnDriverCallStart(const model::fakedb::DriverCall& call,
                                    const Observation& obs) {
  if (!IsWorkCall(call.kind) || call.conn == model::fakedb::kNoConn || !obs.has_pool()) return;
  const int64_t op = CurrentClientOp(obs.clients(), call.goroutine);
  if (op < 0) return;
  obs.HeldBy(call.goroutine, &held_views_);
  held_.clear();
  for (const model::sql::ConnView& c : held_views_) held_.push_back(DriverConnIdOf(c));
  if (std::find(held_.begin(), held_.end(), call.conn) != held_.end()) return;
  if (AllowedKnownBug(call, op)) return;
  Fail(absl::StrCat("client op \"", obs.clients().ops()[op].label, "\" sends ",
                    CallLabel(obs.driver(), call), " on driver conn ", call.conn,
                    ", which the pool did not hand to its goroutine (it holds {",
                    absl::StrJoin(held_, ","), "})"));
}

}  // namespace properties
