// I4 no leak (see i4_leak.h).
#include "properties/i4_leak.h"

#include <array>

#include "absl/strings/str_cat.h"
#include "properties/pool_lookup.h"

namespace properties {

bool IsPoolGoroutine(std::string_view name) {
  static constexpr std::array<std::string_view, 5> kPoolGoroutines = {
      "connectionOpener", "connectionResetter", "connectionCleaner", "Tx.awaitDone",
      "Rows.awaitDone"};
  for (std::string_view pool_name : kPoolGoroutines) {
    if (name == pool_name) return true;
  }
  return false;
}

namespace {

bool AllClientOpsDone(const ClientLog& clients) {
  for (const ClientOp& op : clients.ops()) {
    if (!op.done) return false;
  }
  return true;
}

}  // namespace

void I4Leak::AtEnd(const Observation& obs, const EndState& end) {
  if (!obs.has_pool() || !AllClientOpsDone(obs.clients())) return;  // I10 reports those
  // A run that ended with pool work under way (a driver call, a goroutine asleep) is not
  // at rest: what is still open or alive may be about to finish, so it is not judged.
  if (DriverCallsRunning(obs.driver()) || AnyAsleep(end)) return;
  CheckConnsReturned(obs);
  if (failed() || !obs.pool().closed) return;
  CheckDriverConnsClosed(obs);
  if (failed()) return;
  CheckPoolGoroutinesGone(end);
}

bool I4Leak::AnyAsleep(const EndState& end) const {
  for (const sim::GoroutineReport& g : end.live_goroutines) {
    if (g.blocked_on == "time.Sleep") return true;
  }
  return false;
}

bool I4Leak::DriverCallsRunning(const model::fakedb::CallLog& log) const {
  if (log.counts().opens_in_flight > 0) return true;
  for (const model::fakedb::ConnSummary& c : log.conns()) {
    if (c.in_call > 0) return true;
  }
  return false;
}

void I4Leak::CheckConnsReturned(const Observation& obs) {
  for (const model::sql::ConnView& c : obs.pool().conns) {
    if (!c.in_use || c.closed || c.final_closed) continue;
    Fail(absl::StrCat("conn#", c.id, " (driver conn ", DriverConnIdOf(c),
                      ") is still in use after every client operation completed: it was "
                      "handed out and never returned"));
    return;
  }
}

void I4Leak::CheckDriverConnsClosed(const Observation& obs) {
  const model::fakedb::CallLog& log = obs.driver();
  std::string open;
  for (const model::fakedb::ConnSummary& c : log.conns()) {
    if (!c.closed) absl::StrAppend(&open, open.empty() ? "" : ", ", c.id);
  }
  if (open.empty() && log.counts().opens_in_flight == 0) return;
  Fail(absl::StrCat("after DB.Close and every client operation, the driver still has ",
                    log.counts().live_conns(), " conn(s) open [", open, "] and ",
                    log.counts().opens_in_flight, " open(s) in flight"));
}

void I4Leak::CheckPoolGoroutinesGone(const EndState& end) {
  for (const sim::GoroutineReport& g : end.live_goroutines) {
    if (!IsPoolGoroutine(g.name)) continue;
    if (allow_.cleaner_started_after_close && g.name == "connectionCleaner") continue;
    Fail(absl::StrCat("pool goroutine g", g.id, " ", g.name, " is still alive after DB.Close (",
                      g.state, g.blocked_on.empty() ? "" : ": ", g.blocked_on, " at ",
                      g.location, ")"));
    return;
  }
}

}  // namespace properties
