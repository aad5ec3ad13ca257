// Tests of the Chrome trace-event (Perfetto) renderer on a hand-built trace: the output
// parses as JSON, every goroutine has a named track, every operation is a named slice
// nested properly in its track, in step order on the stated time axis, and wake-ups and
// spawns are flow arrows that bind to slices at both ends.
#include "cli/render/chrome_trace.h"

#include <algorithm>
#include <map>
#include <set>

#include "cli/testing/sample_trace.h"
#include "cli/testing/json_value.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using testing::JsonValue;

std::vector<JsonValue> Events(const sim::Trace& trace) {
  const std::string json = RenderChromeTrace(trace, ChromeTraceOptions{"test run"});
  std::optional<JsonValue> doc = testing::JsonParser::Parse(json);
  EXPECT_TRUE(doc.has_value()) << json;
  if (!doc) return {};
  EXPECT_EQ((*doc)["displayTimeUnit"].string, "ms");
  return (*doc)["traceEvents"].array;
}

std::vector<JsonValue> WithPhase(const std::vector<JsonValue>& events, const std::string& ph) {
  std::vector<JsonValue> out;
  for (const JsonValue& e : events) {
    if (e["ph"].string == ph) out.push_back(e);
  }
  return out;
}

TEST(ChromeTrace, NamesOneTrackPerGoroutineAndOneForTimers) {
  // Shows the metadata events name the process and each goroutine's track ("g1 client 0")
  // plus the timers track.
  std::map<double, std::string> names;
  std::string process;
  for (const JsonValue& m : WithPhase(Events(testing::SampleTrace()), "M")) {
    if (m["name"].string == "thread_name") names[m["tid"].number] = m["args"]["name"].string;
    if (m["name"].string == "process_name") process = m["args"]["name"].string;
  }
  EXPECT_EQ(process, "test run");
  EXPECT_EQ(names, (std::map<double, std::string>{{0, "g0 main"},
                                                  {1, "g1 client 0"},
                                                  {2, "g2 client 1"},
                                                  {kTimerTrackTid, "timers"}}));
}

// [ts, ts + dur) of an "X" event, in microseconds.
std::pair<double, double> Span(const JsonValue& x) {
  return {x["ts"].number, x["ts"].number + x["dur"].number};
}

TEST(ChromeTrace, SlicesOnATrackNestOrAreDisjoint) {
  // Shows every slice has a positive duration, at least one slot wide, and two slices on
  // one track are either disjoint or one holds the other (a viewer would otherwise drop or
  // misdraw them); g0, g1 and g2 all have "running" slices.
  std::map<double, std::vector<std::pair<double, double>>> spans;
  std::set<double> running;
  for (const JsonValue& x : WithPhase(Events(testing::SampleTrace()), "X")) {
    EXPECT_GE(x["dur"].number, kSlotMicros) << x["name"].string;
    spans[x["tid"].number].push_back(Span(x));
    if (x["name"].string == "running") running.insert(x["tid"].number);
  }
  EXPECT_EQ(running, (std::set<double>{0, 1, 2}));
  for (auto& [tid, list] : spans) {
    for (const auto& a : list) {
      for (const auto& b : list) {
        const bool disjoint = a.second <= b.first || b.second <= a.first;
        const bool nested = (a.first <= b.first && b.second <= a.second) ||
                            (b.first <= a.first && a.second <= b.second);
        EXPECT_TRUE(disjoint || nested) << tid << ": [" << a.first << "," << a.second
                                        << ") vs [" << b.first << "," << b.second << ")";
      }
    }
  }
}

TEST(ChromeTrace, EveryOperationIsANamedSliceInStepOrderOnVirtualTime) {
  // Shows every non-run event is a named "X" slice with its step and virtual time in args
  // (pool event, driver call, blocked-on-X, wake-up, timer, spawns, the failure), that the
  // operation slices start in trace order, each inside a "running" slice of its actor
  // (blocks excepted: they start when running ends), that +1ms of virtual time sits at or
  // after 1000 us, and that the failure is also a global instant.
  const std::vector<JsonValue> events = Events(testing::SampleTrace());
  std::multiset<std::string> cats;
  std::set<std::string> names;
  double last_ts = -1;
  std::vector<std::pair<double, std::pair<double, double>>> running;  // tid, span
  for (const JsonValue& x : WithPhase(events, "X")) {
    if (x["name"].string == "running") running.push_back({x["tid"].number, Span(x)});
  }
  for (const JsonValue& x : WithPhase(events, "X")) {
    if (x["cat"].string == "run" || x["cat"].string == "blocked") continue;
    cats.insert(x["cat"].string);
    names.insert(x["name"].string);
    EXPECT_GT(x["ts"].number, last_ts);
    last_ts = x["ts"].number;
    EXPECT_FALSE(x["args"]["time"].string.empty());
    if (x["args"]["time"].string == "+1ms") EXPECT_GE(x["ts"].number, 1000);
    const bool inside_running = std::any_of(running.begin(), running.end(), [&](const auto& r) {
      return r.first == x["tid"].number && r.second.first <= Span(x).first &&
             Span(x).second <= r.second.second;
    });
    const bool on_timer_track = x["tid"].number == kTimerTrackTid;
    EXPECT_TRUE(inside_running || on_timer_track || x["cat"].string == "spawn")
        << x["name"].string;
  }
  EXPECT_EQ(cats, (std::multiset<std::string>{"spawn", "spawn", "spawn", "pool", "block",
                                               "timer", "wake", "driver", "FAIL"}));
  EXPECT_EQ(names.count("pool: conn#2 -> resetterCh full"), 1u);
  EXPECT_EQ(names.count("driver: Close conn#2 -> ok"), 1u);
  bool blocked_slice = false;
  for (const JsonValue& x : WithPhase(events, "X")) {
    if (x["name"].string == "blocked: chan receive" && x["tid"].number == 2) blocked_slice = true;
  }
  EXPECT_TRUE(blocked_slice);
  const std::vector<JsonValue> instants = WithPhase(events, "i");
  ASSERT_EQ(instants.size(), 1u);
  EXPECT_EQ(instants[0]["s"].string, "g");
  EXPECT_EQ(instants[0]["name"].string, "FAIL I6: healthy conn lost");
  EXPECT_EQ(instants[0]["args"]["location"].string, "db.cc:10");
}

TEST(ChromeTrace, FlowsRunFromTheActorsSliceToTheTargetsNextSlice) {
  // Shows each flow start ("s") has a finish ("f") with the same id and binding point
  // "e", both lie inside a slice on their track (so the arrow binds), and the arrows are
  // main -> each client for the spawns; client 1 is woken but never runs again, so that
  // wake-up gets no dangling arrow.
  const std::vector<JsonValue> events = Events(testing::SampleTrace());
  const std::vector<JsonValue> slices = WithPhase(events, "X");
  auto inside_a_slice = [&](const JsonValue& flow) {
    return std::any_of(slices.begin(), slices.end(), [&](const JsonValue& x) {
      return x["tid"].number == flow["tid"].number && x["ts"].number <= flow["ts"].number &&
             flow["ts"].number < x["ts"].number + x["dur"].number;
    });
  };
  std::map<double, std::pair<double, double>> flows;  // id -> (from tid, to tid)
  for (const JsonValue& s : WithPhase(events, "s")) {
    flows[s["id"].number].first = s["tid"].number;
    EXPECT_TRUE(inside_a_slice(s));
  }
  for (const JsonValue& f : WithPhase(events, "f")) {
    flows[f["id"].number].second = f["tid"].number;
    EXPECT_EQ(f["bp"].string, "e");
    EXPECT_TRUE(inside_a_slice(f));
  }
  std::multiset<std::pair<double, double>> edges;
  for (const auto& [id, edge] : flows) edges.insert(edge);
  EXPECT_EQ(edges, (std::multiset<std::pair<double, double>>{{0, 1}, {0, 2}}));
}

TEST(ChromeTrace, MetadataStatesTheTimeAxis) {
  // Shows the document says how its time axis maps to virtual time (otherData.time_axis
  // and the slot width), so a reader of the timeline knows what a width means.
  const std::string json = RenderChromeTrace(testing::SampleTrace(), ChromeTraceOptions{});
  std::optional<JsonValue> doc = testing::JsonParser::Parse(json);
  ASSERT_TRUE(doc.has_value());
  EXPECT_NE((*doc)["otherData"]["time_axis"].string.find("virtual time plus"), std::string::npos);
  EXPECT_EQ((*doc)["otherData"]["slot_us"].number, kSlotMicros);
}

TEST(ChromeTrace, AnEmptyTraceIsStillAValidDocument) {
  // Shows a run without a recorded trace renders as valid JSON holding only the process's
  // metadata: no tracks, slices or instants.
  const std::vector<JsonValue> events = Events(sim::Trace{});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["name"].string, "process_name");
}

}  // namespace
}  // namespace cli
