// Tests of the Chrome trace-event (Perfetto) renderer on a hand-built trace: the output
// parses as JSON, every goroutine has a named track, running spans are "X" slices that
// never overlap on a track, events are instants in step order at their virtual time, and
// wake-ups and spawns are flow arrows from the acting goroutine.
#include "cli/render/chrome_trace.h"

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
  EXPECT_EQ((*doc)["displayTimeUnit"].string, "ns");
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

TEST(ChromeTrace, RunningSpansAreSlicesThatNeverOverlapOnATrack) {
  // Shows each goroutine that ran has "X" slices with positive durations, and slices on
  // one track are disjoint (a viewer would otherwise nest or drop them).
  std::map<double, std::vector<std::pair<double, double>>> spans;
  for (const JsonValue& x : WithPhase(Events(testing::SampleTrace()), "X")) {
    EXPECT_GT(x["dur"].number, 0);
    spans[x["tid"].number].push_back({x["ts"].number, x["ts"].number + x["dur"].number});
  }
  EXPECT_EQ(spans.size(), 3u);  // g0, g1, g2 all ran
  for (auto& [tid, list] : spans) {
    std::sort(list.begin(), list.end());
    for (size_t i = 1; i < list.size(); ++i) EXPECT_LE(list[i - 1].second, list[i].first) << tid;
  }
}

TEST(ChromeTrace, InstantsKeepStepOrderAndVirtualTime) {
  // Shows every non-run event becomes an instant (pool, driver, block, wake, timer, the
  // failure as a global instant), their timestamps strictly increase in trace order, and
  // events at +1ms of virtual time sit at or after 1000 microseconds.
  const std::vector<JsonValue> instants = WithPhase(Events(testing::SampleTrace()), "i");
  std::multiset<std::string> cats;
  double last_ts = -1;
  for (const JsonValue& i : instants) {
    cats.insert(i["cat"].string);
    EXPECT_GT(i["ts"].number, last_ts);
    last_ts = i["ts"].number;
    if (i["args"]["time"].string == "+1ms") {
      EXPECT_GE(i["ts"].number, 1000);
    }
  }
  EXPECT_EQ(cats, (std::multiset<std::string>{"spawn", "spawn", "spawn", "pool", "block",
                                               "timer", "wake", "driver", "FAIL"}));
  const JsonValue& fail = instants.back();
  EXPECT_EQ(fail["s"].string, "g");
  EXPECT_EQ(fail["name"].string, "FAIL I6: healthy conn lost");
  EXPECT_EQ(fail["args"]["location"].string, "db.cc:10");
}

TEST(ChromeTrace, WakeUpsAndSpawnsAreFlowsFromTheActor) {
  // Shows each flow start ("s") has a matching finish ("f") with the same id: main to
  // both clients for the spawns, client 0 to client 1 for the wake-up.
  std::map<double, std::pair<double, double>> flows;  // id -> (from tid, to tid)
  const std::vector<JsonValue> events = Events(testing::SampleTrace());
  for (const JsonValue& s : WithPhase(events, "s")) flows[s["id"].number].first = s["tid"].number;
  for (const JsonValue& f : WithPhase(events, "f")) flows[f["id"].number].second = f["tid"].number;
  std::multiset<std::pair<double, double>> edges;
  for (const auto& [id, edge] : flows) edges.insert(edge);
  EXPECT_EQ(edges, (std::multiset<std::pair<double, double>>{{0, 1}, {0, 2}, {1, 2}}));
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
