// I5 no reset after a bad connection: once the pool has seen ErrBadConn on a conn (a
// driver call on it returned ErrBadConn, or ValidConnection said invalid), the driver gets
// no ResetSession on it, and the conn is never handed out again.
//
// "Seen": errors of Close and Stmt.Close are not counted, as Go ignores them; nor are
// those of Rows.Next, which go to the user (Rows.Err) while the conn is released with
// the result of Rows.Close: Go relies on the driver's ConnectionValidator (added by the
// #31480 fix, 971f8a2, for this reason) or its other calls to report such a conn. After the
// failure the driver may still get the calls that wind down what the holder had open
// (Close, Stmt.Close, Rows.Close, Commit, Rollback, ValidConnection) and further
// statements from the holder, within the same client operation (e.g. the rest of a
// transaction). The holder is the client goroutine that saw the failure, or, when a pool
// goroutine saw it (Tx.awaitDone's rollback, Rows.awaitDone's Rows.Close), the client the
// pool handed the conn to, if it is out, else the client that last called into the conn.
// Any other call, from another goroutine or a later operation, means the conn was handed
// out again.
//
// Known bug conn-close-drops-bad-conn (KnownBugAllowances::conn_close_drops_bad_conn): a
// sql.Conn's Close that races the failed operation's end gives the conn back with no
// error. Its failures say "dropping the bad-conn verdict"; allowed, I5 looks past the
// reuse of a conn the pool marked so (model::sql::ConnView::bad_conn_verdict_dropped).
//
// Known bug tx-stmt-after-cancel-rollback (golang/go#34775, versions whose Tx end does not
// wait for its statements): a Tx's rows or statement call can reach the driver after the
// Tx's Commit/Rollback; if it fails, the Tx's end has already chosen the verdict it
// releases the conn with. Allowed, I5 looks past a failure that came that way.
#pragma once

#include <cstdint>
#include <vector>

#include "properties/invariant.h"

namespace properties {

class I5NoResetAfterBad : public Invariant {
 public:
  explicit I5NoResetAfterBad(const KnownBugAllowances& allow = {}) : allow_(allow) {}
  InvariantId id() const override { return InvariantId::kI5; }
  void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) override;
  void OnDriverCallEnd(const model::fakedb::DriverCall& call, const Observation& obs) override;

 private:
  // A client operation using a conn.
  struct User {
    sim::GoroutineId goroutine = 0;
    int64_t client_op = -1;  // index in the ClientLog, -1: none
  };
  // Who saw the conn fail.
  struct Failure {
    bool seen = false;
    uint64_t call_seq = 0;  // the call that failed
    User failing;           // the goroutine that made it
    User holder;            // the client op holding the conn then
    // A Tx's statement or rows call that failed after the holder's Commit/Rollback had
    // started: the Tx's end already chose the verdict it releases the conn with.
    bool after_tx_end = false;
  };
  // The last Commit/Rollback started on a conn, and the client op it ended.
  struct TxEnd {
    uint64_t seq = 0;
    User user;
  };
  bool SameUser(const User& u, const model::fakedb::DriverCall& call,
                const ClientLog& clients) const;
  // Whether a sql.Conn's Close dropped an ErrBadConn verdict on driver conn `conn`.
  static bool VerdictDroppedByConnClose(model::fakedb::ConnId conn, const Observation& obs);
  // Who holds driver conn `conn` (known to last_user_) for a failure a pool goroutine saw.
  User HolderOf(model::fakedb::ConnId conn, const Observation& obs) const;

  KnownBugAllowances allow_;

  std::vector<Failure> failures_;  // index: driver conn id
  std::vector<User> last_user_;    // index: driver conn id; last client op calling into it
  std::vector<TxEnd> last_tx_end_;  // index: driver conn id
};

}  // namespace properties
