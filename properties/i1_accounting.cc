// I1 accounting (see i1_accounting.h).
#include "properties/i1_accounting.h"

#include "absl/strings/str_cat.h"
#include "properties/pool_lookup.h"

namespace properties {

namespace {

// Driver conns open plus opens in flight: what numOpen is meant to count.
int64_t DriverHeld(const model::fakedb::CallLog& log) {
  const model::fakedb::DriverCounts& c = log.counts();
  return static_cast<int64_t>(c.live_conns() + c.opens_in_flight);
}

std::string DriverCountsText(const model::fakedb::CallLog& log) {
  const model::fakedb::DriverCounts& c = log.counts();
  return absl::StrCat(c.live_conns(), " open driver conns (", c.conns_opened, " opened, ",
                      c.conns_closed, " closed) + ", c.opens_in_flight, " opens in flight");
}

// Conns whose driver Close has returned while their finalClose has not yet given back
// their place in numOpen (it waits for db.mu): the run may end with such a close in flight,
// since it ends when main returns and nothing else can run at that virtual time.
int64_t ClosesInFlight(const Observation& obs) {
  int64_t n = 0;
  for (const model::sql::ConnView& c : obs.pool().conns) {
    const model::fakedb::ConnId id = DriverConnIdOf(c);
    if (c.open_slot_released || id == model::fakedb::kNoConn || !obs.driver().has_conn(id)) {
      continue;
    }
    if (obs.driver().conn(id).closed) ++n;
  }
  return n;
}

}  // namespace

void I1Accounting::WatchClosedWithWaiters(const model::sql::PoolState& pool) {
  if (pool.closed && pool.conn_requests > 0) closed_with_waiters_ = true;
}

void I1Accounting::OnDriverCallEnd(const model::fakedb::DriverCall& call,
                                   const Observation& obs) {
  // A finalClose's maybeOpenNewConnections follows the driver's Close.
  if (call.kind == model::fakedb::CallKind::kClose && obs.has_pool()) {
    WatchClosedWithWaiters(obs.state());
  }
}

void I1Accounting::AfterStep(const Observation& obs) {
  const model::sql::PoolState& pool = obs.state();
  WatchClosedWithWaiters(pool);
  if (pool.num_open < 0) {
    Fail(absl::StrCat("numOpen is negative: ", pool.num_open));
    return;
  }
  if (pool.num_open < DriverHeld(obs.driver())) {
    Fail(absl::StrCat("numOpen ", pool.num_open, " is below what the driver holds: ",
                      DriverCountsText(obs.driver()),
                      "; the pool lost count of conns it opened"));
  }
}

void I1Accounting::AtEnd(const Observation& obs, const EndState& end) {
  if (!obs.has_pool()) return;
  const model::sql::PoolState& pool = obs.state();
  const int64_t held = DriverHeld(obs.driver());
  // Open requests still queued for connectionOpener hold their slot; after DB.Close the
  // opener exits and leaves them there, as Go's does.
  const int64_t queued = static_cast<int64_t>(pool.opener_backlog);
  const int64_t closing = ClosesInFlight(obs);
  const int64_t expected = held + queued + closing;
  WatchClosedWithWaiters(pool);
  if (closed_with_waiters_ ? pool.num_open < held : pool.num_open != expected) {
    Fail(absl::StrCat("at the end of the run numOpen is ", pool.num_open, " but the driver has ",
                      DriverCountsText(obs.driver()), ", ", queued,
                      " open request(s) are queued for the opener, and ", closing,
                      " closed conn(s) wait to give back their place in numOpen",
                      pool.num_open > expected ? "; a slot was never given back"
                                               : "; the pool lost count of conns"));
    return;
  }
  if (pool.stats.OpenConnections != pool.num_open) {
    Fail(absl::StrCat("Stats().OpenConnections is ", pool.stats.OpenConnections,
                      " but numOpen is ", pool.num_open, " and the driver has ",
                      DriverCountsText(obs.driver())));
  }
}

}  // namespace properties
