// Plain-words misuse checks over the call log's per-conn summaries.
#include "model/fakedb/guards.h"

#include "absl/strings/str_cat.h"

namespace model::fakedb {

namespace {

std::string Who(const CallLog& log, const DriverCall& call) {
  return absl::StrCat("goroutine ", call.goroutine, " \"", log.goroutine_name(call.goroutine),
                      "\"");
}

std::string WhoCalled(const CallLog& log, const DriverCall& call) {
  return absl::StrCat(Who(log, call), " (call #", call.seq, ")");
}

bool IsObjectClose(CallKind kind) {
  return kind == CallKind::kStmtClose || kind == CallKind::kRowsClose;
}

bool EndsTx(CallKind kind) { return kind == CallKind::kCommit || kind == CallKind::kRollback; }

std::optional<std::string> AfterConnClose(const CallLog& log, const DriverCall& call) {
  const ConnSummary& conn = log.conn(call.conn);
  const DriverCall& first_close = log.call(conn.first_close_seq);
  if (call.kind == CallKind::kClose) {
    return absl::StrCat("conn ", call.conn, ": Close called twice, by ",
                        Who(log, call), "; first Close by ",
                        WhoCalled(log, first_close));
  }
  return absl::StrCat(call.Label(), " by ", Who(log, call),
                      " after the conn's Close by ", WhoCalled(log, first_close));
}

std::optional<std::string> AfterObjectClose(const CallLog& log, const DriverCall& call) {
  const std::string who = Who(log, call);
  if (IsObjectClose(call.kind)) return absl::StrCat(call.Label(), " called twice, by ", who);
  if (EndsTx(call.kind)) return absl::StrCat(call.Label(), " by ", who, " after the tx ended");
  return absl::StrCat(call.Label(), " by ", who, " after it was closed");
}

std::optional<std::string> CloseWithOpenWork(const CallLog& log, const DriverCall& call) {
  const ConnSummary& conn = log.conn(call.conn);
  if (conn.open_stmts == 0 && conn.open_tx == 0) return std::nullopt;
  std::string text = absl::StrCat("conn ", conn.id, ": Close by ",
                                  Who(log, call), " with ",
                                  conn.open_stmts, " open statement(s)");
  if (conn.open_tx != 0) absl::StrAppend(&text, " and tx ", conn.open_tx, " not ended");
  return text;
}

}  // namespace

std::optional<std::string> LifecycleViolation(const CallLog& log, const DriverCall& call,
                                              bool object_closed) {
  if (!log.has_conn(call.conn)) return std::nullopt;
  const ConnSummary& conn = log.conn(call.conn);
  if (conn.close_calls > 0) return AfterConnClose(log, call);
  if (object_closed) return AfterObjectClose(log, call);
  if (call.kind == CallKind::kClose) return CloseWithOpenWork(log, call);
  return std::nullopt;
}

std::optional<std::string> ExclusiveUseViolation(const CallLog& log, const DriverCall& call) {
  if (!log.has_conn(call.conn)) return std::nullopt;
  const ConnSummary& conn = log.conn(call.conn);
  if (conn.in_call == 0) return std::nullopt;
  std::string text = absl::StrCat("conn ", call.conn, ": ",
                                  Who(log, call), " entered ",
                                  call.Label(), " while ");
  if (conn.inside_seq == 0) return absl::StrCat(text, conn.in_call, " other call(s) are inside");
  const DriverCall& other = log.call(conn.inside_seq);
  return absl::StrCat(text, WhoCalled(log, other), " is inside ", other.Label(),
                      ": two driver calls at once on one conn");
}

}  // namespace model::fakedb
