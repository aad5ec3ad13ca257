// A small hand-built run trace shared by the report and renderer tests: main spawns two clients;
// client 0 annotates a pool event, client 1 blocks on a channel, a timer fires, client 0
// wakes client 1 at +1ms, calls the driver and raises I6 at step 6.
#pragma once

#include <string>

#include "sim/trace.h"

namespace cli::testing {

inline sim::TraceEvent At(uint64_t step, int64_t ms, uint32_t g, sim::TraceEvent::Kind kind,
                          std::string category, std::string text, std::string location = "") {
  return sim::TraceEvent{step, sim::Instant::Epoch().Add(sim::Duration::Milliseconds(ms)), g,
                         kind, std::move(category), std::move(text), std::move(location)};
}

inline sim::Trace SampleTrace() {
  using Kind = sim::TraceEvent::Kind;
  sim::Trace t;
  t.goroutine_names = {"main", "client 0", "client 1"};
  t.events = {
      At(0, 0, 0, Kind::kSpawn, "", "main", "main.cc:1"),
      At(1, 0, 0, Kind::kRun, "", ""),
      At(1, 0, 1, Kind::kSpawn, "", "client 0", "w.cc:3"),
      At(1, 0, 2, Kind::kSpawn, "", "client 1", "w.cc:4"),
      At(2, 0, 1, Kind::kRun, "", ""),
      At(2, 0, 1, Kind::kAnnotation, "pool", "conn#2 -> resetterCh full"),
      At(3, 0, 2, Kind::kRun, "", ""),
      At(3, 0, 2, Kind::kBlock, "chan receive", "", "x.cc:5"),
      At(4, 1, 0, Kind::kTimerFire, "timer", "timer 0 fires", "t.cc:2"),
      At(5, 1, 1, Kind::kRun, "", ""),
      At(5, 1, 2, Kind::kWake, "", "woken by goroutine 1"),
      At(6, 1, 1, Kind::kAnnotation, "driver", "Close conn#2 -> ok"),
      At(6, 1, 1, Kind::kFailure, "I6", "healthy conn lost", "db.cc:10"),
  };
  return t;
}

}  // namespace cli::testing
