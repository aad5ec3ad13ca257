// Go's *sql.DB: the connection pool. One code base serves every modelled version
// (DBOptions::version, branching on its PoolFeatures); every member says which Go function it follows, so it can be read
// side by side with sql.go. Go's pointers are shared_ptrs; Go's goroutines, mutexes,
// channels and contexts are sim/ primitives, so every synchronisation is a scheduling
// point and every outcome Go leaves to the runtime is a recorded choice.
#pragma once

#include <cstdint>
#include <map>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "model/driver/driver.h"
#include "model/sql/driver_conn.h"
#include "model/sql/final_closer.h"
#include "model/sql/held_conns.h"
#include "model/sql/options.h"
#include "model/sql/stats.h"
#include "model/sql/tx_options.h"
#include "model/sql/view.h"
#include "sim/go.h"

namespace model::sql {

class Conn;
class Result;
class Row;
class Rows;
class Stmt;
class Tx;

// Arguments of a query: Go's args ...interface{}, restricted to driver values.
using Args = std::vector<driver::Value>;

// Go: maxBadConnRetries.
inline constexpr int kMaxBadConnRetries = 2;
// Go: defaultMaxIdleConns.
inline constexpr int kDefaultMaxIdleConns = 2;
// Go: connectionRequestQueueSize, the capacity of openerCh.
inline constexpr size_t kConnectionRequestQueueSize = 1000000;

// Go: connReuseStrategy.
enum class connReuseStrategy : uint8_t { alwaysNewConn, cachedOrNewConn };

// Go: connRequest, what a waiter in connRequests receives.
struct connRequest {
  std::shared_ptr<driverConn> conn;
  absl::Status err;
};

class DB : public std::enable_shared_from_this<DB> {
 public:
  // Use OpenDB.
  DB(std::shared_ptr<driver::Connector> connector, DBOptions options);
  DB(const DB&) = delete;
  DB& operator=(const DB&) = delete;

  // ---- The exported API (Go names and shapes). ----
  absl::Status PingContext(const sim::Context& ctx);
  absl::Status Close();
  void SetMaxIdleConns(int n);
  void SetMaxOpenConns(int n);
  void SetConnMaxLifetime(sim::Duration d);
  void SetConnMaxIdleTime(sim::Duration d);
  DBStats Stats();
  absl::StatusOr<std::shared_ptr<Stmt>> PrepareContext(const sim::Context& ctx,
                                                       const std::string& query);
  absl::StatusOr<std::shared_ptr<Result>> ExecContext(const sim::Context& ctx,
                                                      const std::string& query,
                                                      const Args& args = {});
  absl::StatusOr<std::shared_ptr<Rows>> QueryContext(const sim::Context& ctx,
                                                     const std::string& query,
                                                     const Args& args = {});
  std::shared_ptr<Row> QueryRowContext(const sim::Context& ctx, const std::string& query,
                                       const Args& args = {});
  absl::StatusOr<std::shared_ptr<Tx>> BeginTx(const sim::Context& ctx,
                                              const TxOptions* opts = nullptr);
  absl::StatusOr<std::shared_ptr<class Conn>> Conn(const sim::Context& ctx);
  std::shared_ptr<driver::Driver> Driver();

  // ---- For checkers and tests: no lock, no scheduling point. ----
  PoolView Inspect() const;
  // Only the pool-level part (counters, settings, free list): O(len(freeConn)).
  PoolState InspectState() const;
  // The same into *state, reusing its buffers (no allocation once they have grown).
  void InspectStateInto(PoolState* state) const;
  // Into *out (cleared first): the views of the live conns handed to goroutine `g` and
  // not given back (held && held_by == g), in id order, as Inspect lists them; from the
  // held-conn index, O(conns g holds).
  void InspectHeldBy(sim::GoroutineId g, std::vector<ConnView>* out) const;
  const DBOptions& options() const { return opts; }
  PoolVersion version() const { return opts.version; }

 private:
  friend std::shared_ptr<DB> OpenDB(std::shared_ptr<driver::Connector>, DBOptions);
  friend class driverConn;
  friend class Conn;
  friend class Rows;
  friend class Stmt;
  friend class Tx;

  // Go: depSet, keyed by dependency id. Go's db.dep also keeps each finalCloser alive;
  // here its holders do (the pool's free list, users), so DB -> Stmt -> DB is no cycle.
  using DepSet = std::map<DepId, bool>;

  // Go: (*DB) unexported methods, grouped by file.
  // db_open.cc
  void maybeOpenNewConnections();
  void connectionOpener(sim::Context ctx);
  void openNewConnection(const sim::Context& ctx);
  void connectionResetter(sim::Context ctx);
  // db_conn.cc
  uint64_t nextRequestKeyLocked();
  absl::StatusOr<std::shared_ptr<driverConn>> conn(const sim::Context& ctx,
                                                   connReuseStrategy strategy);
  absl::StatusOr<std::shared_ptr<driverConn>> connFromFreeList(const sim::Context& ctx,
                                                               sim::Duration lifetime);
  absl::StatusOr<std::shared_ptr<driverConn>> connFromWaiting(const sim::Context& ctx,
                                                              connReuseStrategy strategy,
                                                              sim::Duration lifetime);
  absl::StatusOr<std::shared_ptr<driverConn>> connOpenDirect(const sim::Context& ctx);
  absl::Status checkSessionBeforeUse(const sim::Context& ctx, driverConn& dc);
  void putConn(const std::shared_ptr<driverConn>& dc, absl::Status err, bool resetSession);
  void putConnQueueReset(const std::shared_ptr<driverConn>& dc);
  bool putConnDBLocked(const std::shared_ptr<driverConn>& dc, const absl::Status& err);
  void noteUnusedDriverStatement(const std::shared_ptr<driverConn>& c,
                                 const std::shared_ptr<driverStmt>& ds);
  // db_settings.cc
  int maxIdleConnsLocked() const;
  sim::Duration shortestIdleTimeLocked() const;
  void startCleanerLocked();
  void connectionCleaner(sim::Duration d);
  std::vector<std::shared_ptr<driverConn>> connectionCleanerRunLocked();
  // db_cleaner_tracking.cc (cleaner_tracks_next_expiry)
  std::pair<sim::Duration, std::vector<std::shared_ptr<driverConn>>> connectionCleanerRunLocked(
      sim::Duration d);
  static void drainStoppedTimer(const sim::Timer& t);
  void wakeCleanerLocked();
  DBStats statsLocked(int64_t wait) const;
  // deps.cc
  void addDep(const std::shared_ptr<finalCloser>& x, DepId dep);
  void addDepLocked(const std::shared_ptr<finalCloser>& x, DepId dep);
  absl::Status removeDep(const std::shared_ptr<finalCloser>& x, DepId dep);
  std::function<absl::Status()> removeDepLocked(const std::shared_ptr<finalCloser>& x,
                                                DepId dep);
  // db_query.cc
  absl::Status pingDC(const sim::Context& ctx, const std::shared_ptr<driverConn>& dc,
                      const ReleaseFunc& release);
  absl::StatusOr<std::shared_ptr<Stmt>> prepare(const sim::Context& ctx,
                                                const std::string& query,
                                                connReuseStrategy strategy);
  absl::StatusOr<std::shared_ptr<Stmt>> prepareDC(const sim::Context& ctx,
                                                  const std::shared_ptr<driverConn>& dc,
                                                  const ReleaseFunc& release,
                                                  std::shared_ptr<stmtConnGrabber> cg,
                                                  const std::string& query);
  absl::StatusOr<std::shared_ptr<Result>> exec(const sim::Context& ctx,
                                               const std::string& query, const Args& args,
                                               connReuseStrategy strategy);
  absl::StatusOr<std::shared_ptr<Result>> execDC(const sim::Context& ctx,
                                                 const std::shared_ptr<driverConn>& dc,
                                                 const ReleaseFunc& release,
                                                 const std::string& query, const Args& args);
  absl::StatusOr<std::shared_ptr<Rows>> query(const sim::Context& ctx, const std::string& q,
                                              const Args& args, connReuseStrategy strategy);
  absl::StatusOr<std::shared_ptr<Rows>> queryDC(const sim::Context& ctx,
                                                const std::optional<sim::Context>& txctx,
                                                const std::shared_ptr<driverConn>& dc,
                                                const ReleaseFunc& releaseConn,
                                                const std::string& query, const Args& args);
  absl::StatusOr<std::shared_ptr<Tx>> begin(const sim::Context& ctx, const TxOptions* opts,
                                            connReuseStrategy strategy);
  absl::StatusOr<std::shared_ptr<Tx>> beginDC(const sim::Context& ctx,
                                              const std::shared_ptr<driverConn>& dc,
                                              const ReleaseFunc& release,
                                              const TxOptions* opts);

  // Bookkeeping not in Go: ids for traces, dep keys and the inspection registry.
  std::shared_ptr<driverConn> newDriverConnLocked(std::shared_ptr<driver::Conn> ci);
  DepId nextDepId() { return ++lastDepId; }
  uint64_t nextStmtId() { return ++lastStmtId; }
  Mutation MutationInScope() const;
  // What this DB's version does where the modelled Go commits differ (pool_version.h).
  const PoolFeatures& features() const { return FeaturesOf(opts.version); }

  const DBOptions opts;

  // Go: the DB struct's fields, with Go's names.
  sim::Atomic<int64_t> waitDuration;  // nanoseconds
  std::shared_ptr<driver::Connector> connector;
  sim::Atomic<uint64_t> numClosed;

  sim::Mutex mu;  // protects the following
  std::vector<std::shared_ptr<driverConn>> freeConn;
  std::map<uint64_t, sim::Chan<connRequest>> connRequests;
  uint64_t nextRequest = 0;
  int numOpen = 0;
  sim::Chan<sim::Unit> openerCh;
  sim::Chan<std::shared_ptr<driverConn>> resetterCh;  // has_connection_resetter only
  bool closed = false;
  std::map<DepId, DepSet> dep;  // by the finalCloser's id
  int maxIdleCount = 0;  // 0: kDefaultMaxIdleConns; negative: 0
  int maxOpen = 0;       // <= 0: unlimited
  sim::Duration maxLifetime;
  sim::Duration maxIdleTime;
  sim::Chan<sim::Unit> cleanerCh;
  int64_t waitCount = 0;
  int64_t maxIdleClosed = 0;
  int64_t maxIdleTimeClosed = 0;
  int64_t maxLifetimeClosed = 0;
  // Bookkeeping not in Go (guarded by mu): the connRequests keys whose conn() runs with
  // alwaysNewConn, the last retry (PoolState::last_retry_waiters). Served keys may stay.
  std::vector<uint64_t> lastRetryRequests;
  // Bookkeeping not in Go (guarded by mu): failed opens openNewConnection has finished
  // handling (PoolState::opener_failures_handled).
  uint64_t openerFailuresHandled = 0;

  sim::CancelFunc stop;

  uint64_t lastConnId = 0;
  uint64_t lastStmtId = 0;
  DepId lastDepId = 0;
  std::map<uint64_t, std::weak_ptr<driverConn>> liveConns;  // for Inspect, by conn id
  HeldConns heldConns;  // for InspectHeldBy: the live conns each goroutine holds
};

// Go: OpenDB. Starts connectionOpener (and, with has_connection_resetter, connectionResetter), so it
// must be called from a goroutine of a simulated run.
std::shared_ptr<DB> OpenDB(std::shared_ptr<driver::Connector> connector,
                           DBOptions options = {});

}  // namespace model::sql
