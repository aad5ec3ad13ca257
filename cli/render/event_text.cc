// Plain-word descriptions of trace events: see event_text.h.
#include "cli/render/event_text.h"

#include "absl/strings/string_view.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace cli {
namespace {

using Kind = sim::TraceEvent::Kind;

// The description without any location.
std::string DescribeBare(const sim::TraceEvent& event) {
  switch (event.kind) {
    case Kind::kSpawn: return absl::StrCat("spawn ", event.text);
    case Kind::kRun: return "run";
    case Kind::kBlock: return absl::StrCat("block ", event.category);
    case Kind::kWake: return absl::StrCat("wake (", event.text, ")");
    case Kind::kExit: return "exit";
    case Kind::kTimerFire: return event.text;
    case Kind::kChoice: return absl::StrCat("choice ", event.text);
    case Kind::kAnnotation: return absl::StrCat(EventLabel(event), ": ", event.text);
    case Kind::kFailure: return absl::StrCat("FAIL ", event.category, ": ", event.text);
  }
  return event.text;
}

// Kinds whose location says where the goroutine was (a run's location repeats the block's).
bool ShowsLocation(Kind kind) {
  return kind == Kind::kSpawn || kind == Kind::kBlock || kind == Kind::kTimerFire ||
         kind == Kind::kFailure;
}

}  // namespace

std::string EventLabel(const sim::TraceEvent& event) {
  switch (event.kind) {
    case Kind::kSpawn: return "spawn";
    case Kind::kRun: return "run";
    case Kind::kBlock: return "block";
    case Kind::kWake: return "wake";
    case Kind::kExit: return "exit";
    case Kind::kTimerFire: return "timer";
    case Kind::kChoice: return "choice";
    case Kind::kAnnotation: return event.category.empty() ? "note" : event.category;
    case Kind::kFailure: return "FAIL";
  }
  return "event";
}

std::string DescribeEvent(const sim::TraceEvent& event, bool with_location) {
  std::string text = DescribeBare(event);
  if (with_location && ShowsLocation(event.kind) && !event.location.empty()) {
    absl::StrAppend(&text, " at ", event.location);
  }
  return text;
}

bool ActorIsEventGoroutine(const sim::TraceEvent& event) {
  return event.kind != Kind::kSpawn && event.kind != Kind::kWake &&
         event.kind != Kind::kTimerFire;
}

std::optional<uint32_t> WakerOf(const sim::TraceEvent& event) {
  constexpr absl::string_view kPrefix = "woken by goroutine ";
  if (event.kind != Kind::kWake) return std::nullopt;
  const absl::string_view text = event.text;
  if (text.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  uint32_t id = 0;
  if (!absl::SimpleAtoi(text.substr(kPrefix.size()), &id)) return std::nullopt;
  return id;
}

std::string GoroutineTitle(const sim::Trace& trace, uint32_t goroutine) {
  if (goroutine < trace.goroutine_names.size() && !trace.goroutine_names[goroutine].empty()) {
    return absl::StrCat("g", goroutine, " ", trace.goroutine_names[goroutine]);
  }
  return absl::StrCat("g", goroutine);
}

std::string EventTime(const sim::TraceEvent& event) { return event.time.ToString(); }

}  // namespace cli
