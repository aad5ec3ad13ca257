// Test helper: synthetic scheduling decisions for strategy unit tests, which exercise
// strategies directly, without the runtime.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <vector>

#include "sim/strategy.h"

namespace sim::testing {

// Owns the candidates a SchedulePoint views.
struct PointFixture {
  std::vector<Candidate> candidates;

  // Goroutines with the given ids.
  static PointFixture Goroutines(std::initializer_list<uint32_t> ids) {
    PointFixture f;
    for (uint32_t id : ids) f.candidates.push_back({Candidate::Kind::kGoroutine, id});
    return f;
  }
  PointFixture& AddTimer(uint32_t id) {
    candidates.push_back({Candidate::Kind::kTimer, id});
    return *this;
  }
  SchedulePoint At(uint64_t step, int current = -1) const {
    return SchedulePoint{candidates, current, step};
  }
};

// The id picked at `step` from the fixture's candidates.
inline uint32_t PickId(Strategy& s, const PointFixture& f, uint64_t step, int current = -1) {
  return f.candidates[s.PickNext(f.At(step, current))].id;
}

}  // namespace sim::testing
