// I11 transaction protocol (see i11_tx_protocol.h).
#include "properties/i11_tx_protocol.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "properties/pool_lookup.h"
#include "sim/check.h"

namespace properties {

using model::fakedb::CallKind;

namespace {

bool IsStatement(CallKind kind) {
  return kind == CallKind::kExec || kind == CallKind::kQuery || kind == CallKind::kPrepare ||
         kind == CallKind::kStmtExec || kind == CallKind::kStmtQuery ||
         kind == CallKind::kRowsNext;
}

}  // namespace

I11TxProtocol::TxRecord* I11TxProtocol::Find(uint64_t tx) {
  for (size_t i = txs_.size(); i > 0; --i) {
    if (txs_[i - 1].tx == tx) return &txs_[i - 1];
  }
  return nullptr;
}

void I11TxProtocol::OnDriverCallEnd(const model::fakedb::DriverCall& call,
                                    const Observation& obs) {
  if (call.kind != CallKind::kBegin || !call.status.ok()) return;
  const model::fakedb::CallLog& log = obs.driver();
  TxRecord r{log.conn(call.conn).open_tx, call.conn, call.seq, call.goroutine, -1, 0};
  const int64_t op = CurrentClientOp(obs.clients(), call.goroutine);
  if (op >= 0 && absl::StartsWith(obs.clients().ops()[op].label, "Tx")) r.client_op = op;
  txs_.push_back(r);
  if (last_tx_of_conn_.size() <= call.conn) last_tx_of_conn_.resize(call.conn + 1, 0);
  last_tx_of_conn_[call.conn] = txs_.size();
}

void I11TxProtocol::OnDriverCallStart(const model::fakedb::DriverCall& call,
                                      const Observation& obs) {
  if (IsStatement(call.kind)) {
    CheckStatement(call, obs);
    return;
  }
  if (!IsTxEnd(call.kind)) return;
  TxRecord* tx = Find(call.object);
  if (tx == nullptr) return;
  if (tx->end_seq == 0) {
    tx->end_seq = call.seq;
    tx->ended_by_cancel = obs.driver().goroutine_name(call.goroutine) == "Tx.awaitDone";
    return;
  }
  const model::fakedb::CallLog& log = obs.driver();
  Fail(absl::StrCat("tx ", tx->tx, " on driver conn ", tx->conn, " is ended twice: ",
                    CallLabel(log, call), " after ", CallLabel(log, log.call(tx->end_seq))));
}

void I11TxProtocol::CheckStatement(const model::fakedb::DriverCall& call,
                                   const Observation& obs) {
  if (call.conn >= last_tx_of_conn_.size() || last_tx_of_conn_[call.conn] == 0) return;
  POOLCHECK_CHECK(last_tx_of_conn_[call.conn] <= txs_.size(), "a conn's last tx is unrecorded");
  const TxRecord& tx = txs_[last_tx_of_conn_[call.conn] - 1];
  if (tx.end_seq == 0 || tx.client_op < 0 || call.goroutine != tx.goroutine) return;
  if (tx.ended_by_cancel && allow_.tx_statement_after_cancel_rollback) return;
  if (CurrentClientOp(obs.clients(), call.goroutine) != tx.client_op) return;
  const model::fakedb::CallLog& log = obs.driver();
  Fail(absl::StrCat("a statement of tx ", tx.tx, " reaches driver conn ", tx.conn,
                    " after the tx ended: ", CallLabel(log, call), " after ",
                    CallLabel(log, log.call(tx.end_seq))));
}

void I11TxProtocol::AtEnd(const Observation& obs, const EndState& end) {
  for (const ClientOp& op : obs.clients().ops()) {
    if (!op.done) return;  // a tx may still be open in it; I10 reports the op
  }
  for (const TxRecord& tx : txs_) {
    if (tx.end_seq != 0) continue;
    Fail(absl::StrCat("tx ", tx.tx, " begun on driver conn ", tx.conn, " by ",
                      CallLabel(obs.driver(), obs.driver().call(tx.begin_seq)),
                      " was never committed or rolled back"));
    return;
  }
}

}  // namespace properties
