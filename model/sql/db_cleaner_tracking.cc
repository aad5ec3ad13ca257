// The connection cleaner's sweep as Go 1.19 has it (cleaner_tracks_next_expiry): freeConn
// is ordered by returnedAt, so the conns idle too long are a prefix; an expired conn is
// removed keeping the order; and the sweep shortens the delay to its next run so that no
// conn sits in freeConn long past either limit. Its own file because its shape differs
// from the older sweep's in db_cleaner.cc throughout.
#include "model/sql/db.h"
#include "model/sql/pool_trace.h"

namespace model::sql {

// Go (1.19): (*DB).connectionCleanerRunLocked(d). Removes the conns past maxIdleTime or
// maxLifetime from freeConn and returns them, with d shortened to the next expiry.
std::pair<sim::Duration, std::vector<std::shared_ptr<driverConn>>>
DB::connectionCleanerRunLocked(sim::Duration d) {
  int64_t idleClosing = 0;
  std::vector<std::shared_ptr<driverConn>> closing;
  if (maxIdleTime > sim::Duration::Zero()) {
    // freeConn is ordered oldest return first: find the newest conn idle too long.
    const sim::Instant idleSince = sim::Now().Add(sim::Duration::Zero() - maxIdleTime);
    for (size_t n = freeConn.size(); n > 0; n--) {
      if (freeConn[n - 1]->returnedAt.Before(idleSince)) {
        closing.assign(freeConn.begin(), freeConn.begin() + static_cast<std::ptrdiff_t>(n));
        freeConn.erase(freeConn.begin(), freeConn.begin() + static_cast<std::ptrdiff_t>(n));
        idleClosing = static_cast<int64_t>(n);
        maxIdleTimeClosed += idleClosing;
        break;
      }
    }
    if (!freeConn.empty()) {
      const sim::Duration d2 = freeConn.front()->returnedAt.Sub(idleSince);
      if (d2 < d) d = d2;  // clean the next idle conn up as soon as it is due
    }
  }
  if (maxLifetime > sim::Duration::Zero()) {
    const sim::Instant expiredSince = sim::Now().Add(sim::Duration::Zero() - maxLifetime);
    for (size_t i = 0; i < freeConn.size();) {
      const std::shared_ptr<driverConn>& c = freeConn[i];
      if (c->createdAt.Before(expiredSince)) {
        closing.push_back(c);
        freeConn.erase(freeConn.begin() + static_cast<std::ptrdiff_t>(i));  // keeps order
        continue;
      }
      const sim::Duration d2 = c->createdAt.Sub(expiredSince);
      if (d2 < d) d = d2;  // run again when this conn expires
      i++;
    }
    maxLifetimeClosed += static_cast<int64_t>(closing.size()) - idleClosing;
  }
  return {d, std::move(closing)};
}

}  // namespace model::sql
