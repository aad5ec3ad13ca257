// I8 no use after close: no driver call on a conn after its Close started, and none on a
// statement or rows after their Close; each Close at most once; and no statement closed
// while rows its Query made are open (driver.Stmt: "a Stmt will not be closed if it's in
// use by any queries"), which would let those rows be read after their statement closed.
// Checked as each call starts.
//
// One exception, which Go's pool really makes: it may close a conn before statements or
// rows on it that it does not track, and the user's later Close of those then reaches the
// driver. Two ways seen: a sql.Conn's Stmt.Exec returning ErrBadConn releases the Conn's
// driver conn as bad, which closes it; and a Tx.Prepare racing with the rollback on
// cancel registers its statement after closePrepared ran, then the conn is discarded.
// So Stmt.Close and Rows.Close (once each) on a closed conn are allowed; any other call,
// and a second Close of anything, are not.
//
// Known bug tx-stmt-closed-under-rows (KnownBugAllowances::stmt_closed_under_open_rows):
// Go does close a Tx's or Conn's statement under its open rows; allowed, that close is
// not judged.
#pragma once

#include <cstdint>

#include "absl/container/flat_hash_set.h"
#include "properties/invariant.h"

namespace properties {

class I8UseAfterClose : public Invariant {
 public:
  explicit I8UseAfterClose(const KnownBugAllowances& allow = {}) : allow_(allow) {}
  InvariantId id() const override { return InvariantId::kI8; }
  void OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) override;

 private:
  void CheckConn(const model::fakedb::DriverCall& call, const Observation& obs);
  void CheckObject(const model::fakedb::DriverCall& call, const Observation& obs);

  KnownBugAllowances allow_;
  // Keys of statements and rows whose Close has started: object id * 2 + (1 for rows).
  absl::flat_hash_set<uint64_t> closed_objects_;
};

}  // namespace properties
