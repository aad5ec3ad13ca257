// Go's driverConn and driverStmt: a driver.Conn wrapped with the mutex that is held during
// every call into it (and into its statements, rows and transactions), plus the pool's
// bookkeeping for it. Every pool version shares this type; `needReset` serves versions that
// reset sessions synchronously, `lastErr` those with a connection resetter (PoolFeatures).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/sql/final_closer.h"
#include "model/sql/grabber.h"
#include "model/sql/mutation.h"
#include "model/sql/pool_version.h"
#include "sim/go.h"

namespace model::sql {

class DB;
struct driverStmt;

// Go: driverConn.
class driverConn : public sim::Locker,
                   public finalCloser,
                   public std::enable_shared_from_this<driverConn> {
 public:
  driverConn(const std::shared_ptr<DB>& db, std::shared_ptr<driver::Conn> ci, uint64_t id,
             DepId dep_id);
  ~driverConn() override;

  // The embedded sync.Mutex of Go's driverConn.
  void Lock(std::source_location loc = std::source_location::current()) override {
    mu.Lock(loc);
  }
  void Unlock(std::source_location loc = std::source_location::current()) override {
    mu.Unlock(loc);
  }

  void releaseConn(const absl::Status& err);
  void removeOpenStmt(const std::shared_ptr<driverStmt>& ds);
  bool expired(sim::Duration timeout) const;
  // resets_session_synchronously: resets the session if putConn marked it for reset.
  absl::Status resetSession(const sim::Context& ctx);
  // has_connection_resetter's resetSession: runs on connectionResetter with the lock
  // putConn took, records the driver's verdict in lastErr, and unlocks.
  void resetSessionOnResetter(const sim::Context& ctx);
  // resets_session_synchronously: marks the conn for reset; with has_connection_validator
  // also asks the driver whether the conn may go back to the pool.
  bool validateConnection(bool needsReset);
  absl::StatusOr<std::shared_ptr<driverStmt>> prepareLocked(const sim::Context& ctx,
                                                            const stmtConnGrabber* cg,
                                                            const std::string& query);
  std::function<absl::Status()> closeDBLocked();
  absl::Status Close();
  absl::Status finalClose() override;
  DepId depId() const override { return dep_id_; }

  Mutation MutationInScope() const;
  const PoolFeatures& features() const;

  // Go's dc.db. Held weakly so that DB -> conn -> DB is no ownership cycle: every holder of
  // a conn outside the pool (Rows, Tx, Conn, Stmt) also holds its DB, as Go's GC would.
  std::shared_ptr<DB> db() const;

  std::weak_ptr<DB> dbWeak;
  sim::Instant createdAt;
  const uint64_t id;  // pool id, monotonically assigned by the DB (not in Go)

  sim::Mutex mu;  // guards the following, as Go's embedded Mutex does
  std::shared_ptr<driver::Conn> ci;
  bool needReset = false;  // resets_session_synchronously only
  absl::Status lastErr;    // has_connection_resetter only
  bool closed = false;
  bool finalClosed = false;
  std::map<uint64_t, std::shared_ptr<driverStmt>> openStmt;  // by driverStmt id

  // Guarded by db.mu.
  bool inUse = false;
  sim::Instant returnedAt;
  std::vector<std::function<void()>> onPut;
  bool dbmuClosed = false;

  // Bookkeeping for DB::Inspect, not in Go.
  std::shared_ptr<driver::Conn> ciForInspect;  // the wrapped conn, kept after finalClose
  bool resetQueued = false;                    // sitting in resetterCh
  // A sql.Conn's Close gave it back with no error although an operation on the Conn had
  // ended with ErrBadConn (Conn::noteBadConnVerdictDropped).
  bool badConnVerdictDropped = false;
  // finalClose has given back the conn's place in numOpen (set under db.mu right after
  // numOpen--): a conn finally closed without it is a close still in flight.
  bool openSlotReleased = false;
  // The goroutine DB::conn last handed this conn to, until putConn takes it back (I12
  // judges which conn a goroutine's driver calls may run on). Changed only through these
  // two, which keep DB::heldConns in step (held_conns.cc).
  bool held = false;
  sim::GoroutineId heldBy = 0;
  void noteHandedOut();
  void noteGivenBack();

 private:
  const DepId dep_id_;
};

// Go: driverStmt. Its Locker is always the driverConn it was prepared on.
struct driverStmt : public sim::Locker {
  driverStmt(const std::shared_ptr<driverConn>& dc, std::shared_ptr<driver::Stmt> si,
             uint64_t id)
      : dcWeak(dc), si(std::move(si)), id(id) {}

  void Lock(std::source_location loc = std::source_location::current()) override {
    dc()->Lock(loc);
  }
  void Unlock(std::source_location loc = std::source_location::current()) override {
    dc()->Unlock(loc);
  }
  absl::Status Close();
  // Go's ds.Locker. Held weakly so that conn -> openStmt -> stmt -> conn is no ownership
  // cycle: whoever holds a driverStmt also holds its conn (a connStmt, Rows, Stmt::cgdc).
  std::shared_ptr<driverConn> dc() const;

  std::weak_ptr<driverConn> dcWeak;
  std::shared_ptr<driver::Stmt> si;
  const uint64_t id;  // key in driverConn::openStmt (not in Go)
  bool closed = false;
  absl::Status closeErr;
};

// Go: withLock(lk, fn).
template <typename Fn>
void withLock(sim::Locker& lk, Fn&& fn) {
  sim::LockGuard guard(lk);
  fn();
}

}  // namespace model::sql
