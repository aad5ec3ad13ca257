// POS, partial-order sampling (Yuan, Yang, Gu, "Partial Order Aware Concurrency Sampling",
// CAV 2018). Every pending event (a runnable goroutine's next step, a due timer) holds a
// random priority and the highest-priority event runs. After it runs, every pending event
// that races with it (is dependent on what the step touched) gets a fresh random priority,
// and so does every new event: the executed goroutine's next step and each goroutine or
// timer the step made runnable. An event independent of the step keeps its priority, so
// the order of independent events is not re-drawn at every step (as a random walk's is):
// each partial order is sampled with a probability that does not shrink with the number
// of ways to interleave its independent events.
//
// Dependence comes from the access annotations of sim/access.h, the ones DPOR uses: the
// step's record (every object it touched) against each pending event's declared access,
// with sim::Conflicts (kUnknown, and a select's pending access, conflict with everything).
// Data choices (ready select case, fault, jitter) are uniform, as the random walk draws
// them. A run depends only on its seed; its choices are recorded like any strategy's, so
// tokens replay it with nothing POS-specific. With `advance=P` (clock_advance.h) an
// offered clock advance is taken with probability P (a recorded choice, as random's and
// pct's), else POS picks among the rest; the goroutines the fired timer wakes are new
// events and draw fresh priorities.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/status/statusor.h"
#include "sim/access.h"
#include "sim/strategies/clock_advance.h"
#include "sim/strategies/params.h"
#include "sim/strategies/prng.h"
#include "sim/strategy.h"

namespace sim {

// The POS priority rule, apart from the scheduler so it can be tested on its own.
class PosPriorities {
 public:
  using PendingFn = absl::FunctionRef<Access(const Candidate&)>;

  // Forgets every priority and the last executed event (a new run).
  void Clear();
  // A decision after `last_step` (what the previously picked event did; ignored at the
  // first decision of a run): re-draws the priorities of the new events and of those
  // whose pending access (from `pending`) conflicts with the step, draws one for each
  // event never seen, and returns the index of the highest. Remembers that candidate as
  // the event executed next.
  size_t Pick(std::span<const Candidate> candidates, const StepRecord& last_step,
              PendingFn pending, Prng& prng);
  // The priority a candidate holds (0: it never had one in this run).
  uint64_t PriorityOf(const Candidate& c) const;
  // Remembers `c` as the event executed next when the decision was not Pick's (a clock
  // advance).
  void NoteExecuted(const Candidate& c);

 private:
  bool NeedsFreshPriority(const Candidate& c, const StepRecord& last_step,
                          PendingFn pending) const;

  uint64_t& Slot(const Candidate& c);  // 0: no priority yet

  std::vector<uint64_t> goroutines_;  // priority by goroutine id
  std::vector<uint64_t> timers_;      // priority by timer sequence number
  std::optional<ProcessId> executed_;  // the event picked at the previous decision
};

class PosStrategy : public Strategy, public AccessListener {
 public:
  static constexpr const char* kParamsDoc = ClockAdvanceOdds::kParamDoc;
  static absl::StatusOr<std::unique_ptr<Strategy>> Make(ParamReader& params);

  explicit PosStrategy(ClockAdvanceOdds advance = {}) : advance_(advance) {}

  bool StartRun(const RunStart& run) override;
  size_t PickNext(const SchedulePoint& point) override;
  uint64_t PickNumber(uint64_t bound, ChoiceKind kind) override { return prng_.Uniform(bound); }
  std::string Describe() const override { return advance_.AddTo("pos"); }
  bool TimeAdversary() const override { return advance_.on(); }
  StepRecord& step_record() override { return record_; }

 private:
  size_t PickByPriority(const SchedulePoint& point);
  size_t PickWithAdvance(SchedulePoint point);

  ClockAdvanceOdds advance_;
  Prng prng_;
  PosPriorities priorities_;
  StepRecord record_;  // filled by the scheduler while the picked event runs
};

}  // namespace sim
