// tx_cancel: transactions cancelled mid-flight by their context, half by an explicit
// cancel and half by a deadline, while the driver takes time per call. The pool's
// awaitDone goroutine rolls the tx back concurrently with the client's own statements,
// Commit and Rollback: each driver tx must end exactly once (I11), no driver call may
// overlap another on the conn (I7), and the conn must come back to the pool (I4).
// With tx_ops >= 2 a tx also reads rows, and both pool versions fail I11: Rows.Next
// reaches the driver after awaitDone's Rollback (golang/go#34775, fixed upstream after
// these versions; see scenarios/FINDINGS.md).
#include "scenarios/catalog.h"
#include "scenarios/ops.h"
#include "scenarios/scenario_params.h"

namespace scenarios {
namespace {

absl::StatusOr<Workload> Build(model::sql::PoolVersion version, const Params& params) {
  ParamValues values(params);
  const int clients = values.Int("clients", 1, 1000);
  const int tx_ops = values.Int("tx_ops", 0, 100);
  const sim::Duration cancel_after = values.Millis("cancel_after_ms", 1, 60000);
  Workload w;
  w.pool.version = version;
  w.pool.max_open = values.Int("max_open", 0, 1000);
  w.driver.call_latency = values.Millis("latency_ms", 0, 60000);
  w.driver.latency_jitter = values.Millis("jitter_ms", 0, 60000);
  if (!values.status().ok()) return values.status();

  std::vector<Op> inner;
  for (int i = 0; i < tx_ops; ++i) {
    inner.push_back(i % 2 == 0 ? ops::Exec("NOOP") : ops::Query("COUNT"));
  }
  for (int c = 0; c < clients; ++c) {
    // Client c's tx ends after (c+1) * cancel_after: early ones are cut mid-flight, later
    // ones may commit first.
    Op tx = ops::Tx(inner, /*rollback=*/false);
    const sim::Duration after = cancel_after * (c + 1);
    tx = c % 2 == 0 ? ops::CancelAfter(tx, after) : ops::WithTimeout(tx, after);
    Client client;
    client.ops = {tx, ops::Exec("NOOP")};  // the pool must still serve this client after
    w.clients.push_back(client);
  }
  return w;
}

}  // namespace

Scenario TxCancelScenario() {
  return {
      .name = "tx_cancel",
      .summary = "transactions cancelled mid-flight by their context (cancel and deadline)",
      .params = {
        {"clients", "3", "client goroutines: even ones cancel, odd ones time out"},
        {"tx_ops", "1", "statements per tx: Exec NOOP, Query COUNT, Exec NOOP, ..."},
        {"cancel_after_ms", "2", "client c's tx ends (cancel or deadline) after (c+1) x this"},
        {"max_open", "2", "SetMaxOpenConns"},
        {"latency_ms", "1", "virtual time every driver call takes"},
        {"jitter_ms", "1", "extra 0..jitter_ms per call, chosen by the strategy"},
      },
      .max_steps = 1'000'000,
      .build = &Build,
  };
}

}  // namespace scenarios
