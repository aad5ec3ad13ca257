// The held-conn index (see held_conns.h) and the driverConn bookkeeping that keeps it.
#include "model/sql/held_conns.h"

#include <algorithm>

#include "model/sql/db.h"
#include "model/sql/driver_conn.h"
#include "sim/check.h"

namespace model::sql {

namespace {

bool ById(const HeldConns::Entry& e, uint64_t id) { return e.id < id; }

}  // namespace

void HeldConns::Add(sim::GoroutineId g, uint64_t id, const driverConn* conn) {
  if (by_goroutine_.size() <= g) by_goroutine_.resize(g + 1);
  std::vector<Entry>& held = by_goroutine_[g];
  const auto at = std::lower_bound(held.begin(), held.end(), id, ById);
  POOLCHECK_CHECK(at == held.end() || at->id != id, "a conn entered the held index twice");
  held.insert(at, Entry{id, conn});
}

void HeldConns::Remove(sim::GoroutineId g, uint64_t id) {
  POOLCHECK_CHECK(g < by_goroutine_.size(), "a held conn's goroutine is not in the index");
  std::vector<Entry>& held = by_goroutine_[g];
  const auto at = std::lower_bound(held.begin(), held.end(), id, ById);
  POOLCHECK_CHECK(at != held.end() && at->id == id, "a held conn is missing from the index");
  held.erase(at);
}

const std::vector<HeldConns::Entry>& HeldConns::HeldBy(sim::GoroutineId g) const {
  static const std::vector<Entry> kNone;
  return g < by_goroutine_.size() ? by_goroutine_[g] : kNone;
}

void driverConn::noteHandedOut() {
  std::shared_ptr<DB> d = db();
  if (held) d->heldConns.Remove(heldBy, id);
  held = true;
  heldBy = sim::CurrentGoroutine();
  d->heldConns.Add(heldBy, id, this);
}

void driverConn::noteGivenBack() {
  if (!held) return;
  held = false;
  db()->heldConns.Remove(heldBy, id);
}

}  // namespace model::sql
