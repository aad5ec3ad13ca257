// Go's sql.Stmt: a prepared statement. Prepared on a DB it follows the pool, preparing
// itself again on whichever conn a use gets (css lists where it is prepared); prepared on
// a Tx or Conn it is bound to that one conn through its stmtConnGrabber.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/sql/db.h"
#include "model/sql/driver_conn.h"
#include "model/sql/final_closer.h"
#include "model/sql/grabber.h"
#include "sim/go.h"

namespace model::sql {

class Result;
class Row;
class Rows;

// Go: connStmt, a statement prepared on a particular conn.
struct connStmt {
  std::shared_ptr<driverConn> dc;
  std::shared_ptr<driverStmt> ds;
};

// What Stmt.connStmt returns: a conn, how to release it, and the statement on it.
struct StmtOnConn {
  std::shared_ptr<driverConn> dc;
  ReleaseFunc releaseConn;
  std::shared_ptr<driverStmt> ds;
};

class Stmt : public finalCloser, public std::enable_shared_from_this<Stmt> {
 public:
  // Use DB/Tx/Conn::PrepareContext or Tx::StmtContext. db may be null for a Stmt that only
  // carries a sticky error.
  Stmt(std::shared_ptr<DB> db, std::string query, DepId dep_id)
      : db(std::move(db)), query(std::move(query)), dep_id_(dep_id) {}
  // Go: &Stmt{stickyErr: err}
  static std::shared_ptr<Stmt> WithStickyErr(absl::Status err);

  absl::StatusOr<std::shared_ptr<Result>> ExecContext(const sim::Context& ctx,
                                                      const Args& args = {});
  absl::StatusOr<std::shared_ptr<Rows>> QueryContext(const sim::Context& ctx,
                                                     const Args& args = {});
  std::shared_ptr<Row> QueryRowContext(const sim::Context& ctx, const Args& args = {});
  absl::Status Close();

  absl::Status finalClose() override;
  DepId depId() const override { return dep_id_; }

 private:
  friend class DB;
  friend class Tx;

  // Go: s.cg = cg, and s.cg itself (null if unbound, or if the bound Tx is gone).
  void setCg(const std::shared_ptr<stmtConnGrabber>& grabber);
  std::shared_ptr<stmtConnGrabber> cg() const;
  template <typename T, typename Use>
  absl::StatusOr<T> withConnRetries(const sim::Context& ctx, Use use);
  void removeClosedStmtLocked();
  Mutation MutationInScope() const;  // for MUTANT() (stmt_conn.cc)
  absl::StatusOr<StmtOnConn> connStmt(const sim::Context& ctx, connReuseStrategy strategy);
  absl::StatusOr<std::shared_ptr<driverStmt>> prepareOnConnLocked(
      const sim::Context& ctx, const std::shared_ptr<driverConn>& dc);
  absl::StatusOr<std::shared_ptr<Rows>> rowsOnConn(const sim::Context& ctx,
                                                   const StmtOnConn& on,
                                                   std::shared_ptr<driver::Rows> rowsi);

  // Immutable.
  std::shared_ptr<DB> db;
  std::string query;
  absl::Status stickyErr;  // if set, every operation returns it

  sim::RWMutex closemu;  // exclusively during Close, for read otherwise

  // Go: cg, the Tx or Conn the statement is bound to. A Conn is held strongly, a Tx weakly:
  // the Tx lists its statements (stmts.v), and a Tx can only be gone once it is done, when
  // its grabConn would fail with ErrTxDone anyway.
  std::shared_ptr<stmtConnGrabber> cgConn;
  std::weak_ptr<stmtConnGrabber> cgTx;
  bool hasCg = false;  // Go: s.cg != nil
  std::shared_ptr<driverStmt> cgds;
  std::shared_ptr<driverConn> cgdc;  // cgds's conn (a driverStmt holds its conn weakly)
  std::shared_ptr<Stmt> parentStmt;  // the DB statement a Tx statement was made from

  sim::Mutex mu;  // protects the following
  bool closed = false;
  std::vector<struct connStmt> css;
  uint64_t lastNumClosed = 0;

  const DepId dep_id_;
};

// Go: resultFromStatement and rowsiFromStatement: run a prepared driver statement under
// its conn's lock.
absl::StatusOr<std::shared_ptr<Result>> resultFromStatement(const sim::Context& ctx,
                                                            const std::shared_ptr<driverStmt>& ds,
                                                            const Args& args);
absl::StatusOr<std::shared_ptr<driver::Rows>> rowsiFromStatement(
    const sim::Context& ctx, const std::shared_ptr<driverStmt>& ds, const Args& args);

}  // namespace model::sql
