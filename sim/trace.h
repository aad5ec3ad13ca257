// The event trace of one run: who ran, who blocked on what and where, who woke whom,
// timers, choices, and annotations from simulated code (pool and driver events). Renderers
// (text columns, Chrome trace-event JSON) live in their own files and read only this.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/time.h"

namespace sim {

struct TraceEvent {
  enum class Kind : uint8_t {
    kSpawn, kRun, kBlock, kWake, kExit, kTimerFire, kChoice, kAnnotation, kFailure
  };
  uint64_t step = 0;
  Instant time;
  uint32_t goroutine = 0;
  Kind kind = Kind::kRun;
  std::string category;  // annotations: "pool", "driver"...; block: the primitive
  std::string text;      // human-readable detail
  std::string location;  // file:line, where known
};

struct Trace {
  std::vector<TraceEvent> events;
  std::vector<std::string> goroutine_names;  // index = goroutine id
};

}  // namespace sim
