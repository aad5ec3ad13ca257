// A run's trace as Chrome trace-event JSON, the format the Perfetto UI (ui.perfetto.dev) and
// chrome://tracing open: one track per goroutine (plus one for timers), "X" slices while a
// goroutine runs, "i" instants for spawns, blocking, wake-ups, choices, pool and driver
// events and the failure, and flow arrows from waker to woken and from parent to child.
// Reads only sim/trace.h.
//
// Timestamps are the virtual time in microseconds, nudged forward by at least 1 ns per
// event so that the order of events at one virtual instant (many steps take no virtual
// time) survives in the viewer; each event's args carry its exact step and virtual time.
#pragma once

#include <string>

#include "sim/trace.h"

namespace cli {

struct ChromeTraceOptions {
  std::string process_name = "poolcheck run";  // the name of the one process track
};

// The tid of the track that holds timer firings (goroutine tracks use the goroutine id).
inline constexpr uint32_t kTimerTrackTid = 1'000'000;

std::string RenderChromeTrace(const sim::Trace& trace, const ChromeTraceOptions& options);

}  // namespace cli
