// I7 exclusive use (see i7_exclusive_use.h).
#include "properties/i7_exclusive_use.h"

#include "absl/strings/str_cat.h"
#include "properties/pool_lookup.h"
#include "sim/check.h"

namespace properties {

void I7ExclusiveUse::OnDriverCallStart(const model::fakedb::DriverCall& call,
                                       const Observation& obs) {
  if (call.conn == model::fakedb::kNoConn) return;
  POOLCHECK_CHECK(call.seq != 0, "driver call numbers start at 1 (0 marks an empty conn)");
  if (inside_.size() <= call.conn) inside_.resize(call.conn + 1, 0);
  const uint64_t other = inside_[call.conn];
  inside_[call.conn] = call.seq;
  if (other == 0) {
    CheckResetOfConnInUse(call, obs);
    return;
  }
  const model::fakedb::CallLog& log = obs.driver();
  Fail(absl::StrCat("driver conn ", call.conn, " is entered by ", CallLabel(log, call),
                    " while ", CallLabel(log, log.call(other)),
                    " is still inside it (expected the conn's lock to keep them apart)"));
}

void I7ExclusiveUse::CheckResetOfConnInUse(const model::fakedb::DriverCall& call,
                                           const Observation& obs) {
  using model::fakedb::CallKind;
  if (call.kind != CallKind::kResetSession && call.kind != CallKind::kValidConnection) return;
  const model::fakedb::CallLog& log = obs.driver();
  const model::fakedb::ConnSummary& conn = log.conn(call.conn);
  if (conn.open_tx == 0 && conn.open_rows == 0) return;
  Fail(absl::StrCat("driver conn ", call.conn, " gets ", CallLabel(log, call),
                    " while it is in use: ", conn.open_rows, " rows open, tx ",
                    conn.open_tx == 0 ? std::string("none") : absl::StrCat(conn.open_tx),
                    " (the pool resets or validates a conn only between two holders)"));
}

void I7ExclusiveUse::OnDriverCallEnd(const model::fakedb::DriverCall& call,
                                     const Observation& obs) {
  if (call.conn == model::fakedb::kNoConn || call.conn >= inside_.size()) return;
  if (inside_[call.conn] == call.seq) inside_[call.conn] = 0;
}

}  // namespace properties
