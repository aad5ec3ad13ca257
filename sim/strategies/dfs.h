// Bounded depth-first search over the whole choice tree: every schedule pick and every
// data choice is a branch, and successive runs enumerate the tree in depth-first order,
// so a program whose runs all end is explored exhaustively. StartRun returns false once
// every branch has been run. An optional preemption bound (Musuvathi, Qadeer, PLDI 2007)
// prunes the tree: picking a candidate other than SchedulePoint::current while current is
// still runnable is a preemption, and a run never takes more than the bound.
//
// Each run replays the previous run's path up to its deepest branch with an untried
// alternative, takes that alternative, then takes the first option (no preemption) at
// every new branch. If the program does not repeat itself on the replayed prefix, the
// run diverges (see Strategy::Divergence): exhaustive search needs a deterministic program.
//
// Time as an adversary: with `advances=A` (A > 0) the scheduler offers a clock advance
// wherever goroutines are runnable and a timer is pending, and the search branches on it
// like on any candidate: taking it (the last option) is explored at every such decision,
// up to A advances per run. An advance is not a preemption.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sim/strategies/params.h"
#include "sim/strategy.h"

namespace sim {

class DfsStrategy : public Strategy {
 public:
  static constexpr uint64_t kUnbounded = std::numeric_limits<uint64_t>::max();
  static constexpr const char* kParamsDoc =
      "preemptions=P (at most P preemptions per run; default unbounded), advances=A (explore "
      "advancing the clock to the next timer while goroutines are runnable, at most A times "
      "per run; default 0)";
  static absl::StatusOr<std::unique_ptr<Strategy>> Make(ParamReader& params);

  explicit DfsStrategy(uint64_t preemption_bound = kUnbounded, uint64_t advance_bound = 0)
      : preemption_bound_(preemption_bound), advance_bound_(advance_bound) {}

  bool StartRun(const RunStart& run) override;
  size_t PickNext(const SchedulePoint& point) override;
  uint64_t PickNumber(uint64_t bound, ChoiceKind kind) override;
  std::string Describe() const override;
  std::optional<std::string> Divergence() const override { return divergence_; }
  // Each run continues the tree walk of the runs before it.
  uint64_t LearnsFromRuns() const override { return kEveryRun; }
  bool TimeAdversary() const override { return advance_bound_ > 0; }

  // Runs started so far (StartRun calls that returned true).
  uint64_t executions() const { return executions_; }
  // True once StartRun has returned false: the bounded tree is fully explored.
  bool exhausted() const { return exhausted_; }

 private:
  // One branch point on the current path. Options are ordered with the non-preempting
  // pick (current) first, so option 0 is always the cheapest; then the other candidates
  // in ascending index order, if a preemption is allowed; then the clock advance, if
  // offered and within the bound.
  struct Node {
    ChoiceKind kind;
    int32_t current;               // SchedulePoint::current; -1 for data choices
    uint64_t width;                // candidates, or the bound of a data choice
    uint64_t preemptions_before;   // preemptions on the path above this node
    uint64_t advances_before;      // clock advances on the path above this node
    bool advance_offered;          // the last candidate is a clock advance
    bool advance_allowed;          // ... and this run may still take one
    bool others_allowed;           // no current, or a preemption is still allowed
    uint64_t option = 0;           // position in the option order being explored
    uint64_t Pick() const;
    uint64_t OthersAllowed() const;  // how many options the other candidates are
    bool PicksAdvance() const { return advance_allowed && Pick() == width - 1; }
    uint64_t PreemptionsAfter() const;
    uint64_t AdvancesAfter() const { return advances_before + (PicksAdvance() ? 1 : 0); }
  };
  uint64_t OptionCount(const Node& node) const;
  // The node for this decision: the recorded one on the replayed prefix, else a new one.
  // Returns nullptr (and sets divergence_) if the prefix no longer matches the program.
  const Node* Visit(ChoiceKind kind, uint64_t width, int32_t current, bool advance_offered);

  uint64_t preemption_bound_;
  uint64_t advance_bound_;
  std::vector<Node> path_;
  size_t depth_ = 0;  // decisions made in the current run
  uint64_t executions_ = 0;
  bool exhausted_ = false;
  std::optional<std::string> divergence_;
};

}  // namespace sim
