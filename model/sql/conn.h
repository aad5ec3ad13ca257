// Go's sql.Conn: one conn taken from the pool and kept for a sequence of operations until
// Close gives it back. closemu keeps Close waiting for operations still running.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/sql/db.h"
#include "model/sql/grabber.h"
#include "sim/go.h"

namespace model::sql {

class Result;
class Row;
class Rows;
class Stmt;
class Tx;

class Conn : public stmtConnGrabber, public std::enable_shared_from_this<Conn> {
 public:
  // Use DB::Conn.
  Conn(std::shared_ptr<DB> db, std::shared_ptr<driverConn> dc)
      : db(std::move(db)), dc(std::move(dc)) {}

  absl::Status PingContext(const sim::Context& ctx);
  absl::StatusOr<std::shared_ptr<Result>> ExecContext(const sim::Context& ctx,
                                                      const std::string& query,
                                                      const Args& args = {});
  absl::StatusOr<std::shared_ptr<Rows>> QueryContext(const sim::Context& ctx,
                                                     const std::string& query,
                                                     const Args& args = {});
  std::shared_ptr<Row> QueryRowContext(const sim::Context& ctx, const std::string& query,
                                       const Args& args = {});
  absl::StatusOr<std::shared_ptr<Stmt>> PrepareContext(const sim::Context& ctx,
                                                       const std::string& query);
  // Go: (*Conn).Raw. f runs with the driver conn, under its lock.
  absl::Status Raw(const std::function<absl::Status(driver::Conn&)>& f);
  absl::StatusOr<std::shared_ptr<Tx>> BeginTx(const sim::Context& ctx,
                                              const TxOptions* opts = nullptr);
  absl::Status Close();

  // stmtConnGrabber.
  absl::StatusOr<GrabbedConn> grabConn(const sim::Context& ctx) override;
  std::optional<sim::Context> txCtx() override { return std::nullopt; }

 private:
  void closemuRUnlockCondReleaseConn(const absl::Status& err);
  absl::Status close(const absl::Status& err);
  void noteBadConnVerdictDropped();

  std::shared_ptr<DB> db;
  sim::RWMutex closemu;  // held for read during operations, exclusively during close
  std::shared_ptr<driverConn> dc;  // owned until close returns it to the pool
  sim::Atomic<int32_t> done;       // 0 -> 1 exactly once, on close
  // Bookkeeping for invariant checkers, not in Go: an operation ended with ErrBadConn and
  // gave it to closemuRUnlockCondReleaseConn (set before its RUnlock). If a close that
  // holds closemu then releases the conn with no error, the user's Close won the CAS on
  // done and the verdict is dropped (known bug conn-close-drops-bad-conn): the driverConn
  // is marked so that I5 can tell this shape from others.
  bool badConnVerdictDelivered = false;
};

}  // namespace model::sql
