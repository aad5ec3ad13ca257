// Tests of explore's coverage output, --until-risk and --report on the built binary: the
// JSON carries coverage and risk, --until-risk stops early and says so, bad values are
// one-line errors (exit 2), and --report writes an index page and the failing run's
// timeline page but never overwrites an existing report. (The pages are drawn in headless
// Chromium by the "browser" test, tools/browser/.)
#include <filesystem>

#include "absl/strings/match.h"
#include "cli/testing/json_value.h"
#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using testing::BinaryRun;
using testing::RunPoolcheckBinary;

const std::vector<std::string> kSmall = {"explore", "--scenario", "issue31480", "--param",
                                         "clients=3", "--param", "capacity=1", "--strategy",
                                         "random"};

std::vector<std::string> With(std::vector<std::string> args,
                              std::initializer_list<std::string> more) {
  args.insert(args.end(), more);
  return args;
}

TEST(ExploreCoverage, JsonCarriesCoverageAndRisk) {
  // Shows --json has the pool events reached (with times and runs), the invariant checks
  // and the residual risk with its saturation curve.
  const BinaryRun run = RunPoolcheckBinary(With(kSmall, {"--pool", "sync-reset", "--runs", "20", "--json"}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(run.out);
  ASSERT_TRUE(doc.has_value()) << run.out;
  EXPECT_FALSE((*doc)["coverage"]["pool_events"].array.empty());
  EXPECT_GT((*doc)["coverage"]["invariant_checks"]["I6"].number, 0);
  EXPECT_EQ((*doc)["residual_risk"]["runs"].number, 20);
  EXPECT_FALSE((*doc)["residual_risk"]["saturation"].array.empty());
}

TEST(ExploreCoverage, UntilRiskStopsEarlyAndSaysSo) {
  // Shows --until-risk without --runs explores until the estimate falls below it, and the
  // summary's risk line says it stopped there.
  const BinaryRun run = RunPoolcheckBinary(With(kSmall, {"--pool", "sync-reset", "--until-risk", "0.05"}));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("below --until-risk: stopped"), std::string::npos) << run.out;
  for (const char* bad : {"0", "1", "x", "-0.1"}) {
    const BinaryRun b = RunPoolcheckBinary(With(kSmall, {"--until-risk", bad}));
    EXPECT_EQ(b.exit_code, 2) << bad;
    EXPECT_TRUE(absl::StrContains(b.err, "--until-risk")) << b.err;
  }
}

TEST(ExploreReport, WritesTheReportAndTimelineAndNeverOverwrites) {
  // Shows --report DIR on a failing exploration writes DIR/index.html with the token and
  // DIR/failure-trace.html, prints where, and a second run into the same DIR is refused
  // with one line and exit 2, leaving the first report as it was.
  const std::string dir = testing::TempPath("report");
  const std::vector<std::string> failing = {
      "explore", "--scenario", "issue31480", "--param", "clients=4", "--param", "capacity=1",
      "--pool", "async-reset", "--strategy", "pct", "--runs", "200"};
  const BinaryRun run = RunPoolcheckBinary(With(failing, {"--report", dir}));
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.out.find("report: " + dir + "/index.html"), std::string::npos) << run.out;
  const std::string index = testing::ReadWholeFile(dir + "/index.html");
  ASSERT_NE(run.out.find("token: "), std::string::npos) << run.out;
  const size_t at = run.out.find("token: ") + 7;
  const std::string token = run.out.substr(at, run.out.find('\n', at) - at);
  EXPECT_NE(index.find(token), std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(dir + "/failure-trace.html"));
  const BinaryRun again = RunPoolcheckBinary(With(failing, {"--report", dir}));
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_TRUE(absl::StrContains(again.err, "already holds a report")) << again.err;
  EXPECT_EQ(testing::ReadWholeFile(dir + "/index.html"), index);
}

}  // namespace
}  // namespace cli
