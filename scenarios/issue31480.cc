// issue31480: the reporter's shape from golang/go#31480. Many clients run short queries
// through a pool of maxOpen 128 / maxIdle 32 against a driver implementing
// SessionResetter. On async-reset every returned conn is queued for an asynchronous reset
// on resetterCh (capacity 50); when that channel is full, putConn marks a healthy conn bad
// and the next caller that takes it discards it (invariant I6). On sync-reset the reset is
// synchronous and nothing is lost.
#include "scenarios/catalog.h"
#include "scenarios/ops.h"
#include "scenarios/scenario_params.h"

namespace scenarios {
namespace {

absl::StatusOr<Workload> Build(model::sql::PoolVersion version, const Params& params) {
  ParamValues values(params);
  const int clients = values.Int("clients", 1, 5000);
  const int ops_per_client = values.Int("ops_per_client", 1, 1000);
  Workload w;
  w.pool.version = version;
  w.pool.max_open = values.Int("max_open", 0, 10000);
  w.pool.max_idle = values.Int("max_idle", 0, 10000);
  w.pool.resetter_capacity = values.Int("capacity", 0, 100000);
  w.driver.session_resetter = true;
  w.driver.call_latency = values.Millis("latency_ms", 0, 60000);
  w.driver.latency_jitter = values.Millis("jitter_ms", 0, 60000);
  if (!values.status().ok()) return values.status();

  Client client;
  for (int i = 0; i < ops_per_client; ++i) client.ops.push_back(ops::Query("COUNT"));
  w.clients.assign(static_cast<size_t>(clients), client);
  return w;
}

}  // namespace

Scenario Issue31480Scenario() {
  return {
      .name = "issue31480",
      .summary = "golang/go#31480: resetterCh full marks healthy conns bad (500 clients, "
                 "maxOpen 128, capacity 50)",
      .params = {
        {"clients", "500", "client goroutines, each running ops_per_client short queries"},
        {"ops_per_client", "1", "queries per client (Query COUNT, all rows read, Close)"},
        {"max_open", "128", "SetMaxOpenConns"},
        {"max_idle", "32", "SetMaxIdleConns"},
        {"capacity", "50", "async-reset's resetterCh capacity"},
        {"latency_ms", "0", "virtual time every driver call takes"},
        {"jitter_ms", "0", "extra 0..jitter_ms per call, chosen by the strategy"},
      },
      .max_steps = 5'000'000,
      .build = &Build,
  };
}

}  // namespace scenarios
