// The text lane renderer: see text_lanes.h.
#include "cli/render/text_lanes.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "cli/render/event_text.h"

namespace cli {
namespace {

using Kind = sim::TraceEvent::Kind;

// A lane: a goroutine id, or the timers lane.
struct Lane {
  bool timers = false;
  uint32_t goroutine = 0;
  std::string title;
};

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

size_t DisplayWidth(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(),
                                           [](char c) { return !IsContinuationByte(c); }));
}

std::vector<Lane> ChooseLanes(const sim::Trace& trace, const TextLanesOptions& options) {
  std::vector<uint32_t> ids = options.goroutines;
  if (ids.empty()) {
    uint32_t count = static_cast<uint32_t>(trace.goroutine_names.size());
    for (const sim::TraceEvent& e : trace.events) count = std::max(count, e.goroutine + 1);
    for (uint32_t g = 0; g < count; ++g) ids.push_back(g);
  }
  std::vector<Lane> lanes;
  const bool any_timer = std::any_of(trace.events.begin(), trace.events.end(),
                                     [](const sim::TraceEvent& e) {
                                       return e.kind == Kind::kTimerFire;
                                     });
  if (any_timer) lanes.push_back(Lane{true, 0, "timers"});
  for (uint32_t g : ids) lanes.push_back(Lane{false, g, GoroutineTitle(trace, g)});
  return lanes;
}

// The lane an event belongs to, or -1 if that lane is not shown.
int LaneOf(const sim::TraceEvent& e, const std::map<uint32_t, int>& goroutine_lane,
           int timer_lane) {
  if (e.kind == Kind::kTimerFire) return timer_lane;
  auto it = goroutine_lane.find(e.goroutine);
  return it == goroutine_lane.end() ? -1 : it->second;
}

std::string Row(const std::string& left, const std::vector<std::string>& cells) {
  std::string row = left;
  for (const std::string& cell : cells) absl::StrAppend(&row, "|", cell);
  absl::StrAppend(&row, "|");
  while (!row.empty() && row.back() == ' ') row.pop_back();
  return row;
}

}  // namespace

std::string FitCell(const std::string& text, size_t width) {
  if (width == 0) return "";
  if (DisplayWidth(text) <= width) return text + std::string(width - DisplayWidth(text), ' ');
  std::string out;
  size_t shown = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!IsContinuationByte(text[i])) {
      if (shown == width - 1) break;
      ++shown;
    }
    out.push_back(text[i]);
  }
  return out + "~";
}

// Byte offset where the line starting at `begin` ends: at most `width` characters, cut
// after the last space in it when the text goes on past it.
size_t LineEnd(const std::string& text, size_t begin, size_t width) {
  size_t shown = 0;
  size_t i = begin;
  size_t after_space = 0;
  while (i < text.size()) {
    if (!IsContinuationByte(text[i])) {
      if (shown == width) break;
      ++shown;
    }
    if (text[i] == ' ') after_space = i + 1;
    ++i;
  }
  while (i < text.size() && IsContinuationByte(text[i])) ++i;
  if (i < text.size() && after_space > begin && text[i] != ' ') return after_space;
  return i;
}

std::vector<std::string> WrapCell(const std::string& text, size_t width) {
  std::vector<std::string> lines;
  if (width == 0) return lines;
  size_t begin = 0;
  do {
    const size_t end = LineEnd(text, begin, width);
    lines.push_back(FitCell(text.substr(begin, end - begin), width));
    begin = end;
  } while (begin < text.size());
  return lines;
}

std::string RenderTextLanes(const sim::Trace& trace, const TextLanesOptions& options) {
  const std::vector<Lane> lanes = ChooseLanes(trace, options);
  const size_t cell_width = std::max<size_t>(options.lane_width, 4) - 1;
  std::map<uint32_t, int> goroutine_lane;
  int timer_lane = -1;
  for (size_t i = 0; i < lanes.size(); ++i) {
    if (lanes[i].timers) timer_lane = static_cast<int>(i);
    else goroutine_lane[lanes[i].goroutine] = static_cast<int>(i);
  }
  const std::vector<std::string> blank(lanes.size(), std::string(cell_width, ' '));
  std::vector<std::string> titles;
  for (const Lane& lane : lanes) titles.push_back(FitCell(lane.title, cell_width));
  std::string out = Row(absl::StrFormat("%8s %-12s", "step", "time"), titles) + "\n";
  out += Row(std::string(8, '-') + " " + std::string(12, '-'),
             std::vector<std::string>(lanes.size(), std::string(cell_width, '-'))) + "\n";
  for (const sim::TraceEvent& e : trace.events) {
    if (e.kind == Kind::kRun && !options.show_runs) continue;
    const int lane = LaneOf(e, goroutine_lane, timer_lane);
    if (lane < 0) continue;
    const std::vector<std::string> lines = WrapCell(DescribeEvent(e, false), cell_width);
    for (size_t i = 0; i < lines.size(); ++i) {
      std::vector<std::string> row = blank;
      row[static_cast<size_t>(lane)] = lines[i];
      const std::string left = i == 0 ? absl::StrFormat("%8d ", e.step) + FitCell(EventTime(e), 12)
                                      : std::string(21, ' ');
      out += Row(left, row) + "\n";
    }
  }
  if (trace.events.empty()) out += "(no events recorded)\n";
  return out;
}

}  // namespace cli
