// Chrome trace-event JSON from a run's trace: see chrome_trace.h.
#include "cli/render/chrome_trace.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "absl/strings/str_cat.h"
#include "cli/json_writer.h"
#include "cli/render/event_text.h"

namespace cli {
namespace {

using Kind = sim::TraceEvent::Kind;
constexpr int kPid = 1;

// Writes the events of one trace; keeps the slice of the goroutine running now open until
// another goroutine runs or it blocks or exits.
class ChromeTraceBuilder {
 public:
  ChromeTraceBuilder(const sim::Trace& trace, JsonWriter& json) : trace_(trace), json_(json) {}

  void Metadata(const ChromeTraceOptions& options);
  void Events();

 private:
  // Display time of event i: its virtual time in ns since the epoch, but at least 1 ns after
  // the previous event's.
  int64_t DisplayNs(const sim::TraceEvent& e);
  void EnsureRunning(uint32_t goroutine, int64_t ts_ns, const sim::TraceEvent& e);
  void CloseRunning(int64_t end_ns);
  void Instant(const sim::TraceEvent& e, uint32_t tid, int64_t ts_ns, bool global);
  void Flow(uint32_t from_tid, uint32_t to_tid, int64_t ts_ns, const char* name);
  void Args(const sim::TraceEvent& e);
  void Common(const char* ph, absl::string_view name, absl::string_view cat, uint32_t tid,
              int64_t ts_ns);
  uint32_t MaxGoroutine() const;

  const sim::Trace& trace_;
  JsonWriter& json_;
  int64_t last_ns_ = -1;
  std::optional<uint32_t> running_;
  int64_t running_since_ns_ = 0;
  uint64_t running_since_step_ = 0;
  std::string running_from_;
  uint64_t next_flow_id_ = 1;
};

uint32_t ChromeTraceBuilder::MaxGoroutine() const {
  uint32_t max_id = trace_.goroutine_names.empty()
                        ? 0 : static_cast<uint32_t>(trace_.goroutine_names.size() - 1);
  for (const sim::TraceEvent& e : trace_.events) max_id = std::max(max_id, e.goroutine);
  return max_id;
}

void ChromeTraceBuilder::Metadata(const ChromeTraceOptions& options) {
  json_.Newline().BeginObject().Key("ph").String("M").Key("name").String("process_name");
  json_.Key("pid").Int(kPid).Key("args").BeginObject().Key("name").String(options.process_name);
  json_.EndObject().EndObject();
  auto thread = [&](uint32_t tid, const std::string& name) {
    json_.Newline().BeginObject().Key("ph").String("M").Key("name").String("thread_name");
    json_.Key("pid").Int(kPid).Key("tid").Uint(tid);
    json_.Key("args").BeginObject().Key("name").String(name).EndObject().EndObject();
    json_.Newline().BeginObject().Key("ph").String("M").Key("name").String("thread_sort_index");
    json_.Key("pid").Int(kPid).Key("tid").Uint(tid);
    json_.Key("args").BeginObject().Key("sort_index").Uint(tid).EndObject().EndObject();
  };
  if (trace_.events.empty() && trace_.goroutine_names.empty()) return;
  const uint32_t max_id = MaxGoroutine();
  for (uint32_t g = 0; g <= max_id; ++g) thread(g, GoroutineTitle(trace_, g));
  thread(kTimerTrackTid, "timers");
}

int64_t ChromeTraceBuilder::DisplayNs(const sim::TraceEvent& e) {
  const int64_t virtual_ns = e.time.Sub(sim::Instant::Epoch()).nanoseconds();
  last_ns_ = std::max(last_ns_ + 1, virtual_ns);
  return last_ns_;
}

void ChromeTraceBuilder::Common(const char* ph, absl::string_view name, absl::string_view cat,
                                uint32_t tid, int64_t ts_ns) {
  json_.Newline().BeginObject().Key("ph").String(ph).Key("name").String(name);
  json_.Key("cat").String(cat).Key("pid").Int(kPid).Key("tid").Uint(tid);
  json_.Key("ts").Decimal(ts_ns, 3);
}

void ChromeTraceBuilder::Args(const sim::TraceEvent& e) {
  json_.Key("args").BeginObject().Key("step").Uint(e.step);
  json_.Key("time").String(EventTime(e)).Key("detail").String(DescribeEvent(e));
  if (!e.location.empty()) json_.Key("location").String(e.location);
  json_.EndObject();
}

void ChromeTraceBuilder::CloseRunning(int64_t end_ns) {
  if (!running_) return;
  Common("X", "running", "run", *running_, running_since_ns_);
  json_.Key("dur").Decimal(std::max<int64_t>(end_ns - running_since_ns_, 1), 3);
  json_.Key("args").BeginObject().Key("from_step").Uint(running_since_step_);
  if (!running_from_.empty()) json_.Key("resumed_at").String(running_from_);
  json_.EndObject().EndObject();
  running_.reset();
}

void ChromeTraceBuilder::EnsureRunning(uint32_t goroutine, int64_t ts_ns,
                                       const sim::TraceEvent& e) {
  if (running_ == goroutine) return;
  CloseRunning(ts_ns);
  running_ = goroutine;
  running_since_ns_ = ts_ns;
  running_since_step_ = e.step;
  running_from_ = e.kind == Kind::kRun ? e.location : "";
}

void ChromeTraceBuilder::Instant(const sim::TraceEvent& e, uint32_t tid, int64_t ts_ns,
                                 bool global) {
  const std::string cat = e.kind == Kind::kAnnotation ? e.category : EventLabel(e);
  Common("i", DescribeEvent(e, /*with_location=*/false), cat, tid, ts_ns);
  json_.Key("s").String(global ? "g" : "t");
  Args(e);
  json_.EndObject();
}

void ChromeTraceBuilder::Flow(uint32_t from_tid, uint32_t to_tid, int64_t ts_ns,
                              const char* name) {
  const uint64_t id = next_flow_id_++;
  Common("s", name, "flow", from_tid, ts_ns);
  json_.Key("id").Uint(id).EndObject();
  Common("f", name, "flow", to_tid, ts_ns);
  json_.Key("id").Uint(id).EndObject();
}

void ChromeTraceBuilder::Events() {
  for (const sim::TraceEvent& e : trace_.events) {
    const int64_t ts = DisplayNs(e);
    if (ActorIsEventGoroutine(e)) EnsureRunning(e.goroutine, ts, e);
    if (e.kind == Kind::kRun) continue;  // the slice shows it
    if (e.kind == Kind::kTimerFire) {
      Instant(e, kTimerTrackTid, ts, false);
      continue;
    }
    Instant(e, e.goroutine, ts, e.kind == Kind::kFailure);
    if (e.kind == Kind::kWake) {
      if (const std::optional<uint32_t> waker = WakerOf(e)) {
        EnsureRunning(*waker, ts, e);
        Flow(*waker, e.goroutine, ts, "wakes");
      }
    } else if (e.kind == Kind::kSpawn && running_ && *running_ != e.goroutine) {
      Flow(*running_, e.goroutine, ts, "spawns");
    }
    if (e.kind == Kind::kBlock || e.kind == Kind::kExit) CloseRunning(ts + 1);
  }
  CloseRunning(last_ns_ + 1);
}

}  // namespace

std::string RenderChromeTrace(const sim::Trace& trace, const ChromeTraceOptions& options) {
  JsonWriter json;
  json.BeginObject().Key("displayTimeUnit").String("ns");
  json.Key("otherData").BeginObject().Key("generator").String("poolcheck").EndObject();
  json.Key("traceEvents").BeginArray();
  ChromeTraceBuilder builder(trace, json);
  builder.Metadata(options);
  builder.Events();
  json.Newline().EndArray().EndObject().Newline();
  return json.text();
}

}  // namespace cli
