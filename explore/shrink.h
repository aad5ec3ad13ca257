// Shrinking a failing run: from a replay token, search for a smaller run that fails with
// the SAME failure id, and return its token. Smaller means fewer preemptions and steps in
// the schedule, and lower integer scenario parameters (fewer clients, fewer operations, a
// smaller pool) where the scenario still fails with them.
//
// Candidates are rerun with a lenient replay (LenientReplayStrategy): it follows an edited
// choice stream where it can and, where a recorded pick is not available, continues the
// goroutine that ran last (else the lowest candidate) instead of diverging. A candidate is
// kept only if it fails with the same id and either has lower parameters (a smaller
// workload wins even if it takes more steps) or, with the same parameters, is no larger in
// steps and preemptions and smaller in one; its
// actual choices then become the stream to edit next, so the final token replays exactly
// (strictly) and is checked to before it is returned. Shrinking is deterministic: the same
// token and options give the same result on any machine.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "explore/runner.h"
#include "sim/strategy.h"
#include "sim/token.h"

namespace explore {

struct ShrinkOptions {
  uint64_t max_runs = 2000;      // candidate runs tried before stopping with the best so far
  bool shrink_params = true;     // also try lower integer parameters
  uint64_t explore_runs = 12;    // per parameter candidate: fresh runs of the token's
                                 //   strategy tried when the edited stream passes
};

struct ParamChange {
  std::string name;
  std::string before;
  std::string after;
};

struct ShrinkResult {
  sim::ReplayToken token;   // replays the smaller failing run exactly
  RunReport report;         // that run (no trace)
  sim::FailureId failure;
  uint64_t steps_before = 0, steps_after = 0;
  uint64_t preemptions_before = 0, preemptions_after = 0;
  std::vector<ParamChange> params_changed;
  uint64_t candidate_runs = 0;  // runs tried, the baseline included
};

// InvalidArgument / NotFound for a token that names an unknown scenario or parameter,
// FailedPrecondition for one whose run does not fail (or diverges).
absl::StatusOr<ShrinkResult> Shrink(const sim::ReplayToken& token, const ShrinkOptions& options);

// A choice value no goroutine or timer ever has: a lenient replay reads it as "continue
// the goroutine that ran last".
inline constexpr uint32_t kContinueChoice = sim::kTimerChoiceBase - 1;

// The lenient replay described above. Never diverges.
class LenientReplayStrategy : public sim::Strategy {
 public:
  // `time_adversary`: the recorded run's Strategy::TimeAdversary (sim::SpecPlaysTime of
  // its token's strategy), so the same candidates and finer choices are offered.
  explicit LenientReplayStrategy(std::vector<sim::Choice> choices, bool time_adversary = false)
      : choices_(std::move(choices)), time_adversary_(time_adversary) {}

  bool StartRun(const sim::RunStart& run) override;
  size_t PickNext(const sim::SchedulePoint& point) override;
  uint64_t PickNumber(uint64_t bound, sim::ChoiceKind kind) override;
  std::string Describe() const override { return "lenient-replay"; }
  bool TimeAdversary() const override { return time_adversary_; }

  // Of the run just made: schedule picks of another goroutine while the one that ran last
  // was still runnable, and, for every choice in the run's stream, whether it was one.
  uint64_t preemptions() const { return preemptions_; }
  const std::vector<bool>& preempted() const { return preempted_; }
  // Recorded picks that were unavailable and replaced by the fallback.
  uint64_t fallbacks() const { return fallbacks_; }

 private:
  const sim::Choice* NextRecorded();

  std::vector<sim::Choice> choices_;
  bool time_adversary_ = false;
  size_t next_ = 0;
  uint64_t preemptions_ = 0;
  uint64_t fallbacks_ = 0;
  std::vector<bool> preempted_;
};

}  // namespace explore
