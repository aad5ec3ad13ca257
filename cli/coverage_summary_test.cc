// Tests of the coverage and residual-risk part of explore's summary, from a hand-built
// coverage tally: the text names every pool event with its counts, the pairs, the
// invariant checks and the Good-Turing line; the JSON carries the same numbers as numbers
// and lists; and the HTML report holds the same tables, the saturation plot, the token
// and the timeline link, with the text escaped.
#include "cli/coverage_summary.h"

#include "cli/explore_outcome.h"
#include "cli/render/html_report.h"
#include "cli/testing/json_value.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

explore::RunCoverage Run(std::map<std::string, uint64_t> events,
                         std::map<std::string, uint64_t> pairs) {
  explore::RunCoverage c;
  c.events = std::move(events);
  c.pairs = std::move(pairs);
  c.checks[1] = 100;
  c.checks[4] = 1;
  return c;
}

// Two runs: "took" in both, "marked <bad>" and one pair in the second only.
explore::ExploreSummary TwoRuns() {
  explore::ExploreSummary s;
  s.runs_done = 2;
  s.coverage.Add(Run({{"took conn#_", 5}}, {}), 0);
  s.coverage.Add(Run({{"took conn#_", 2}, {"marked <bad>", 1}}, {{"took conn#_ => marked <bad>", 1}}), 1);
  return s;
}

TEST(CoverageText, NamesEventsPairsChecksAndTheRisk) {
  // Shows the text summary gives each pool event's times and runs, the pair, the check
  // counts per invariant and the risk as singletons / runs (2 behaviours seen once / 2).
  const std::string text = FormatCoverageText(TwoRuns());
  EXPECT_NE(text.find("residual risk 1 (Good-Turing: 2 behaviours seen in one run / 2 runs; "
                      "3 behaviours = 2 pool events + 1 cross-goroutine pairs)"),
            std::string::npos) << text;
  EXPECT_NE(text.find("         7       2  took conn#_"), std::string::npos) << text;
  EXPECT_NE(text.find("         1       1  marked <bad>"), std::string::npos) << text;
  EXPECT_NE(text.find("took conn#_ => marked <bad>"), std::string::npos) << text;
  EXPECT_NE(text.find("I1=200 I2=0 I3=0 I4=2"), std::string::npos) << text;
  EXPECT_NE(text.find("saturation (runs:behaviours): 1:1 2:3"), std::string::npos) << text;
}

TEST(CoverageJson, SameNumbersAsNumbersAndLists) {
  // Shows the JSON keys hold the tables as lists of {name, times, runs}, the checks by
  // invariant id, and the risk with its parts and the saturation curve as [runs, n] pairs.
  JsonWriter json;
  json.BeginObject();
  WriteCoverageJson(TwoRuns(), json);
  json.EndObject();
  std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(json.text());
  ASSERT_TRUE(doc.has_value()) << json.text();
  const testing::JsonValue& events = (*doc)["coverage"]["pool_events"];
  ASSERT_EQ(events.array.size(), 2u);
  EXPECT_EQ(events.array[1]["name"].string, "took conn#_");
  EXPECT_EQ(events.array[1]["times"].number, 7);
  EXPECT_EQ(events.array[1]["runs"].number, 2);
  EXPECT_EQ((*doc)["coverage"]["pool_event_pairs"].array.size(), 1u);
  EXPECT_EQ((*doc)["coverage"]["invariant_checks"]["I1"].number, 200);
  const testing::JsonValue& risk = (*doc)["residual_risk"];
  EXPECT_EQ(risk["estimate"].number, 1);
  EXPECT_EQ(risk["singletons"].number, 2);
  EXPECT_EQ(risk["behaviours"].number, 3);
  ASSERT_EQ(risk["saturation"].array.size(), 2u);
  EXPECT_EQ(risk["saturation"].array[1].array[0].number, 2);
  EXPECT_EQ(risk["saturation"].array[1].array[1].number, 3);
}

TEST(HtmlReport, HoldsTablesPlotFailureAndEscapesText) {
  // Shows the report page has the summary, a polyline plot, a covered row per pool event
  // with the event text escaped, the invariant table, and for a failure its token and a
  // link to the timeline page; without a trace there is no link.
  ExploreOutcome o;
  o.scenario = "issue31480";
  o.pool = "async-reset";
  o.summary = TwoRuns();
  o.summary.failures = 1;
  explore::RunReport failure;
  failure.result.failure = sim::FailureId::Check("I6");
  failure.result.message = "conn <lost>";
  o.summary.first_failure = failure;
  o.failure_token = "pc1.TOKEN.0";
  const std::string page = RenderHtmlReport(o, true);
  EXPECT_NE(page.find("id=\"summary\""), std::string::npos);
  EXPECT_NE(page.find("<polyline"), std::string::npos);
  EXPECT_NE(page.find("<tr class=\"covered\"><td>marked &lt;bad&gt;</td>"), std::string::npos);
  EXPECT_EQ(page.find("marked <bad>"), std::string::npos);
  EXPECT_NE(page.find("id=\"invariants\""), std::string::npos);
  EXPECT_NE(page.find("<code class=\"token\">pc1.TOKEN.0</code>"), std::string::npos);
  EXPECT_NE(page.find("href=\"failure-trace.html\""), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);  // nothing to run, nothing to fetch
  EXPECT_EQ(RenderHtmlReport(o, false).find("failure-trace.html"), std::string::npos);
}

}  // namespace
}  // namespace cli
