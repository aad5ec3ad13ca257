// Opening a DB and its background openers: OpenDB, maybeOpenNewConnections,
// connectionOpener, openNewConnection, and the connectionResetter of 0eeec4f25dc6.
#include <utility>

#include "model/sql/db.h"
#include "model/sql/pool_trace.h"

namespace model::sql {

DB::DB(std::shared_ptr<driver::Connector> c, DBOptions options)
    : opts(std::move(options)), connector(std::move(c)) {}

Mutation DB::MutationInScope() const { return opts.mutation; }

// Go: OpenDB
std::shared_ptr<DB> OpenDB(std::shared_ptr<driver::Connector> connector, DBOptions options) {
  auto [ctx, cancel] = sim::WithCancel(sim::Context::Background());
  const bool resetter = FeaturesOf(options.version).has_connection_resetter;
  const int resetter_capacity = options.resetter_capacity;
  auto db = std::make_shared<DB>(std::move(connector), std::move(options));
  db->openerCh = sim::Chan<sim::Unit>::Make(kConnectionRequestQueueSize);
  if (resetter) {
    db->resetterCh = sim::Chan<std::shared_ptr<driverConn>>::Make(resetter_capacity);
  }
  db->stop = cancel;
  TracePool("OpenDB version=", std::string(PoolVersionName(db->version())));

  sim::Go("connectionOpener", [db, ctx = ctx] { db->connectionOpener(ctx); });
  if (resetter) {
    sim::Go("connectionResetter", [db, ctx = ctx] { db->connectionResetter(ctx); });
  }
  return db;
}

// Go: (*DB).maybeOpenNewConnections. db.mu is held.
void DB::maybeOpenNewConnections() {
  int numRequests = static_cast<int>(connRequests.size());
  if (maxOpen > 0) {
    int numCanOpen = maxOpen - numOpen;
    if (numRequests > numCanOpen) numRequests = numCanOpen;
  }
  while (numRequests > 0) {
    numOpen++;  // optimistically
    numRequests--;
    if (closed) return;
    TracePool("maybeOpenNewConnections: ask opener, numOpen=", numOpen);
    openerCh.Send(sim::Unit{});
  }
}

// Go: (*DB).connectionOpener
void DB::connectionOpener(sim::Context ctx) {
  for (;;) {
    sim::Select sel;
    int done_case = -2;  // no case: the kLeakOpener mutant never sees the DB close
    if (!MUTANT(kLeakOpener)) {
      sel.Recv(ctx.Done());
      done_case = 0;
    }
    sel.Recv(openerCh);
    if (sel.Wait() == done_case) return;
    openNewConnection(ctx);
  }
}

// Go: (*DB).openNewConnection. maybeOpenNewConnections already counted this conn in
// numOpen; every path that does not end with a pooled conn must take it back.
void DB::openNewConnection(const sim::Context& ctx) {
  absl::StatusOr<std::shared_ptr<driver::Conn>> ci = connector->Connect(ctx);
  sim::LockGuard guard(mu);
  if (closed) {
    if (ci.ok()) (*ci)->Close().IgnoreError();
    numOpen--;
    if (!ci.ok()) openerFailuresHandled++;
    TracePool("openNewConnection: DB closed, numOpen=", numOpen);
    return;
  }
  if (!ci.ok()) {
    if (!MUTANT(kForgetNumOpenDecrement)) numOpen--;
    TracePool("openNewConnection failed: ", ci.status().ToString(), ", numOpen=", numOpen);
    putConnDBLocked(nullptr, ci.status());
    maybeOpenNewConnections();
    openerFailuresHandled++;
    return;
  }
  std::shared_ptr<driverConn> dc = newDriverConnLocked(*std::move(ci));
  TracePool("openNewConnection: opened conn#", dc->id);
  if (putConnDBLocked(dc, absl::OkStatus())) {
    addDepLocked(dc, dc->depId());
  } else {
    numOpen--;
    dc->ci->Close().IgnoreError();
  }
}

// Go (0eeec4f25dc6 only): (*DB).connectionResetter. Resets the sessions of conns putConn
// queued, each queued with its lock held; on shutdown it releases the queued locks.
void DB::connectionResetter(sim::Context ctx) {
  for (;;) {
    std::shared_ptr<driverConn> dc;
    sim::Select sel;
    sel.Recv(ctx.Done());
    sel.Recv(resetterCh, &dc);
    if (sel.Wait() == 0) {
      resetterCh.Close();
      std::shared_ptr<driverConn> queued;
      while (resetterCh.RecvOk(&queued)) {
        queued->resetQueued = false;
        queued->Unlock();
      }
      return;
    }
    dc->resetQueued = false;
    dc->resetSessionOnResetter(ctx);
  }
}

// Not in Go: a driverConn as Go's struct literal makes it, plus its pool id and its entry
// in the inspection registry. db.mu is held.
std::shared_ptr<driverConn> DB::newDriverConnLocked(std::shared_ptr<driver::Conn> ci) {
  auto dc = std::make_shared<driverConn>(shared_from_this(), std::move(ci), ++lastConnId,
                                         nextDepId());
  dc->createdAt = sim::Now();
  dc->returnedAt = sim::Now();
  liveConns[dc->id] = dc;
  return dc;
}

}  // namespace model::sql
