// Per-run priorities for goroutines and timers, for priority-based strategies (PCT). Ids are dense small integers, so the table is two vectors indexed by id;
// priority 0 means "not seen yet in this run".
#pragma once

#include <cstdint>
#include <vector>

#include "sim/strategies/prng.h"
#include "sim/strategy.h"

namespace sim {

class PriorityTable {
 public:
  // Forgets every priority (a new run).
  void Clear() {
    goroutines_.clear();
    timers_.clear();
  }

  // The candidate's priority; a candidate seen for the first time gets
  // `lowest_fresh + prng.Uniform(kFreshRange)`, so fresh priorities are above every
  // priority below `lowest_fresh` and distinct with overwhelming probability.
  uint64_t Get(const Candidate& c, Prng& prng, uint64_t lowest_fresh) {
    uint64_t& slot = Slot(c);
    if (slot == 0) slot = lowest_fresh + prng.Uniform(kFreshRange);
    return slot;
  }

  void Set(const Candidate& c, uint64_t priority) { Slot(c) = priority; }

  // The index of the highest-priority candidate (the first one on a tie).
  size_t ArgMax(const SchedulePoint& point, Prng& prng, uint64_t lowest_fresh) {
    size_t best = 0;
    uint64_t best_priority = 0;
    for (size_t i = 0; i < point.candidates.size(); ++i) {
      const uint64_t p = Get(point.candidates[i], prng, lowest_fresh);
      if (p > best_priority) {
        best = i;
        best_priority = p;
      }
    }
    return best;
  }

  static constexpr uint64_t kFreshRange = uint64_t{1} << 62;

 private:
  uint64_t& Slot(const Candidate& c) {
    std::vector<uint64_t>& table =
        c.kind == Candidate::Kind::kTimer ? timers_ : goroutines_;
    if (c.id >= table.size()) table.resize(c.id + 1, 0);
    return table[c.id];
  }

  std::vector<uint64_t> goroutines_;
  std::vector<uint64_t> timers_;
};

}  // namespace sim
