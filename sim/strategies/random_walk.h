// Random walk: at every decision, each candidate (and each number of a data choice) is
// equally likely. The baseline every other strategy must beat, and cheap enough to be the
// harness's throughput reference.
#pragma once

#include <cstdint>
#include <string>

#include "sim/strategies/prng.h"
#include "sim/strategy.h"

namespace sim {

class RandomWalkStrategy : public Strategy {
 public:
  static constexpr const char* kParamsDoc = "(no parameters)";

  bool StartRun(const RunStart& run) override {
    prng_.Seed(run.seed);
    return true;
  }
  size_t PickNext(const SchedulePoint& point) override {
    return static_cast<size_t>(prng_.Uniform(point.candidates.size()));
  }
  uint64_t PickNumber(uint64_t bound, ChoiceKind kind) override { return prng_.Uniform(bound); }
  std::string Describe() const override { return "random"; }

 private:
  Prng prng_;
};

}  // namespace sim
