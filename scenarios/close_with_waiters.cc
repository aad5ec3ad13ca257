// close_with_waiters: DB.Close while clients wait at maxOpen and other clients hold rows
// open. Waiters must be woken with errDBClosed (I3, I10), held conns must be closed when
// their rows close (I4), and no pool goroutine may outlive the DB (I4).
#include "scenarios/catalog.h"
#include "scenarios/ops.h"
#include "scenarios/scenario_params.h"

namespace scenarios {
namespace {

absl::StatusOr<Workload> Build(model::sql::PoolVersion version, const Params& params) {
  ParamValues values(params);
  const int clients = values.Int("clients", 1, 1000);
  const sim::Duration hold = values.Millis("hold_ms", 0, 60000);
  const sim::Duration close_at = values.Millis("close_at_ms", 0, 60000);
  Workload w;
  w.pool.version = version;
  w.pool.max_open = values.Int("max_open", 1, 1000);
  w.driver.call_latency = values.Millis("latency_ms", 0, 60000);
  if (!values.status().ok()) return values.status();

  Client closer;
  closer.start_delay = close_at;
  closer.ops = {ops::CloseDB()};
  w.clients.push_back(closer);
  for (int c = 0; c < clients; ++c) {
    Client client;
    // Odd clients hold rows open; even ones just Exec (and so queue behind the holders).
    client.ops = {c % 2 == 0 ? ops::Hold(ops::Query("COUNT"), hold) : ops::Exec("NOOP"),
                  ops::Ping()};
    w.clients.push_back(client);
  }
  return w;
}

}  // namespace

Scenario CloseWithWaitersScenario() {
  return {
      .name = "close_with_waiters",
      .summary = "DB.Close while clients wait at maxOpen and rows are held open",
      .params = {
        {"clients", "4", "client goroutines besides the one that closes the DB"},
        {"max_open", "2", "SetMaxOpenConns"},
        {"hold_ms", "3", "how long the row-holding clients keep their rows open"},
        {"close_at_ms", "2", "when a client calls DB.Close"},
        {"latency_ms", "1", "virtual time every driver call takes"},
      },
      .max_steps = 1'000'000,
      .build = &Build,
  };
}

}  // namespace scenarios
