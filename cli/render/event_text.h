// How one trace event reads in plain words ("block chan receive", "pool: putConn conn#3"),
// shared by the failure report and the text lane renderer so both say the same thing.
// Reads only sim/trace.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sim/trace.h"

namespace cli {

// A short label for the event's kind: "spawn", "run", "block", "wake", "exit", "timer",
// "choice", "pool" / "driver" / ... (an annotation's category), "FAIL".
std::string EventLabel(const sim::TraceEvent& event);

// The event in one line without its step, time or goroutine: "block chan receive at
// sql/db_conn.cc:88", "pool: putConn conn#3 -> free list", "FAIL I6: <message>". Without
// `with_location`, the " at file:line" part is left out (narrow columns).
std::string DescribeEvent(const sim::TraceEvent& event, bool with_location = true);

// Whether the event's goroutine field names the goroutine that was running when it was
// recorded (run, block, exit, choice, annotation, failure). Spawn names the new goroutine,
// wake the woken one, and a timer firing belongs to no goroutine.
bool ActorIsEventGoroutine(const sim::TraceEvent& event);

// The goroutine that woke this one, read from a kWake event's text ("woken by goroutine
// 3"); nullopt for other events and for wake-ups by a timer.
std::optional<uint32_t> WakerOf(const sim::TraceEvent& event);

// "g3 connectionOpener" (or "g3" when the trace has no name for it).
std::string GoroutineTitle(const sim::Trace& trace, uint32_t goroutine);

// The event's virtual time as an offset from the start of the run ("+1.5ms").
std::string EventTime(const sim::TraceEvent& event);

}  // namespace cli
