// Random walk: at every decision, each candidate (and each number of a data choice) is
// equally likely. The baseline every other strategy must beat, and cheap enough to be the
// harness's throughput reference. With `advance=P` (clock_advance.h) an offered clock
// advance is taken with probability P, else a candidate among the rest is uniform.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "sim/strategies/clock_advance.h"
#include "sim/strategies/params.h"
#include "sim/strategies/prng.h"
#include "sim/strategy.h"

namespace sim {

class RandomWalkStrategy : public Strategy {
 public:
  static constexpr const char* kParamsDoc = ClockAdvanceOdds::kParamDoc;
  static absl::StatusOr<std::unique_ptr<Strategy>> Make(ParamReader& params) {
    const ClockAdvanceOdds advance = ClockAdvanceOdds::Read(params);
    if (absl::Status s = params.Finish(); !s.ok()) return s;
    return std::make_unique<RandomWalkStrategy>(advance);
  }

  explicit RandomWalkStrategy(ClockAdvanceOdds advance = {}) : advance_(advance) {}

  bool StartRun(const RunStart& run) override {
    prng_.Seed(run.seed);
    return true;
  }
  size_t PickNext(const SchedulePoint& point) override {
    if (advance_.on()) [[unlikely]] return PickWithAdvance(point);
    return static_cast<size_t>(prng_.Uniform(point.candidates.size()));
  }
  uint64_t PickNumber(uint64_t bound, ChoiceKind kind) override { return prng_.Uniform(bound); }
  std::string Describe() const override { return advance_.AddTo("random"); }
  bool TimeAdversary() const override { return advance_.on(); }

 private:
  size_t PickWithAdvance(SchedulePoint point) {
    if (std::optional<size_t> advance = advance_.Draw(prng_, point)) return *advance;
    return static_cast<size_t>(prng_.Uniform(point.candidates.size()));
  }

  ClockAdvanceOdds advance_;
  Prng prng_;
};

}  // namespace sim
