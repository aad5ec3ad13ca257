// Chrome trace-event JSON from a run's trace: see chrome_trace.h.
#include "cli/render/chrome_trace.h"

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "absl/strings/str_cat.h"
#include "cli/json_writer.h"
#include "cli/render/event_text.h"

namespace cli {
namespace {

using Kind = sim::TraceEvent::Kind;
constexpr int kPid = 1;
constexpr int64_t kSlotNs = kSlotMicros * 1000;

// A flow waiting for its target goroutine's next slice (written only once it binds).
struct PendingFlow {
  uint32_t from_tid = 0;
  int64_t from_ns = 0;
  const char* name = "";
};

// A goroutine's open "blocked" slice.
struct OpenBlock {
  int64_t since_ns = 0;
  const sim::TraceEvent* event = nullptr;
};

// Writes the events of one trace; keeps the "running" slice of the goroutine running now
// open until another goroutine runs or it blocks or exits.
class ChromeTraceBuilder {
 public:
  ChromeTraceBuilder(const sim::Trace& trace, JsonWriter& json) : trace_(trace), json_(json) {}

  void Metadata(const ChromeTraceOptions& options);
  void Events();

 private:
  // Display time of an event in ns: virtual time plus one slot per event before it.
  int64_t DisplayNs(const sim::TraceEvent& e) {
    return e.time.Sub(sim::Instant::Epoch()).nanoseconds() + slots_ * kSlotNs;
  }
  void Event(const sim::TraceEvent& e);
  void EnsureRunning(uint32_t goroutine, int64_t ts_ns, const sim::TraceEvent& e);
  void CloseRunning(int64_t end_ns);
  void OperationSlice(const sim::TraceEvent& e, uint32_t tid, int64_t ts_ns);
  void OpenBlocked(const sim::TraceEvent& e, int64_t since_ns);
  void CloseBlocked(uint32_t goroutine, int64_t end_ns);
  void FlowStart(uint32_t from_tid, uint32_t to_tid, int64_t ts_ns, const char* name);
  void Args(const sim::TraceEvent& e);
  void Common(const char* ph, absl::string_view name, absl::string_view cat, uint32_t tid,
              int64_t ts_ns);
  uint32_t MaxGoroutine() const;

  const sim::Trace& trace_;
  JsonWriter& json_;
  int64_t slots_ = 0;
  int64_t end_ns_ = 0;
  std::optional<uint32_t> running_;
  int64_t running_since_ns_ = 0;
  uint64_t running_since_step_ = 0;
  std::string running_from_;
  uint64_t next_flow_id_ = 1;
  std::map<uint32_t, std::vector<PendingFlow>> pending_flows_;  // by target goroutine
  std::map<uint32_t, OpenBlock> blocked_;                         // by goroutine
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
  json_.Key("dur").Decimal(std::max<int64_t>(end_ns - running_since_ns_, kSlotNs), 3);
  json_.Key("args").BeginObject().Key("from_step").Uint(running_since_step_);
  if (!running_from_.empty()) json_.Key("resumed_at").String(running_from_);
  json_.EndObject().EndObject();
  running_.reset();
}

// Opens a "running" slice for `goroutine` at ts (closing the previous one) and ends there
// the flows that wait for it.
void ChromeTraceBuilder::EnsureRunning(uint32_t goroutine, int64_t ts_ns,
                                       const sim::TraceEvent& e) {
  if (running_ == goroutine) return;
  CloseRunning(ts_ns);
  CloseBlocked(goroutine, ts_ns);
  running_ = goroutine;
  running_since_ns_ = ts_ns;
  running_since_step_ = e.step;
  running_from_ = e.kind == Kind::kRun ? e.location : "";
  auto it = pending_flows_.find(goroutine);
  if (it == pending_flows_.end()) return;
  for (const PendingFlow& flow : it->second) {
    const uint64_t id = next_flow_id_++;
    Common("s", flow.name, "flow", flow.from_tid, flow.from_ns);
    json_.Key("id").Uint(id).EndObject();
    Common("f", flow.name, "flow", goroutine, ts_ns);
    json_.Key("id").Uint(id).Key("bp").String("e").EndObject();
  }
  pending_flows_.erase(it);
}

void ChromeTraceBuilder::OperationSlice(const sim::TraceEvent& e, uint32_t tid, int64_t ts_ns) {
  const std::string cat = e.kind == Kind::kAnnotation ? e.category : EventLabel(e);
  Common("X", DescribeEvent(e, /*with_location=*/false), cat, tid, ts_ns);
  json_.Key("dur").Decimal(kSlotNs, 3);
  Args(e);
  json_.EndObject();
}

void ChromeTraceBuilder::OpenBlocked(const sim::TraceEvent& e, int64_t since_ns) {
  blocked_[e.goroutine] = OpenBlock{since_ns, &e};
}

void ChromeTraceBuilder::CloseBlocked(uint32_t goroutine, int64_t end_ns) {
  auto it = blocked_.find(goroutine);
  if (it == blocked_.end()) return;
  const sim::TraceEvent& e = *it->second.event;
  Common("X", absl::StrCat("blocked: ", e.category), "blocked", goroutine, it->second.since_ns);
  json_.Key("dur").Decimal(std::max<int64_t>(end_ns - it->second.since_ns, kSlotNs), 3);
  Args(e);
  json_.EndObject();
  blocked_.erase(it);
}

// A flow from inside the actor's current slice to the target's next slice; a target that
// never runs again gets no arrow.
void ChromeTraceBuilder::FlowStart(uint32_t from_tid, uint32_t to_tid, int64_t ts_ns,
                                   const char* name) {
  pending_flows_[to_tid].push_back(PendingFlow{from_tid, ts_ns, name});
}

void ChromeTraceBuilder::Event(const sim::TraceEvent& e) {
  if (e.kind == Kind::kRun) {
    EnsureRunning(e.goroutine, DisplayNs(e), e);  // takes no slot: the slice shows it
    return;
  }
  const int64_t ts = DisplayNs(e);
  ++slots_;
  end_ns_ = ts + kSlotNs;
  if (e.kind == Kind::kTimerFire) {
    OperationSlice(e, kTimerTrackTid, ts);
    return;
  }
  std::optional<uint32_t> actor;
  if (ActorIsEventGoroutine(e)) actor = e.goroutine;
  if (e.kind == Kind::kWake) actor = WakerOf(e);
  if (e.kind == Kind::kSpawn && running_ && *running_ != e.goroutine) actor = running_;
  if (actor) EnsureRunning(*actor, ts, e);
  // A wake-up or spawn shows on the actor's track (the woken or new goroutine's own
  // track shows its next slice, where the arrow ends).
  OperationSlice(e, actor.value_or(e.goroutine), ts);
  if (e.kind == Kind::kFailure) {  // also a line across every track
    Common("i", DescribeEvent(e, false), "FAIL", e.goroutine, ts);
    json_.Key("s").String("g");
    Args(e);
    json_.EndObject();
  }
  const bool flows = e.kind == Kind::kWake || e.kind == Kind::kSpawn;
  if (flows && actor && *actor != e.goroutine) {
    FlowStart(*actor, e.goroutine, ts, e.kind == Kind::kWake ? "wakes" : "spawns");
  }
  if (e.kind == Kind::kWake) CloseBlocked(e.goroutine, end_ns_);
  if (e.kind == Kind::kBlock || e.kind == Kind::kExit) CloseRunning(end_ns_);
  if (e.kind == Kind::kBlock) OpenBlocked(e, end_ns_);
}

void ChromeTraceBuilder::Events() {
  for (const sim::TraceEvent& e : trace_.events) Event(e);
  CloseRunning(end_ns_);
  std::vector<uint32_t> still_blocked;
  for (const auto& [g, block] : blocked_) still_blocked.push_back(g);
  for (uint32_t g : still_blocked) CloseBlocked(g, end_ns_ + kSlotNs);
}

}  // namespace

std::string RenderChromeTrace(const sim::Trace& trace, const ChromeTraceOptions& options) {
  JsonWriter json;
  json.BeginObject().Key("displayTimeUnit").String("ms");
  json.Key("otherData").BeginObject().Key("generator").String("poolcheck");
  json.Key("time_axis").String(absl::StrCat(
      "virtual time plus ", kSlotMicros, " us per recorded event (so that events at one "
      "virtual instant are visible and in order); args.time is the exact virtual time, "
      "args.step the scheduling step"));
  json.Key("slot_us").Int(kSlotMicros).EndObject();
  json.Key("traceEvents").BeginArray();
  ChromeTraceBuilder builder(trace, json);
  builder.Metadata(options);
  builder.Events();
  json.Newline().EndArray().EndObject().Newline();
  return json.text();
}

}  // namespace cli
