// PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
// ASPLOS 2010). Every goroutine (and timer) gets a random priority when it first appears;
// the highest-priority candidate always runs; at d-1 change points, drawn uniformly over
// an estimate k of the run length, the goroutine about to run drops to priority i (1..d-1,
// below every initial priority). A bug of depth d is then found with probability at least
// 1/(n * k^(d-1)) per run. Data choices are uniform from the same random source. With
// `advance=P` (clock_advance.h) an offered clock advance is taken with probability P
// before the priorities are consulted; it is no goroutine, so it has no priority.
//
// k adapts, within the Strategy lifetime contract: run 0 uses the `steps` parameter, and
// it teaches the object the program's run length, so every later run (index > 0) uses run
// 0's length in scheduling decisions (LearnsFromRuns() == 1). Change points then cover the
// whole run however long the program is (a guess of 1000 at runs of 2,600 steps would put
// none in the last 60%). An object that never made run 0 keeps the parameter. Describe()
// names the k of the current run, so "pct:depth=3,steps=K" with the same run seed
// reproduces that run exactly as a lone run.
//
// The pick is O(log n): runnable goroutines sit in a priority heap that follows the
// scheduler's list of runnability changes (SchedulePoint::changed); due timers, few, are
// scanned. The linear argmax over every candidate is kept as the reference (PickMode::
// kLinearScan) that the equivalence test and the scheduler benchmark compare against; both
// make the same picks and draw the same random numbers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sim/strategies/clock_advance.h"
#include "sim/strategies/params.h"
#include "sim/strategies/priority_heap.h"
#include "sim/strategies/priority_table.h"
#include "sim/strategies/prng.h"
#include "sim/strategy.h"

namespace sim {

class PctStrategy : public Strategy {
 public:
  static constexpr uint64_t kDefaultDepth = 3;
  static constexpr uint64_t kDefaultSteps = 1000;
  static constexpr const char* kParamsDoc =
      "depth=D (bug depth, default 3), steps=K (run-length estimate for run 0, "
      "default 1000; later runs use run 0's length), advance=P (probability of advancing "
      "the clock to the next timer where goroutines are runnable; default 0: never)";
  static absl::StatusOr<std::unique_ptr<Strategy>> Make(ParamReader& params);

  enum class PickMode : uint8_t { kHeap, kLinearScan };
  PctStrategy(uint64_t depth, uint64_t steps_estimate, ClockAdvanceOdds advance = {},
              PickMode mode = PickMode::kHeap);

  bool StartRun(const RunStart& run) override;
  size_t PickNext(const SchedulePoint& point) override;
  uint64_t PickNumber(uint64_t bound, ChoiceKind kind) override { return prng_.Uniform(bound); }
  std::string Describe() const override;
  uint64_t LearnsFromRuns() const override { return 1; }
  bool TimeAdversary() const override { return advance_.on(); }

  uint64_t depth() const { return depth_; }
  uint64_t steps_estimate() const { return steps_estimate_; }
  // The decisions (PickNext calls) at which this run changes a priority, ascending.
  std::vector<uint64_t> ChangePoints() const;

 private:
  struct ChangePoint {
    uint64_t step;
    uint64_t priority;  // 1..depth-1
  };
  void DrawChangePoints();
  size_t Best(const SchedulePoint& point);
  void SyncHeap(const SchedulePoint& point);
  void RebuildHeap(const SchedulePoint& point, size_t goroutines);
  void FollowChanges(const SchedulePoint& point, size_t goroutines);

  uint64_t depth_;
  ClockAdvanceOdds advance_;
  uint64_t steps_param_;      // k for run 0, and for any run before run 0 was seen
  uint64_t steps_estimate_;   // k of the current run
  uint64_t steps_in_run_ = 0;
  uint64_t run_zero_steps_ = 0;  // decisions run 0 made; 0 until this object made run 0
  bool in_run_zero_ = false;
  Prng prng_;
  PriorityTable priorities_;
  PickMode mode_;
  PriorityHeap heap_;             // kHeap: the goroutine candidates of the last pick
  bool heap_synced_ = false;      // heap_ matches the last pick of this run
  uint64_t heap_step_ = 0;        // that pick's SchedulePoint::step
  size_t top_index_ = 0;          // where the heap's top was among the last candidates
  std::vector<uint32_t> changed_; // scratch: the point's changes, sorted, unique
  std::vector<ChangePoint> change_points_;  // ascending by step
  size_t next_change_ = 0;
};

}  // namespace sim
