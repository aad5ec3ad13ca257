// I2 limit (see i2_limit.h).
#include "properties/i2_limit.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "properties/pool_lookup.h"

namespace properties {

namespace {

// Driver conns open plus opens in flight.
int64_t DriverHeld(const model::fakedb::CallLog& log) {
  const model::fakedb::DriverCounts& c = log.counts();
  return static_cast<int64_t>(c.live_conns() + c.opens_in_flight);
}

}  // namespace

void I2Limit::Watch(const Observation& obs) {
  if (!obs.has_pool()) return;
  const int max_open = obs.state().max_open;
  // What is held or reserved now may still open or stay open; nothing more may.
  const int64_t held_now = std::max<int64_t>(obs.state().num_open, DriverHeld(obs.driver()));
  if (max_open > 0) {
    // numOpen includes slots reserved while unlimited whose Open has not started yet.
    const bool was_limited = attached_ && last_max_open_ > 0;
    const int64_t before = was_limited ? std::min(ceiling_, held_now) : held_now;
    ceiling_ = std::max<int64_t>(max_open, before);
  }
  last_max_open_ = max_open;
  attached_ = true;
}

void I2Limit::CheckStep(const Observation& obs) {
  const model::sql::PoolState& pool = obs.state();
  std::vector<uint64_t>& free = free_;  // reused: no allocation per step
  free.assign(pool.free_conn.begin(), pool.free_conn.end());
  std::sort(free.begin(), free.end());
  const bool limited = attached_ && pool.max_open > 0 && pool.max_open == last_max_open_;
  if (limited && pool.num_open > pool.max_open) {
    std::vector<uint64_t> pooled;
    std::set_difference(free.begin(), free.end(), last_free_.begin(), last_free_.end(),
                        std::back_inserter(pooled));
    if (!pooled.empty()) {
      Fail(absl::StrCat("conn#", absl::StrJoin(pooled, ",conn#"),
                        " is put in the free list with numOpen ", pool.num_open,
                        " above maxOpen ", pool.max_open,
                        " (a conn released above a lowered limit must be closed)"));
    }
  }
  last_free_.swap(free);
}

void I2Limit::AfterStep(const Observation& obs) {
  if (!obs.has_pool()) return;
  CheckStep(obs);
  Watch(obs);
}

void I2Limit::OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) {
  if (call.kind != model::fakedb::CallKind::kOpen) return;
  Watch(obs);
  if (!obs.has_pool() || last_max_open_ <= 0) return;
  const int64_t held = DriverHeld(obs.driver());
  if (held <= ceiling_) return;
  const model::fakedb::DriverCounts& c = obs.driver().counts();
  Fail(absl::StrCat(CallLabel(obs.driver(), call), " makes ", held,
                    " driver conns open or opening (", c.live_conns(), " open, ",
                    c.opens_in_flight, " opening) with maxOpen ", last_max_open_,
                    " (at most ", ceiling_, " allowed: the limit, or what was held when it "
                    "was lowered and is not yet gone)"));
}

}  // namespace properties
