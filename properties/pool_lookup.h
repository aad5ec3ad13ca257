// Small read-only lookups the checkers share: which fake-driver conn a pool conn wraps,
// the pool conn wrapping a given driver conn, a goroutine's current client operation, and
// how goroutines and calls are named in messages.
#pragma once

#include <string>

#include "model/fakedb/call_log.h"
#include "model/sql/view.h"
#include "properties/client_log.h"
#include "sim/goroutine.h"

namespace properties {

// The fake driver's id of the conn `view` wraps; kNoConn if it is not a fake conn.
model::fakedb::ConnId DriverConnIdOf(const model::sql::ConnView& view);

// The live pool conn wrapping driver conn `id`, or nullptr.
const model::sql::ConnView* FindPoolConn(const model::sql::PoolView& pool,
                                         model::fakedb::ConnId id);

// The index in `clients` of the op goroutine `g` is running now (not done), or -1.
int64_t CurrentClientOp(const ClientLog& clients, sim::GoroutineId g);

// "g4 Tx.awaitDone", for messages.
std::string GoroutineLabel(const model::fakedb::CallLog& log, sim::GoroutineId id);

// "#12 g4 Tx.awaitDone conn 3 tx 1 Rollback", for messages.
std::string CallLabel(const model::fakedb::CallLog& log, const model::fakedb::DriverCall& call);

// Calls on a conn's statements, rows and tx (not on the conn itself).
bool IsStmtCall(model::fakedb::CallKind kind);
bool IsRowsCall(model::fakedb::CallKind kind);
bool IsTxEnd(model::fakedb::CallKind kind);

}  // namespace properties
