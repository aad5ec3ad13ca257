// Closing the DB (Go: (*DB).Close): idle conns are closed, waiters are told the DB is
// closed, and the background goroutines are stopped. Conns in use close as they return.
#include "model/sql/db.h"
#include "model/sql/map_order.h"
#include "model/sql/pool_trace.h"

namespace model::sql {

// Go: (*DB).Close. Idempotent; returns the last error from closing an idle conn.
absl::Status DB::Close() {
  std::vector<std::function<absl::Status()>> fns;
  {
    sim::LockGuard guard(mu);
    if (closed) return absl::OkStatus();
    if (!cleanerCh.IsNil()) cleanerCh.Close();
    fns.reserve(freeConn.size());
    for (auto& dc : freeConn) fns.push_back(dc->closeDBLocked());
    freeConn.clear();
    closed = true;
    std::vector<sim::Chan<connRequest>> reqs;
    for (auto& [reqKey, req] : connRequests) reqs.push_back(req);  // ascending keys
    InMapOrder(reqs, "DB.Close: connRequests order");
    for (auto& req : reqs) req.Close();
    TracePool("Close: DB closed, ", fns.size(), " idle conns closing, ", connRequests.size(),
              " waiters told");
  }
  absl::Status err;
  for (auto& fn : fns) {
    absl::Status err1 = fn();
    if (!err1.ok()) err = err1;
  }
  stop();
  return err;
}

}  // namespace model::sql
