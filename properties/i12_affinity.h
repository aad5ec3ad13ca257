// I12 affinity: every operation on a Conn or a Tx (and on a Stmt prepared on them) runs on
// that Conn's or Tx's driver conn, and a Stmt used on the DB runs on a driver statement of
// the conn it got for that use, never one of another conn.
//
// What it sees: the pool records which goroutine DB.conn handed each conn to, until
// putConn takes it back (ConnView::held_by). A client operation's driver calls that do
// its work (Prepare, Begin, Exec, Query, Rows.Next, Stmt.Exec, Stmt.Query, Commit, Ping)
// must run on a conn the pool handed to its goroutine. Closes, Rollback, ResetSession and
// the validator are left out: the pool and other goroutines (Tx.awaitDone, finalClose,
// the resetter) make them on conns the caller does not hold, legitimately. Calls from
// goroutines running no client op are not judged.
//
// Not judged: a Tx's or Conn's work sent to a second conn the goroutine also holds (a
// goroutine may legitimately hold two: a Tx whose Commit failed on its cancelled context
// keeps its conn until Tx.awaitDone rolls back, while the client goes on to its next op).
//
// Known bug: golang/go#34775 (KnownBugAllowances::tx_statement_after_cancel_rollback)
// sends a Tx's statement to its conn after Tx.awaitDone rolled the tx back and released
// the conn; allowed, such a call is not judged.
#pragma once

#include <cstdint>
#include <vector>

#include "properties/invariant.h"

namespace properties {

class I12Affinity : public Invariant {
 public:
  explicit I12Affinity(const KnownBugAllowances& allow = {}) : allow_(allow) {}
  InvariantId id() const override { return InvariantId::kI12; }
  void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) override;
  void OnDriverCallEnd(const model::fakedb::DriverCall& call, const Observation& obs) override;

 private:
  // The last Begin that succeeded on a goroutine: for the known-bug allowance.
  struct BeginRecord {
    model::fakedb::ConnId conn = model::fakedb::kNoConn;
    uint64_t seq = 0;
    int64_t client_op = -1;
  };

  bool AllowedKnownBug(const model::fakedb::DriverCall& call, int64_t client_op) const;

  KnownBugAllowances allow_;
  std::vector<BeginRecord> last_begin_;            // index: goroutine id
  std::vector<uint64_t> last_cancel_rollback_;     // index: conn id; seq, 0 if none
  // Buffers reused across calls: the conns the calling goroutine holds, and their ids.
  std::vector<model::sql::ConnView> held_views_;
  std::vector<model::fakedb::ConnId> held_;
};

}  // namespace properties
