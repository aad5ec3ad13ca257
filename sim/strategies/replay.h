// Replay: feeds a recorded choice stream back to the scheduler, choice by choice. If the
// program asks for something the recording cannot answer (the recorded goroutine is not
// runnable, the recorded number is out of range, the kinds differ, or the recording ran
// out), the replay diverges: it returns an out-of-range pick and Divergence() names the
// step, what was recorded and what the program offered, so the run fails with
// "divergence" instead of silently exploring something else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/run.h"
#include "sim/strategy.h"

namespace sim {

// The choice-stream value recorded for picking `c` (see sim::Choice): a clock advance
// records the timer it fires.
inline uint32_t ChoiceValueOf(const Candidate& c) {
  return c.kind == Candidate::Kind::kGoroutine ? c.id : kTimerChoiceBase + c.id;
}

// "schedule", "select", "timer", "data".
const char* ChoiceKindName(ChoiceKind kind);

class ReplayStrategy : public Strategy {
 public:
  // `time_adversary`: the recorded run's Strategy::TimeAdversary (the replay must offer
  // the same candidates and make the same finer choices).
  explicit ReplayStrategy(std::vector<Choice> choices, bool time_adversary = false)
      : choices_(std::move(choices)), time_adversary_(time_adversary) {}

  bool StartRun(const RunStart&) override {
    next_ = 0;
    divergence_.reset();
    return true;
  }
  size_t PickNext(const SchedulePoint& point) override;
  uint64_t PickNumber(uint64_t bound, ChoiceKind kind) override;
  std::string Describe() const override { return "replay"; }
  std::optional<std::string> Divergence() const override { return divergence_; }
  bool TimeAdversary() const override { return time_adversary_; }

  // Choices consumed so far in this run; equal to the recording's size when a run that
  // did not diverge followed it to the end.
  size_t consumed() const { return next_; }
  size_t recorded() const { return choices_.size(); }

 private:
  // The next recorded choice, or nullptr (divergence set) if the recording ran out.
  // `step` is the scheduling step for schedule picks, nullptr for data choices.
  const Choice* Next(const uint64_t* step);
  // "step 12 (choice #14)" or "choice #14", for divergence messages.
  std::string Where(const uint64_t* step) const;

  std::vector<Choice> choices_;
  bool time_adversary_ = false;
  size_t next_ = 0;
  std::optional<std::string> divergence_;
};

}  // namespace sim
