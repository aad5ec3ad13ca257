// POS: see pos.h for the algorithm and where its dependence relation comes from.
#include "sim/strategies/pos.h"

#include <algorithm>

#include "sim/check.h"

namespace sim {
namespace {

// Fresh priorities are 1 + a uniform draw below 2^62: nonzero (0 marks "none yet") and
// distinct with overwhelming probability (a tie goes to the first candidate).
constexpr uint64_t kPriorityRange = uint64_t{1} << 62;

bool ConflictsWithStep(const Access& pending, const std::vector<Access>& step) {
  return std::any_of(step.begin(), step.end(),
                     [&pending](const Access& a) { return Conflicts(pending, a); });
}

}  // namespace

void PosPriorities::Clear() {
  goroutines_.clear();
  timers_.clear();
  executed_.reset();
}

uint64_t& PosPriorities::Slot(const Candidate& c) {
  std::vector<uint64_t>& table = c.kind == Candidate::Kind::kTimer ? timers_ : goroutines_;
  if (c.id >= table.size()) table.resize(c.id + 1, 0);
  return table[c.id];
}

uint64_t PosPriorities::PriorityOf(const Candidate& c) const {
  const std::vector<uint64_t>& table =
      c.kind == Candidate::Kind::kTimer ? timers_ : goroutines_;
  return c.id < table.size() ? table[c.id] : 0;
}

// A new event (the executed goroutine's next step, or a goroutine or timer the step made
// runnable) or one that races with the step.
bool PosPriorities::NeedsFreshPriority(const Candidate& c, const StepRecord& last_step,
                                       PendingFn pending) const {
  if (!executed_.has_value()) return false;  // the run's first decision: nothing ran yet
  const ProcessId process = ProcessOf(c);
  if (process == *executed_) return true;
  const std::vector<ProcessId>& enabled = last_step.enabled;
  if (std::find(enabled.begin(), enabled.end(), process) != enabled.end()) return true;
  return !last_step.accesses.empty() && ConflictsWithStep(pending(c), last_step.accesses);
}

size_t PosPriorities::Pick(std::span<const Candidate> candidates, const StepRecord& last_step,
                           PendingFn pending, Prng& prng) {
  POOLCHECK_CHECK(!candidates.empty(), "POS asked to pick among no candidates");
  size_t best = 0;
  uint64_t best_priority = 0;
  for (size_t i = 0; i < candidates.size(); ++i) {
    uint64_t& priority = Slot(candidates[i]);
    if (priority == 0 || NeedsFreshPriority(candidates[i], last_step, pending)) {
      priority = 1 + prng.Uniform(kPriorityRange);
    }
    if (priority > best_priority) {
      best = i;
      best_priority = priority;
    }
  }
  executed_ = ProcessOf(candidates[best]);
  return best;
}

void PosPriorities::NoteExecuted(const Candidate& c) { executed_ = ProcessOf(c); }

absl::StatusOr<std::unique_ptr<Strategy>> PosStrategy::Make(ParamReader& params) {
  const ClockAdvanceOdds advance = ClockAdvanceOdds::Read(params);
  if (absl::Status s = params.Finish(); !s.ok()) return s;
  return std::make_unique<PosStrategy>(advance);
}

bool PosStrategy::StartRun(const RunStart& run) {
  prng_.Seed(run.seed);
  priorities_.Clear();
  record_.Clear();  // the previous run's last step
  return true;
}

size_t PosStrategy::PickNext(const SchedulePoint& point) {
  if (advance_.on()) [[unlikely]] return PickWithAdvance(point);
  return PickByPriority(point);
}

size_t PosStrategy::PickByPriority(const SchedulePoint& point) {
  const size_t pick = priorities_.Pick(point.candidates, record_, &PendingAccess, prng_);
  record_.Clear();
  return pick;
}

// The advance is the last candidate; ClockAdvanceOdds::Draw drops it when not taken, so
// the indices of the rest are unchanged.
size_t PosStrategy::PickWithAdvance(SchedulePoint point) {
  if (std::optional<size_t> advance = advance_.Draw(prng_, point)) {
    priorities_.NoteExecuted(point.candidates[*advance]);
    record_.Clear();
    return *advance;
  }
  return PickByPriority(point);
}

}  // namespace sim
