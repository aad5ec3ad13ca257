// lifetime_expiry: SetConnMaxLifetime short, with load running across the expiry. Conns
// expire while idle (the cleaner closes them) and while in use (conn() finds an expired
// conn and discards it with ErrBadConn, which the caller's retry must hide). Exercises
// connectionCleaner, expiry in conn() and the retry loops.
#include "scenarios/catalog.h"
#include "scenarios/ops.h"
#include "scenarios/scenario_params.h"

namespace scenarios {
namespace {

absl::StatusOr<Workload> Build(model::sql::PoolVersion version, const Params& params) {
  ParamValues values(params);
  const int clients = values.Int("clients", 1, 1000);
  const int ops_per_client = values.Int("ops_per_client", 1, 1000);
  const sim::Duration think = values.Millis("think_ms", 0, 60000);
  const sim::Duration stagger = values.Millis("stagger_ms", 0, 60000);
  Workload w;
  w.pool.version = version;
  w.pool.max_open = values.Int("max_open", 0, 1000);
  w.pool.max_idle = values.Int("max_idle", 0, 1000);
  w.pool.max_lifetime = values.Millis("lifetime_ms", 1, 60000);
  w.driver.call_latency = values.Millis("latency_ms", 0, 60000);
  if (!values.status().ok()) return values.status();

  for (int c = 0; c < clients; ++c) {
    Client client;
    client.start_delay = stagger * c;
    for (int i = 0; i < ops_per_client; ++i) {
      client.ops.push_back(i % 2 == 0 ? ops::Query("COUNT") : ops::Exec("NOOP"));
      if (think > sim::Duration::Zero()) client.ops.push_back(ops::Sleep(think));
    }
    w.clients.push_back(client);
  }
  return w;
}

}  // namespace

Scenario LifetimeExpiryScenario() {
  return {
      .name = "lifetime_expiry",
      .summary = "SetConnMaxLifetime short, load running across the expiry",
      .params = {
        {"clients", "4", "client goroutines"},
        {"ops_per_client", "4", "ops per client, alternating Query COUNT and Exec NOOP"},
        {"think_ms", "2", "sleep after each op"},
        {"stagger_ms", "1", "client i starts after i * stagger_ms"},
        {"max_open", "2", "SetMaxOpenConns"},
        {"max_idle", "2", "SetMaxIdleConns"},
        {"lifetime_ms", "4", "SetConnMaxLifetime"},
        {"latency_ms", "1", "virtual time every driver call takes"},
      },
      .max_steps = 1'000'000,
      .build = &Build,
  };
}

}  // namespace scenarios
