// Go's sql.Tx: a transaction bound to one conn until Commit or Rollback. A goroutine
// (awaitDone) rolls it back when its context is done; closemu keeps the conn from being
// released while a statement of the transaction is running.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/sql/db.h"
#include "model/sql/grabber.h"
#include "sim/go.h"

namespace model::sql {

class Result;
class Row;
class Rows;
class Stmt;

class Tx : public stmtConnGrabber, public std::enable_shared_from_this<Tx> {
 public:
  // Use DB::BeginTx or Conn::BeginTx.
  Tx(std::shared_ptr<DB> db, std::shared_ptr<driverConn> dc, ReleaseFunc releaseConn,
     std::shared_ptr<driver::Tx> txi, sim::CancelFunc cancel, bool keepConnOnRollback,
     sim::Context ctx)
      : db(std::move(db)), dc(std::move(dc)), txi(std::move(txi)),
        releaseConn(std::move(releaseConn)), cancel(std::move(cancel)),
        keepConnOnRollback(keepConnOnRollback), ctx(std::move(ctx)) {}

  absl::Status Commit();
  absl::Status Rollback();
  absl::StatusOr<std::shared_ptr<Stmt>> PrepareContext(const sim::Context& ctx,
                                                       const std::string& query);
  std::shared_ptr<Stmt> StmtContext(const sim::Context& ctx, const std::shared_ptr<Stmt>& stmt);
  absl::StatusOr<std::shared_ptr<Result>> ExecContext(const sim::Context& ctx,
                                                      const std::string& query,
                                                      const Args& args = {});
  absl::StatusOr<std::shared_ptr<Rows>> QueryContext(const sim::Context& ctx,
                                                     const std::string& query,
                                                     const Args& args = {});
  std::shared_ptr<Row> QueryRowContext(const sim::Context& ctx, const std::string& query,
                                       const Args& args = {});

  // stmtConnGrabber.
  absl::StatusOr<GrabbedConn> grabConn(const sim::Context& ctx) override;
  std::optional<sim::Context> txCtx() override { return ctx; }

  // For checkers: whether Commit or Rollback has begun (no scheduling point).
  bool DoneForInspect() const { return done.Peek() != 0; }

 private:
  friend class DB;

  void awaitDone();
  bool isDone();
  void close(const absl::Status& err);
  void quiesceBeforeEnd();
  void closemuRUnlockRelease(const absl::Status&);
  void closePrepared();
  absl::Status rollback(bool discardConn);
  Mutation MutationInScope() const { return db->opts.mutation; }

  std::shared_ptr<DB> db;
  sim::RWMutex closemu;  // held for read by running statements, exclusively to close
  std::shared_ptr<driverConn> dc;  // owned until Commit or Rollback
  std::shared_ptr<driver::Tx> txi;
  ReleaseFunc releaseConn;  // gives dc back to the pool once the Tx is closed
  sim::Atomic<int32_t> done;  // 0 -> 1 exactly once, on Commit or Rollback
  struct {
    sim::Mutex mu;
    std::vector<std::shared_ptr<Stmt>> v;
  } stmts;  // statements prepared for this Tx, closed when it ends
  sim::CancelFunc cancel;  // called after done becomes 1
  // Go 1.19: the driver conn can reset its session and validate itself, so a rollback on
  // a done context need not discard it (always false before keeps_conn_on_rollback).
  bool keepConnOnRollback = false;
  sim::Context ctx;        // lives as long as the transaction
};

}  // namespace model::sql
