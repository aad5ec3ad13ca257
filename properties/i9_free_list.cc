// I9 pool structure (see i9_free_list.h).
#include "properties/i9_free_list.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "properties/pool_lookup.h"

namespace properties {

namespace {

const model::sql::ConnView* FindById(const model::sql::PoolView& pool, uint64_t id) {
  for (const model::sql::ConnView& c : pool.conns) {
    if (c.id == id) return &c;
  }
  return nullptr;
}

}  // namespace

void I9FreeList::AfterStep(const Observation& obs) { Check(obs.pool()); }

void I9FreeList::AtEnd(const Observation& obs, const EndState& end) {
  if (obs.has_pool()) Check(obs.pool());
}

void I9FreeList::Check(const model::sql::PoolView& pool) {
  if (pool.free_conn.empty()) return;
  sorted_.assign(pool.free_conn.begin(), pool.free_conn.end());
  std::sort(sorted_.begin(), sorted_.end());
  const auto dup = std::adjacent_find(sorted_.begin(), sorted_.end());
  if (dup != sorted_.end()) {
    Fail(absl::StrCat("conn#", *dup, " is listed more than once in freeConn [",
                      absl::StrJoin(pool.free_conn, ", "), "]"));
    return;
  }
  for (uint64_t id : pool.free_conn) {
    const model::sql::ConnView* c = FindById(pool, id);
    std::string why;
    if (c == nullptr) why = "is no longer alive";
    else if (c->in_use) why = "is in use";
    else if (c->final_closed || c->dbmu_closed) why = "is closed";
    if (why.empty()) continue;
    Fail(absl::StrCat("conn#", id, " in freeConn [", absl::StrJoin(pool.free_conn, ", "), "] ",
                      why, " (an idle conn must be free and open)"));
    return;
  }
}

}  // namespace properties

