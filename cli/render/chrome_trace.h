// A run's trace as Chrome trace-event JSON, the format the Perfetto UI, Chromium DevTools'
// Performance panel ("Load profile") and poolcheck's own offline viewer (timeline_html.h)
// open. One track per goroutine (plus one for timers). Every operation is a named slice
// ("X") with its arguments, so a viewer draws it:
//   - "running" while a goroutine runs;
//   - inside it, one slice per pool event ("pool: putConn conn#3 -> free list"), driver
//     call ("driver: Exec conn#2 -> ok"), spawn, wake-up, choice and the failure;
//   - "blocked: <what>" from a block until the wake-up;
//   - timer firings on the timers track.
// Flow arrows (waker -> woken, parent -> child) start inside the actor's slice and end on
// the first slice the other goroutine runs afterwards ("bp": "e"), so each binds to a
// slice. Reads only sim/trace.h.
//
// Time axis: display time = virtual time + one slot (kSlotMicros) per recorded event, so
// the events of one virtual instant (most steps take no virtual time) are each visible and
// in order, and virtual delays still show as gaps. The trace's metadata (otherData) states
// this; each slice's args carry its exact step and virtual time.
#pragma once

#include <cstdint>
#include <string>

#include "sim/trace.h"

namespace cli {

struct ChromeTraceOptions {
  std::string process_name = "poolcheck run";  // the name of the one process track
};

// The tid of the track that holds timer firings (goroutine tracks use the goroutine id).
inline constexpr uint32_t kTimerTrackTid = 1'000'000;

// Display width of one recorded event, in microseconds of the trace's time axis.
inline constexpr int64_t kSlotMicros = 10;

std::string RenderChromeTrace(const sim::Trace& trace, const ChromeTraceOptions& options);

}  // namespace cli
