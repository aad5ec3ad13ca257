// The strategy interface: a strategy only chooses; the scheduler records every choice.
// One run asks it, in order, for a sequence of picks. A new strategy is one file
// implementing this class plus one line in sim/strategy_registry.cc.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace sim {

// Something that can be run at a scheduling decision: a runnable goroutine, or a timer
// whose deadline has passed (firing it is then a choice like any other).
struct Candidate {
  enum class Kind : uint8_t { kGoroutine, kTimer };
  Kind kind = Kind::kGoroutine;
  uint32_t id = 0;  // goroutine id, or the timer's creation sequence number
};

// What a strategy sees at a scheduling decision.
struct SchedulePoint {
  std::span<const Candidate> candidates;  // deterministic order, never empty
  int current = -1;  // index of the goroutine that ran last if it is still runnable, else -1
  uint64_t step = 0; // scheduling decisions made so far in this run
};

// What a data choice is for (recorded with it; a replay checks it matches).
enum class ChoiceKind : uint8_t { kSchedule = 0, kSelect = 1, kTimer = 2, kData = 3 };

class Strategy {
 public:
  virtual ~Strategy() = default;
  // Starts a new run. `run_seed` is derived from the exploration seed and run index, so
  // runs are independent of each other. Returns false when the strategy has nothing left
  // to explore (an exhausted DFS tree).
  virtual bool StartRun(uint64_t run_seed) = 0;
  // Picks the index of the candidate to run next.
  virtual size_t PickNext(const SchedulePoint& point) = 0;
  // Picks a number in [0, bound), bound >= 2.
  virtual uint64_t PickNumber(uint64_t bound, ChoiceKind kind) = 0;
  // Name and parameters, e.g. "pct:depth=3", parseable by MakeStrategy.
  virtual std::string Describe() const = 0;
  // Why the current run can no longer follow the strategy's plan (a replay whose recorded
  // choice is not available, a DFS prefix that no longer matches the program), else
  // nullopt. A strategy that diverges returns an out-of-range pick (PickNext: an index
  // >= candidates.size(); PickNumber: a number >= bound), so the scheduler needs to ask
  // only then; it must fail the run with failure_id "divergence" and this message.
  virtual std::optional<std::string> Divergence() const { return std::nullopt; }
};

}  // namespace sim
