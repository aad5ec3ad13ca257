// The in-order residual risk of runs arriving from workers: see risk_watch.h.
#include "explore/risk_watch.h"

#include <utility>

namespace explore {

void RiskWatch::Add(uint64_t index, RunCoverage coverage) {
  if (plan_.options().until_risk <= 0 || bound_) return;
  ahead_.emplace(index, std::move(coverage));
}

std::optional<uint64_t> RiskWatch::Bound() {
  const double until = plan_.options().until_risk;
  while (!bound_ && next_k_ < plan_.shard_runs()) {
    const uint64_t index = plan_.RunIndexAt(next_k_);
    auto it = ahead_.find(index);
    if (it == ahead_.end()) break;
    prefix_.Add(it->second, index);
    ahead_.erase(it);
    ++next_k_;
    if (prefix_.ResidualRisk() < until) bound_ = index;
  }
  if (bound_) ahead_.clear();
  return bound_;
}

}  // namespace explore
