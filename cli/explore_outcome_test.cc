// Tests of the --json summary and the --junit XML written for an exploration, from
// hand-built outcomes: one that passed and one with a failing run.
#include "cli/explore_outcome.h"

#include "cli/testing/json_value.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

ExploreOutcome Passed() {
  ExploreOutcome o;
  o.scenario = "issue31480";
  o.pool = "sync-reset";
  o.strategy = "pct";
  o.params = {{"clients", "500"}};
  o.seed = 3;
  o.runs_requested = 100;
  o.shard = Shard{1, 4};
  o.jobs = 2;
  o.summary.runs_done = 25;
  o.summary.distinct_interleavings = 24;
  o.elapsed_ms = 1234;
  return o;
}

ExploreOutcome Failed() {
  ExploreOutcome o = Passed();
  o.pool = "async-reset";
  o.summary.failures = 1;
  explore::RunReport f;
  f.run_index = 17;
  f.result.failure = sim::FailureId::Check("I6");
  f.result.message = "healthy conn <lost> & \"gone\"\nsecond line";
  f.result.steps = 900;
  f.result.fingerprint = 0xabc;
  o.summary.first_failure = f;
  o.failure_report = "FAIL I6 ...\n  healthy conn <lost>\n";
  o.failure_token = "pc1.AAA.00000000";
  return o;
}

TEST(SummaryJson, CarriesCountsAndTheFirstFailure) {
  // Shows the summary parses as JSON and holds its schema version, the request (with any
  // known-bug allowance, as a list), the counts as numbers, and for a failing exploration
  // the failing run's invariant, index, token and report.
  std::optional<testing::JsonValue> pass = testing::JsonParser::Parse(FormatSummaryJson(Passed()));
  ASSERT_TRUE(pass.has_value());
  EXPECT_EQ((*pass)["schema_version"].number, kSummarySchemaVersion);
  EXPECT_EQ((*pass)["shard"]["index"].number, 1);
  EXPECT_EQ((*pass)["shard"]["count"].number, 4);
  EXPECT_EQ((*pass)["status"].string, "passed");
  EXPECT_EQ((*pass)["runs_done"].number, 25);
  EXPECT_EQ((*pass)["distinct_interleavings"].number, 24);
  EXPECT_TRUE((*pass)["passed"].boolean);
  EXPECT_EQ((*pass)["first_failure"].type, testing::JsonValue::Type::kNull);
  EXPECT_EQ((*pass)["params"]["clients"].type, testing::JsonValue::Type::kNumber);
  EXPECT_EQ((*pass)["params"]["clients"].number, 500);
  EXPECT_DOUBLE_EQ((*pass)["elapsed_s"].number, 1.234);
  EXPECT_EQ((*pass)["allowed_known_bugs"].type, testing::JsonValue::Type::kArray);
  EXPECT_TRUE((*pass)["allowed_known_bugs"].array.empty());

  ExploreOutcome allowing = Passed();
  allowing.allowed_known_bugs = "last-retry-waits-beside-idle,tx-stmt-after-cancel-rollback";
  std::optional<testing::JsonValue> allowed =
      testing::JsonParser::Parse(FormatSummaryJson(allowing));
  ASSERT_TRUE(allowed.has_value());
  ASSERT_EQ((*allowed)["allowed_known_bugs"].array.size(), 2u);
  EXPECT_EQ((*allowed)["allowed_known_bugs"].array[1].string, "tx-stmt-after-cancel-rollback");

  std::optional<testing::JsonValue> fail = testing::JsonParser::Parse(FormatSummaryJson(Failed()));
  ASSERT_TRUE(fail.has_value());
  EXPECT_FALSE((*fail)["passed"].boolean);
  EXPECT_EQ((*fail)["status"].string, "failed");
  const testing::JsonValue& f = (*fail)["first_failure"];
  EXPECT_EQ(f["invariant"].string, "I6");
  EXPECT_EQ(f["run"].number, 17);
  EXPECT_EQ(f["token"].string, "pc1.AAA.00000000");
  EXPECT_EQ(f["fingerprint"].string, "0000000000000abc");
  EXPECT_EQ(f["report"].string, Failed().failure_report);
}

TEST(SummaryJson, ZeroRunsAndSignalsAreNeverAPass) {
  // Shows an exploration that ran nothing, and one a signal stopped, say so in "status" and
  // have "passed" false, even though no run failed.
  ExploreOutcome none = Passed();
  none.summary.runs_done = 0;
  std::optional<testing::JsonValue> j = testing::JsonParser::Parse(FormatSummaryJson(none));
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ((*j)["status"].string, "no_runs");
  EXPECT_FALSE((*j)["passed"].boolean);
  ExploreOutcome stopped = Passed();
  stopped.stopped_by_signal = 2;
  j = testing::JsonParser::Parse(FormatSummaryJson(stopped));
  ASSERT_TRUE(j.has_value());
  EXPECT_EQ((*j)["status"].string, "interrupted");
  EXPECT_EQ((*j)["stopped_by_signal"].string, "SIGINT");
  EXPECT_FALSE((*j)["passed"].boolean);
  EXPECT_NE(FormatJUnitXml(none).find("<error type=\"no_runs\""), std::string::npos);
  EXPECT_NE(FormatJUnitXml(stopped).find("<error type=\"interrupted\""), std::string::npos);
}

TEST(JUnitXml, TestNamesAreStableAcrossSeedsRunsTimeAndShards) {
  // Shows two explorations of the same check that differ in seed, run count, time budget
  // and shard get the same testcase name, those values appearing as <properties>, while
  // another pool or allowance is another name.
  ExploreOutcome a = Passed(), b = Passed();
  b.seed = 99;
  b.runs_requested = 0;
  b.time_budget_s = 60;
  b.shard = Shard{3, 8};
  EXPECT_EQ(JUnitTestName(a), JUnitTestName(b));
  EXPECT_EQ(JUnitTestName(a), "issue31480 pool=sync-reset strategy=pct");
  const std::string xml = FormatJUnitXml(b);
  EXPECT_NE(xml.find("name=\"issue31480 pool=sync-reset strategy=pct\" time="), std::string::npos) << xml;
  EXPECT_NE(xml.find("<property name=\"seed\" value=\"99\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<property name=\"shard\" value=\"3/8\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<property name=\"time_budget_s\" value=\"60\"/>"), std::string::npos);
  ExploreOutcome other = Passed();
  other.pool = "async-reset";
  EXPECT_NE(JUnitTestName(other), JUnitTestName(a));
  other = Passed();
  other.allowed_known_bugs = "last-retry-waits-beside-idle";
  EXPECT_NE(JUnitTestName(other), JUnitTestName(a));
}

TEST(JUnitXml, OneTestcaseWithAnEscapedFailure) {
  // Shows the XML has one testsuite and one testcase with the stable name, no failure
  // element when it passed, and when it failed a failure element whose message (first
  // line only) and body (the report) are XML-escaped.
  const std::string pass = FormatJUnitXml(Passed());
  EXPECT_NE(pass.find("<testsuite name=\"poolcheck\" tests=\"1\" failures=\"0\""), std::string::npos);
  EXPECT_NE(pass.find("name=\"issue31480 pool=sync-reset strategy=pct\""), std::string::npos);
  EXPECT_NE(pass.find("time=\"1.234\""), std::string::npos);
  EXPECT_EQ(pass.find("<failure"), std::string::npos);

  const std::string fail = FormatJUnitXml(Failed());
  EXPECT_NE(fail.find("failures=\"1\""), std::string::npos);
  EXPECT_NE(fail.find("<failure type=\"I6\" message=\"I6 in run 17: healthy conn &lt;lost&gt; "
                      "&amp; &quot;gone&quot;\">FAIL I6 ...\n  healthy conn &lt;lost&gt;\n"
                      "</failure>"),
            std::string::npos)
      << fail;
  EXPECT_EQ(fail.find("<lost>"), std::string::npos);
}

}  // namespace
}  // namespace cli
