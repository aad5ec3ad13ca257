// bad_conn_on_reuse: the driver fails conns as they are reused: a fixed ResetSession
// failure plus ErrBadConn on ResetSession or Exec where the strategy chooses, within a
// budget. A failed conn must get no call but Close and never be handed out again (I5),
// and callers must not see ErrBadConn while the retries could still succeed (I6). On sync-reset
// it also finds a real hang: a last retry that waits at maxOpen beside idle conns (I3; see
// explore/known_bugs_explore_test.cc), which only a context deadline (timeout_ms) ends.
#include "scenarios/catalog.h"
#include "scenarios/ops.h"
#include "scenarios/scenario_params.h"

namespace scenarios {
namespace {

using model::fakedb::CallKind;
using model::fakedb::FaultRule;

absl::StatusOr<Workload> Build(model::sql::PoolVersion version, const Params& params) {
  ParamValues values(params);
  const int clients = values.Int("clients", 1, 1000);
  const int ops_per_client = values.Int("ops_per_client", 1, 1000);
  const int reset_fail_nth = values.Int("reset_fail_nth", 0, 1000);
  const int budget = values.Int("fault_budget", 0, 1000);
  Workload w;
  w.pool.version = version;
  w.pool.max_open = values.Int("max_open", 0, 1000);
  w.pool.max_idle = w.pool.max_open > 0 ? w.pool.max_open : 2;
  w.driver.call_latency = values.Millis("latency_ms", 0, 60000);
  const sim::Duration timeout = values.Millis("timeout_ms", 0, 60000);
  if (!values.status().ok()) return values.status();

  if (reset_fail_nth > 0) {
    w.driver.faults.Add(
        FaultRule::Nth(CallKind::kResetSession, static_cast<uint64_t>(reset_fail_nth)));
  }
  if (budget > 0) {
    w.driver.faults.Choose({CallKind::kResetSession, CallKind::kExec},
                           static_cast<uint64_t>(budget));
  }
  Client client;
  for (int i = 0; i < ops_per_client; ++i) {
    Op exec = ops::Exec("NOOP");
    client.ops.push_back(timeout > sim::Duration::Zero() ? ops::WithTimeout(exec, timeout) : exec);
  }
  w.clients.assign(static_cast<size_t>(clients), client);
  return w;
}

}  // namespace

Scenario BadConnOnReuseScenario() {
  return {
      .name = "bad_conn_on_reuse",
      .summary = "ErrBadConn on reuse: ResetSession/Exec faults, fixed and chosen",
      .params = {
        {"clients", "3", "client goroutines"},
        {"ops_per_client", "3", "Exec NOOP per client"},
        {"max_open", "2", "SetMaxOpenConns (max idle is the same)"},
        {"reset_fail_nth", "1", "the Nth ResetSession returns ErrBadConn (0: none)"},
        {"fault_budget", "2", "ErrBadConn faults the strategy may place on ResetSession/Exec"},
        {"latency_ms", "0", "virtual time every driver call takes"},
        {"timeout_ms", "0", "per-Exec context timeout (0: none, and a last retry that waits "
                            "beside idle conns then waits for good)"},
      },
      .max_steps = 1'000'000,
      .build = &Build,
  };
}

}  // namespace scenarios
