// waiters_open_fail: more clients than maxOpen while the driver's first opens fail. Clients
// that opened directly get the open error; the ones waiting in connRequests must each be
// woken, with a conn or with the error the background opener got (invariant I3), and
// numOpen must give back every failed reservation (I1).
#include "scenarios/catalog.h"
#include "scenarios/ops.h"
#include "scenarios/scenario_params.h"

namespace scenarios {
namespace {

using model::fakedb::CallKind;
using model::fakedb::FaultAction;
using model::fakedb::FaultRule;

absl::StatusOr<Workload> Build(model::sql::PoolVersion version, const Params& params) {
  ParamValues values(params);
  const int clients = values.Int("clients", 1, 1000);
  const int ops_per_client = values.Int("ops_per_client", 1, 1000);
  const int open_failures = values.Int("open_failures", 0, 1000);
  Workload w;
  w.pool.version = version;
  w.pool.max_open = values.Int("max_open", 1, 1000);
  w.driver.call_latency = values.Millis("latency_ms", 0, 60000);
  if (!values.status().ok()) return values.status();

  if (open_failures > 0) {
    w.driver.faults.Add(FaultRule::FirstN(CallKind::kOpen, static_cast<uint64_t>(open_failures))
                            .Returns(FaultAction::kError));
  }
  Client client;
  for (int i = 0; i < ops_per_client; ++i) client.ops.push_back(ops::Exec("NOOP"));
  w.clients.assign(static_cast<size_t>(clients), client);
  return w;
}

}  // namespace

Scenario WaitersOpenFailScenario() {
  return {
      .name = "waiters_open_fail",
      .summary = "clients wait at maxOpen while the driver's opens fail",
      .params = {
        {"clients", "4", "client goroutines"},
        {"ops_per_client", "2", "Exec NOOP per client"},
        {"max_open", "2", "SetMaxOpenConns"},
        {"open_failures", "3", "the first N driver opens fail with an ordinary error"},
        {"latency_ms", "1", "virtual time every driver call takes"},
      },
      .max_steps = 1'000'000,
      .build = &Build,
  };
}

}  // namespace scenarios
