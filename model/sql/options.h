// How a DB is opened: which of the two pool versions it runs (the seed commit 971f8a2 or
// its parent), the parent's resetter channel capacity, a test mutation, and the test hooks
// Go keeps as package variables (putConnHook, hookTxGrabConn, rowsCloseHook), here per DB.
#pragma once

#include <functional>
#include <string_view>

#include "absl/status/status.h"
#include "model/sql/mutation.h"

namespace model::sql {

class DB;
class driverConn;
class Rows;

// The two database/sql versions poolcheck models. They differ only where the seed diff
// (shared/seed/000_222e98ef33efeb7b.txt) says; see model/FIDELITY.md.
enum class PoolVersion : uint8_t {
  kSeedParent,  // 0eeec4f25dc6: sessions reset asynchronously by connectionResetter
  kSeed,        // 971f8a2: sessions reset synchronously when a conn is next taken
};

std::string_view PoolVersionName(PoolVersion v);  // "seed-parent", "seed"

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
  PoolVersion version = PoolVersion::kSeed;
  // Capacity of seed-parent's resetterCh (Go: make(chan *driverConn, 50)). Ignored by seed.
  int resetter_capacity = 50;
  // A deliberately broken variant; honoured only by the poolcheck_model_mutants build.
  Mutation mutation = Mutation::kNone;
  TestHooks hooks;
};

}  // namespace model::sql
