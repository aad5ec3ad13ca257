// lower_max_open: SetMaxOpenConns lowered while clients hold conns. Live driver conns may
// exceed the new limit only until the excess is released; from then on they must stay
// within it (I2), and the waiting clients must still be served (I3).
#include "scenarios/catalog.h"
#include "scenarios/ops.h"
#include "scenarios/scenario_params.h"

namespace scenarios {
namespace {

absl::StatusOr<Workload> Build(model::sql::PoolVersion version, const Params& params) {
  ParamValues values(params);
  const int clients = values.Int("clients", 1, 1000);
  const int ops_per_client = values.Int("ops_per_client", 1, 1000);
  const int lower_to = values.Int("lower_to", 0, 1000);
  const sim::Duration lower_at = values.Millis("lower_at_ms", 0, 60000);
  const sim::Duration hold = values.Millis("hold_ms", 0, 60000);
  Workload w;
  w.pool.version = version;
  w.pool.max_open = values.Int("max_open", 0, 1000);
  w.pool.max_idle = w.pool.max_open;
  w.driver.call_latency = values.Millis("latency_ms", 0, 60000);
  if (!values.status().ok()) return values.status();

  Client lowerer;
  lowerer.start_delay = lower_at;
  lowerer.ops = {ops::SetMaxOpenConns(lower_to)};
  w.clients.push_back(lowerer);
  Client client;
  for (int i = 0; i < ops_per_client; ++i) {
    client.ops.push_back(ops::Hold(ops::Query("COUNT"), hold));
  }
  for (int c = 0; c < clients; ++c) w.clients.push_back(client);
  return w;
}

}  // namespace

Scenario LowerMaxOpenScenario() {
  return {
      .name = "lower_max_open",
      .summary = "SetMaxOpenConns lowered under load",
      .params = {
        {"clients", "4", "client goroutines besides the one that lowers the limit"},
        {"ops_per_client", "2", "queries per client, each holding its rows hold_ms"},
        {"max_open", "3", "the initial SetMaxOpenConns (max idle is the same)"},
        {"lower_to", "1", "the limit set under load"},
        {"lower_at_ms", "1", "when the limit is lowered"},
        {"hold_ms", "2", "how long each query keeps its rows open"},
        {"latency_ms", "1", "virtual time every driver call takes"},
      },
      .max_steps = 1'000'000,
      .build = &Build,
  };
}

}  // namespace scenarios
