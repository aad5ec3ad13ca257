// Lookups shared by the checkers (see pool_lookup.h).
#include "properties/pool_lookup.h"

#include "absl/strings/str_cat.h"
#include "model/fakedb/conn.h"

namespace properties {

using model::fakedb::CallKind;
using model::fakedb::ConnId;

ConnId DriverConnIdOf(const model::sql::ConnView& view) {
  const auto* fake = dynamic_cast<const model::fakedb::FakeConn*>(view.driver_conn);
  return fake == nullptr ? model::fakedb::kNoConn : fake->id();
}

const model::sql::ConnView* FindPoolConn(const model::sql::PoolView& pool, ConnId id) {
  for (const model::sql::ConnView& c : pool.conns) {
    if (DriverConnIdOf(c) == id) return &c;
  }
  return nullptr;
}

int64_t CurrentClientOp(const ClientLog& clients, sim::GoroutineId g) {
  return clients.CurrentOp(g);
}

std::string GoroutineLabel(const model::fakedb::CallLog& log, sim::GoroutineId id) {
  return absl::StrCat("g", id, " ", log.goroutine_name(id));
}

std::string CallLabel(const model::fakedb::CallLog& log, const model::fakedb::DriverCall& call) {
  return absl::StrCat("#", call.seq, " ", GoroutineLabel(log, call.goroutine), " ", call.Label());
}

bool IsStmtCall(CallKind kind) {
  return kind == CallKind::kStmtExec || kind == CallKind::kStmtQuery ||
         kind == CallKind::kStmtClose;
}

bool IsRowsCall(CallKind kind) {
  return kind == CallKind::kRowsNext || kind == CallKind::kRowsClose;
}

bool IsTxEnd(CallKind kind) { return kind == CallKind::kCommit || kind == CallKind::kRollback; }

}  // namespace properties
