// The DB operations that hand a conn to a longer-lived object: BeginTx (a Tx) and Conn
// (a Conn), with Go's bad-conn retries.
#include "model/sql/conn.h"
#include "model/sql/ctxutil.h"
#include "model/sql/db.h"
#include "model/sql/pool_trace.h"
#include "model/sql/retry.h"
#include "model/sql/tx.h"

namespace model::sql {

// Go: (*DB).BeginTx
absl::StatusOr<std::shared_ptr<Tx>> DB::BeginTx(const sim::Context& ctx, const TxOptions* opts) {
  return retryBadConn([&](connReuseStrategy s) { return begin(ctx, opts, s); });
}

// Go: (*DB).begin
absl::StatusOr<std::shared_ptr<Tx>> DB::begin(const sim::Context& ctx, const TxOptions* opts,
                                              connReuseStrategy strategy) {
  absl::StatusOr<std::shared_ptr<driverConn>> dc = conn(ctx, strategy);
  if (!dc.ok()) return dc.status();
  return beginDC(ctx, *dc, [dc = *dc](const absl::Status& err) { dc->releaseConn(err); },
                 opts);
}

// Go: (*DB).beginDC. The Tx is rolled back by its awaitDone goroutine if ctx is done
// before Commit or Rollback.
absl::StatusOr<std::shared_ptr<Tx>> DB::beginDC(const sim::Context& ctx,
                                                const std::shared_ptr<driverConn>& dc,
                                                const ReleaseFunc& release,
                                                const TxOptions* opts) {
  absl::StatusOr<std::shared_ptr<driver::Tx>> txi;
  bool keepConnOnRollback = false;
  withLock(*dc, [&] {
    if (features().keeps_conn_on_rollback) {
      const bool hasSessionResetter =
          std::dynamic_pointer_cast<driver::SessionResetter>(dc->ci) != nullptr;
      const bool hasConnectionValidator =
          std::dynamic_pointer_cast<driver::ConnectionValidator>(dc->ci) != nullptr;
      keepConnOnRollback = hasSessionResetter && hasConnectionValidator;
    }
    txi = ctxDriverBegin(ctx, opts, *dc->ci);
  });
  if (!txi.ok()) {
    release(txi.status());
    return txi.status();
  }
  auto [txctx, cancel] = sim::WithCancel(ctx);
  auto tx = std::make_shared<Tx>(shared_from_this(), dc, release, *std::move(txi), cancel,
                                 keepConnOnRollback, txctx);
  TracePool("beginDC: tx on conn#", dc->id);
  sim::Go("Tx.awaitDone", [tx] { tx->awaitDone(); });
  return tx;
}

// Go: (*DB).Conn
absl::StatusOr<std::shared_ptr<Conn>> DB::Conn(const sim::Context& ctx) {
  absl::StatusOr<std::shared_ptr<driverConn>> dc =
      retryBadConn([&](connReuseStrategy s) { return conn(ctx, s); });
  if (!dc.ok()) return dc.status();
  return std::make_shared<class Conn>(shared_from_this(), *std::move(dc));
}

}  // namespace model::sql
