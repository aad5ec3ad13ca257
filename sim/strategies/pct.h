// PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
// ASPLOS 2010). Every goroutine (and timer) gets a random priority when it first appears;
// the highest-priority candidate always runs; at d-1 change points, drawn uniformly over
// an estimate k of the run length, the goroutine about to run drops to priority i (1..d-1,
// below every initial priority). A bug of depth d is then found with probability at least
// 1/(n * k^(d-1)) per run. Data choices are uniform from the same random source.
//
// k adapts: the first run uses the `steps` parameter; every later run uses the longest run
// (in scheduling decisions) this strategy has made so far. Describe() names the k of the
// current run, so "pct:depth=3,steps=K" with the same run seed reproduces that run exactly.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "sim/strategies/params.h"
#include "sim/strategies/priority_table.h"
#include "sim/strategies/prng.h"
#include "sim/strategy.h"

namespace sim {

class PctStrategy : public Strategy {
 public:
  static constexpr uint64_t kDefaultDepth = 3;
  static constexpr uint64_t kDefaultSteps = 1000;
  static constexpr const char* kParamsDoc =
      "depth=D (bug depth, default 3), steps=K (run-length estimate for the first run, "
      "default 1000; later runs use the longest run seen)";
  static absl::StatusOr<std::unique_ptr<Strategy>> Make(ParamReader& params);

  PctStrategy(uint64_t depth, uint64_t steps_estimate);

  bool StartRun(uint64_t run_seed) override;
  size_t PickNext(const SchedulePoint& point) override;
  uint64_t PickNumber(uint64_t bound, ChoiceKind kind) override { return prng_.Uniform(bound); }
  std::string Describe() const override;

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

  uint64_t depth_;
  uint64_t steps_estimate_;
  uint64_t steps_in_run_ = 0;
  uint64_t longest_run_ = 0;  // decisions in the longest finished run
  bool started_ = false;
  Prng prng_;
  PriorityTable priorities_;
  std::vector<ChangePoint> change_points_;  // ascending by step
  size_t next_change_ = 0;
};

}  // namespace sim
