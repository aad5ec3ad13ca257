// How a DB is opened: which pool version it runs (pool_version.h), the capacity of the
// resetter channel of versions that have one, a test mutation, and the test hooks
// Go keeps as package variables (putConnHook, hookTxGrabConn, rowsCloseHook), here per DB.
#pragma once

#include <functional>

#include "absl/status/status.h"
#include "model/sql/mutation.h"
#include "model/sql/pool_version.h"

namespace model::sql {

class DB;
class driverConn;
class Rows;

// Go's test-only package hooks, per DB. Each is empty unless a test sets it.
struct TestHooks {
  // Go: putConnHook, run by putConn (db.mu held) before a good conn goes back.
  std::function<void(DB&, driverConn&)> put_conn;
  // Go: hookTxGrabConn, run by Tx.grabConn after a successful grab.
  std::function<void()> tx_grab_conn;
  // Go: rowsCloseHook, run by Rows.close after the driver rows are closed; may replace err.
  std::function<void(Rows&, absl::Status*)> rows_close;
};

struct DBOptions {
  PoolVersion version = kDefaultPoolVersion;
  // Capacity of resetterCh (Go: make(chan *driverConn, 50)); used only by versions with
  // PoolFeatures::has_connection_resetter.
  int resetter_capacity = 50;
  // A deliberately broken variant; honoured only by the poolcheck_model_mutants build.
  Mutation mutation = Mutation::kNone;
  TestHooks hooks;
};

}  // namespace model::sql
