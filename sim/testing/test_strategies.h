// Tiny deterministic strategies for the runtime's own tests, independent of the real ones
// in sim/strategies/: a seeded uniform pick, and a cooperative one that keeps running the
// current goroutine until it blocks (then the lowest id), which makes a test's schedule
// obvious from its code. Header-only: sim/testing/ is not part of the library.
#pragma once

#include <cstdint>
#include <string>

#include "sim/strategy.h"

namespace sim::testing {

// Uniform over the candidates (and over [0, bound) for numbers), from a splitmix64 stream.
class SeededRandomStrategy : public Strategy {
 public:
  bool StartRun(const RunStart& run) override {
    state_ = run.seed;
    return true;
  }
  size_t PickNext(const SchedulePoint& point) override {
    return static_cast<size_t>(Next() % point.candidates.size());
  }
  uint64_t PickNumber(uint64_t bound, ChoiceKind) override { return Next() % bound; }
  std::string Describe() const override { return "test-random"; }

 private:
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint64_t state_ = 0;
};

// Runs the current goroutine while it can, else the first candidate (lowest goroutine id,
// goroutines before timers); numbers are always `number` (clamped to the bound).
class CooperativeStrategy : public Strategy {
 public:
  explicit CooperativeStrategy(uint64_t number = 0) : number_(number) {}
  bool StartRun(const RunStart&) override { return true; }
  size_t PickNext(const SchedulePoint& point) override {
    return point.current >= 0 ? static_cast<size_t>(point.current) : 0;
  }
  uint64_t PickNumber(uint64_t bound, ChoiceKind) override {
    return number_ < bound ? number_ : bound - 1;
  }
  std::string Describe() const override { return "test-cooperative"; }

 private:
  uint64_t number_;
};

}  // namespace sim::testing
