// I2 limit (see i2_limit.h).
#include "properties/i2_limit.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "properties/pool_lookup.h"

namespace properties {

void I2Limit::Watch(const Observation& obs) {
  if (!obs.has_pool()) return;
  const int max_open = obs.pool().max_open;
  if (attached_ && max_open == last_max_open_) return;
  if (max_open > 0) {
    // numOpen includes slots reserved while unlimited whose Open has not started yet.
    const bool was_limited = attached_ && last_max_open_ > 0;
    ceiling_ = was_limited ? std::max<int64_t>(ceiling_, max_open)
                           : std::max<int64_t>(max_open, obs.pool().num_open);
  }
  last_max_open_ = max_open;
  attached_ = true;
}

void I2Limit::AfterStep(const Observation& obs) { Watch(obs); }

void I2Limit::OnDriverCallStart(const model::fakedb::DriverCall& call, const Observation& obs) {
  if (call.kind != model::fakedb::CallKind::kOpen) return;
  Watch(obs);
  if (!obs.has_pool() || last_max_open_ <= 0) return;
  const model::fakedb::DriverCounts& c = obs.driver().counts();
  const int64_t held = static_cast<int64_t>(c.live_conns() + c.opens_in_flight);
  if (held <= ceiling_) return;
  Fail(absl::StrCat(CallLabel(obs.driver(), call), " makes ", held,
                    " driver conns open or opening (", c.live_conns(), " open, ",
                    c.opens_in_flight, " opening) with maxOpen ", last_max_open_,
                    " (at most ", ceiling_, " allowed since the limit was set)"));
}

}  // namespace properties
