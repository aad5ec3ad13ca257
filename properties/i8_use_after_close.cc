// I8 no use after close (see i8_use_after_close.h).
#include "properties/i8_use_after_close.h"

#include "absl/strings/str_cat.h"
#include "properties/pool_lookup.h"

namespace properties {

using model::fakedb::CallKind;

void I8UseAfterClose::OnDriverCallStart(const model::fakedb::DriverCall& call,
                                        const Observation& obs) {
  if (call.conn == model::fakedb::kNoConn) return;
  CheckConn(call, obs);
  if (!failed()) CheckObject(call, obs);
}

void I8UseAfterClose::CheckConn(const model::fakedb::DriverCall& call, const Observation& obs) {
  const model::fakedb::CallLog& log = obs.driver();
  const model::fakedb::ConnSummary& conn = log.conn(call.conn);
  // The summary already counts this call if it is a Close.
  const uint32_t earlier_closes = conn.close_calls - (call.kind == CallKind::kClose ? 1 : 0);
  if (earlier_closes == 0) return;
  const bool winding_down =
      call.kind == CallKind::kStmtClose || call.kind == CallKind::kRowsClose;
  if (winding_down) return;  // see the header: Go closes untracked stmts/rows late
  const std::string first_close = CallLabel(log, log.call(conn.first_close_seq));
  if (call.kind == CallKind::kClose) {
    Fail(absl::StrCat("driver conn ", call.conn, " is closed twice: ", CallLabel(log, call),
                      " after ", first_close));
    return;
  }
  Fail(absl::StrCat("driver conn ", call.conn, " is used after its Close: ", CallLabel(log, call),
                    " after ", first_close));
}

void I8UseAfterClose::CheckObject(const model::fakedb::DriverCall& call, const Observation& obs) {
  const bool rows = IsRowsCall(call.kind);
  if (!rows && !IsStmtCall(call.kind)) return;
  const uint64_t key = call.object * 2 + (rows ? 1 : 0);
  const bool is_close = call.kind == CallKind::kStmtClose || call.kind == CallKind::kRowsClose;
  if (!closed_objects_.contains(key)) {
    if (is_close) closed_objects_.insert(key);
    const bool under_rows = call.kind == CallKind::kStmtClose && call.stmt_open_rows > 0;
    if (under_rows && !allow_.stmt_closed_under_open_rows) {
      Fail(absl::StrCat("stmt ", call.object, " on driver conn ", call.conn, " is closed while ",
                        call.stmt_open_rows, " rows its Query made are still open: ",
                        CallLabel(obs.driver(), call),
                        " (a Stmt is not closed while queries use it)"));
    }
    return;
  }
  Fail(absl::StrCat(rows ? "rows " : "stmt ", call.object, " on driver conn ", call.conn,
                    is_close ? " is closed twice: " : " is used after its Close: ",
                    CallLabel(obs.driver(), call)));
}

}  // namespace properties
