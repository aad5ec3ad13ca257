// Test support: the few client operations the invariant tests' programs are made of, each
// one pool call (plus what it needs to finish: Tx commit, rows close), recorded in the
// ClientLog under the label a workload's Show() would give it. Header-only.
#pragma once

#include <memory>
#include <string>

#include "model/sql/db.h"
#include "model/sql/rows.h"
#include "model/sql/tx.h"
#include "properties/testing/program.h"
#include "sim/context.h"

namespace properties::testing {

inline absl::Status StatusOf(const absl::Status& s) { return s; }
template <typename T>
absl::Status StatusOf(const absl::StatusOr<T>& s) {
  return s.status();
}

// db.ExecContext(ctx, "NOOP").
inline absl::Status Exec(ClientCtx& c, const sim::Context& ctx = sim::Context::Background()) {
  return c.Op("Exec NOOP", [&] { return StatusOf(c.db().ExecContext(ctx, "NOOP")); });
}

// db.BeginTx(ctx), `execs` Execs on the tx, then Commit (Rollback if `rollback`).
inline absl::Status TxOp(ClientCtx& c, const sim::Context& ctx, int execs, bool rollback) {
  std::string label = "Tx{";
  for (int i = 0; i < execs; ++i) label += "Exec NOOP; ";
  label += rollback ? "Rollback}" : "Commit}";
  return c.Op(label, [&]() -> absl::Status {
    auto tx = c.db().BeginTx(ctx);
    if (!tx.ok()) return tx.status();
    absl::Status first;
    for (int i = 0; i < execs; ++i) {
      absl::Status s = StatusOf((*tx)->ExecContext(ctx, "NOOP"));
      if (first.ok()) first = s;
    }
    absl::Status end = rollback ? (*tx)->Rollback() : (*tx)->Commit();
    return first.ok() ? end : first;
  });
}

}  // namespace properties::testing
