// The connection cleaner: a goroutine, started when a lifetime or idle-time limit is set,
// that closes idle conns past either limit on a virtual-time timer.
#include <tuple>

#include "model/sql/db.h"
#include "model/sql/pool_trace.h"

namespace model::sql {

namespace {
// Go: connectionCleaner's minInterval.
constexpr sim::Duration kCleanerMinInterval = sim::Duration::Seconds(1);
}  // namespace

// Go: (*DB).shortestIdleTimeLocked. Before cleaner_tracks_next_expiry, a zero maxLifetime
// makes the result zero even when maxIdleTime is set (and the cleaner then stops).
sim::Duration DB::shortestIdleTimeLocked() const {
  if (features().cleaner_tracks_next_expiry) {
    if (maxIdleTime <= sim::Duration::Zero()) return maxLifetime;
    if (maxLifetime <= sim::Duration::Zero()) return maxIdleTime;
  }
  sim::Duration min = maxIdleTime;
  if (min > maxLifetime) min = maxLifetime;
  return min;
}

// Go: (*DB).startCleanerLocked
void DB::startCleanerLocked() {
  if ((maxLifetime > sim::Duration::Zero() || maxIdleTime > sim::Duration::Zero()) &&
      numOpen > 0 && cleanerCh.IsNil()) {
    cleanerCh = sim::Chan<sim::Unit>::Make(1);
    sim::Duration d = shortestIdleTimeLocked();
    auto self = shared_from_this();
    sim::Go("connectionCleaner", [self, d] { self->connectionCleaner(d); });
  }
}

// Go: (*DB).connectionCleaner
void DB::connectionCleaner(sim::Duration d) {
  if (d < kCleanerMinInterval) d = kCleanerMinInterval;
  sim::Timer t = sim::NewTimer(d);
  for (;;) {
    sim::Select sel;
    sel.Recv(t.C());
    sel.Recv(cleanerCh);  // a limit was lowered, or the DB was closed
    sel.Wait();

    mu.Lock();
    d = shortestIdleTimeLocked();
    if (closed || numOpen == 0 || d <= sim::Duration::Zero()) {
      cleanerCh = sim::Chan<sim::Unit>();
      mu.Unlock();
      return;
    }
    std::vector<std::shared_ptr<driverConn>> closing;
    if (features().cleaner_tracks_next_expiry) {
      std::tie(d, closing) = connectionCleanerRunLocked(d);
    } else {
      closing = connectionCleanerRunLocked();
    }
    mu.Unlock();
    for (auto& c : closing) {
      TracePool("connectionCleaner: close conn#", c->id);
      c->Close().IgnoreError();
    }
    if (d < kCleanerMinInterval) d = kCleanerMinInterval;
    if (features().cleaner_tracks_next_expiry) drainStoppedTimer(t);
    t.Reset(d);
  }
}

// Go 1.19: connectionCleaner's "if !t.Stop() { select { case <-t.C: default: } }", so a
// tick that fired while the cleaner was woken by cleanerCh does not cut the next wait short.
void DB::drainStoppedTimer(const sim::Timer& t) {
  if (t.Stop()) return;
  sim::Select sel;
  sel.Recv(t.C());
  sel.Default();
  sel.Wait();
}

// Go: (*DB).connectionCleanerRunLocked. Removes expired conns from freeConn (swapping the
// last one into each hole, as Go does) and returns them for closing.
std::vector<std::shared_ptr<driverConn>> DB::connectionCleanerRunLocked() {
  std::vector<std::shared_ptr<driverConn>> closing;
  auto sweep = [&](sim::Duration limit, auto isExpired) {
    sim::Instant expiredSince = sim::Now().Add(sim::Duration::Zero() - limit);
    int64_t count = 0;
    for (size_t i = 0; i < freeConn.size();) {
      if (isExpired(*freeConn[i], expiredSince)) {
        closing.push_back(freeConn[i]);
        count++;
        freeConn[i] = freeConn.back();
        freeConn.pop_back();
        continue;
      }
      i++;
    }
    return count;
  };
  if (maxLifetime > sim::Duration::Zero()) {
    sweep(maxLifetime, [](const driverConn& c, sim::Instant since) {
      return c.createdAt.Before(since);
    });
    maxLifetimeClosed += static_cast<int64_t>(closing.size());
  }
  if (maxIdleTime > sim::Duration::Zero()) {
    maxIdleTimeClosed += sweep(maxIdleTime, [](const driverConn& c, sim::Instant since) {
      return c.returnedAt.Before(since);
    });
  }
  return closing;
}

}  // namespace model::sql
