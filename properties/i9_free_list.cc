// I9 pool structure (see i9_free_list.h).
#include "properties/i9_free_list.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "properties/pool_lookup.h"

namespace properties {

void I9FreeList::AfterStep(const Observation& obs) { Check(obs.state()); }

void I9FreeList::AtEnd(const Observation& obs, const EndState& end) {
  if (obs.has_pool()) Check(obs.state());
}

// Reads only the free list's own entries (a conn in freeConn is alive: the list holds it).
void I9FreeList::Check(const model::sql::PoolState& pool) {
  if (pool.free_conn.empty()) return;
  sorted_.assign(pool.free_conn.begin(), pool.free_conn.end());
  std::sort(sorted_.begin(), sorted_.end());
  const auto dup = std::adjacent_find(sorted_.begin(), sorted_.end());
  if (dup != sorted_.end()) {
    Fail(absl::StrCat("conn#", *dup, " is listed more than once in freeConn [",
                      absl::StrJoin(pool.free_conn, ", "), "]"));
    return;
  }
  for (const model::sql::ConnView& c : pool.free_conns) {
    std::string why;
    if (c.in_use) why = "is in use";
    else if (c.final_closed || c.dbmu_closed) why = "is closed";
    if (why.empty()) continue;
    Fail(absl::StrCat("conn#", c.id, " in freeConn [", absl::StrJoin(pool.free_conn, ", "),
                      "] ", why, " (an idle conn must be free and open)"));
    return;
  }
}

}  // namespace properties
