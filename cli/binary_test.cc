// End-to-end tests of the poolcheck binary as a user runs it: list; explore finds #31480
// on async-reset and its printed replay command reproduces the report byte for byte;
// shrink returns a smaller failing token; trace writes a Perfetto timeline that parses;
// sync-reset passes; bad input is exit 2 with one line on stderr.
#include <algorithm>
#include <cstdlib>
#include <regex>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "cli/testing/json_value.h"
#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using testing::BinaryRun;
using testing::RunPoolcheckBinary;

const std::vector<std::string> kExplore31480 = {
    "explore", "--scenario", "issue31480", "--pool", "async-reset", "--strategy", "pct",
    "--runs", "100", "--seed", "1"};

// The exploration every test here starts from, run once.
const BinaryRun& Explore31480() {
  static const BinaryRun run = RunPoolcheckBinary(kExplore31480);
  return run;
}

// The value of the report line "<prefix><value>".
std::string LineValue(const std::string& text, const std::string& prefix) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::StartsWith(line, prefix)) return std::string(line.substr(prefix.size()));
  }
  return "";
}

TEST(PoolcheckBinary, ListShowsScenariosStrategiesAndPools) {
  // Shows list exits 0 and names the #31480 scenario with a parameter default, the
  // strategies, both pool versions and the known bugs, with the real-Go confirmation.
  const BinaryRun run = RunPoolcheckBinary({"list"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  for (const char* needle : {"issue31480", "clients=500", "pct", "portfolio", "dfs", "random",
                             "async-reset", "sync-reset ", "tx-stmt-after-cancel-rollback",
                             "last-retry-waits-beside-idle", "expired-handoff-bad-conn",
                             "tx-stmt-closed-under-rows", "cleaner-started-after-close",
                             "conn-close-drops-bad-conn",
                             "confirmed on real Go by confirm/last_retry_waits (Go 1.19.8)"}) {
    EXPECT_NE(run.out.find(needle), std::string::npos) << needle;
  }
  EXPECT_EQ(run.err, "");
}

TEST(PoolcheckBinary, AKnownFixedPoolBugIsReportedUnlessAllowed) {
  // Shows a strict exploration of tx_cancel on sync-reset reports golang/go#34775 (I11), with
  // its replay reproducing it; the same exploration told to look past that bug exits 0,
  // and a failure under an allowance says so in its report.
  const std::vector<std::string> args = {"explore", "--scenario", "tx_cancel", "--pool", "sync-reset",
                                         "--strategy", "random", "--seed", "2019",
                                         "--runs", "403"};
  const BinaryRun strict = RunPoolcheckBinary(args);
  ASSERT_EQ(strict.exit_code, 1) << strict.out << strict.err;
  EXPECT_TRUE(absl::StartsWith(strict.out, "FAIL I11 tx_cancel pool=sync-reset")) << strict.out;
  EXPECT_EQ(RunPoolcheckBinary({"replay", LineValue(strict.out, "token: ")}).exit_code, 1);
  std::vector<std::string> allowing = args;
  allowing.push_back("--allow-known-bug");
  allowing.push_back("tx-stmt-after-cancel-rollback");
  const BinaryRun allowed = RunPoolcheckBinary(allowing);
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
  EXPECT_TRUE(absl::StartsWith(allowed.out, "passed tx_cancel pool=sync-reset strategy=random seed=2019 "
                                            "runs=403 allow=tx-stmt-after-cancel-rollback:"))
      << allowed.out;
  const BinaryRun parent_allowed = RunPoolcheckBinary(
      {"explore", "--scenario", "issue31480", "--pool", "async-reset", "--strategy", "pct",
       "--param", "clients=5", "--param", "capacity=1", "--param", "max_open=2",
       "--allow-known-bug", "all"});
  ASSERT_EQ(parent_allowed.exit_code, 1) << parent_allowed.err;
  EXPECT_NE(parent_allowed.out.find("\n  looking past known bugs: tx-stmt-after-cancel-rollback,"
                                    "last-retry-waits-beside-idle,expired-handoff-bad-conn,"
                                    "tx-stmt-closed-under-rows,cleaner-started-after-close,"
                                    "conn-close-drops-bad-conn,lifetime-after-close-panics,"
                                    "conn-grab-after-close-panics\n"),
            std::string::npos)
      << parent_allowed.out;
}

TEST(PoolcheckBinary, ExploreFinds31480OnAsyncResetWithTheReport) {
  // Shows the demonstration: exit 1, a report whose first line has the documented
  // fields and names invariant I6, then a token and the replay command.
  const BinaryRun& run = Explore31480();
  ASSERT_EQ(run.exit_code, 1) << run.out << run.err;
  const std::string first_line = run.out.substr(0, run.out.find('\n'));
  EXPECT_TRUE(std::regex_match(first_line, std::regex(
      "FAIL I6 issue31480 pool=async-reset strategy=pct\\S* seed=1 run=\\d+ step=\\d+")))
      << first_line;
  EXPECT_NE(run.out.find("\nlast events of the goroutines involved:\n"), std::string::npos);
  EXPECT_NE(LineValue(run.out, "token: pc1."), "");
  EXPECT_EQ(LineValue(run.out, "replay: poolcheck replay "), LineValue(run.out, "token: "));
}

TEST(PoolcheckBinary, ThePrintedReplayCommandReproducesTheReportByteForByte) {
  // Shows `poolcheck replay <token>` (the printed command) exits 1 and prints exactly the
  // report explore printed (explore adds only its summary line after a blank line).
  const BinaryRun& explore = Explore31480();
  ASSERT_EQ(explore.exit_code, 1);
  const BinaryRun replay = RunPoolcheckBinary({"replay", LineValue(explore.out, "token: ")});
  EXPECT_EQ(replay.exit_code, 1) << replay.err;
  ASSERT_FALSE(replay.out.empty());
  EXPECT_EQ(explore.out.substr(0, replay.out.size()), replay.out);
  EXPECT_EQ(explore.out.substr(replay.out.size(), 1), "\n");
}

TEST(PoolcheckBinary, SaveFailureWritesAFileTheReplayCommandUses) {
  // Shows --save-failure writes the token to a file, the printed command replays the file,
  // and replaying the file prints the same report byte for byte.
  const std::string path = testing::TempPath("failure.token");
  std::vector<std::string> args = kExplore31480;
  args.insert(args.end(), {"--save-failure", path});
  const BinaryRun explore = RunPoolcheckBinary(args);
  ASSERT_EQ(explore.exit_code, 1) << explore.err;
  EXPECT_EQ(LineValue(explore.out, "replay: poolcheck replay "), path);
  const BinaryRun replay = RunPoolcheckBinary({"replay", path});
  EXPECT_EQ(replay.exit_code, 1) << replay.err;
  EXPECT_EQ(explore.out.substr(0, replay.out.size()), replay.out);
}

TEST(PoolcheckBinary, ShrinkReturnsASmallerTokenThatStillFails) {
  // Shows shrink exits 1, reports fewer steps, no more preemptions and far fewer clients
  // than the original run, and its token replays to the same invariant's failure.
  const std::string token = LineValue(Explore31480().out, "token: ");
  ASSERT_FALSE(token.empty());
  const BinaryRun shrink = RunPoolcheckBinary({"shrink", token});
  ASSERT_EQ(shrink.exit_code, 1) << shrink.out << shrink.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(shrink.out, m, std::regex("shrunk I6: steps (\\d+) -> (\\d+), "
                                                          "preemptions (\\d+) -> (\\d+)")))
      << shrink.out;
  EXPECT_LT(std::stoull(m[2]), std::stoull(m[1]));
  EXPECT_LE(std::stoull(m[4]), std::stoull(m[3]));
  // Fewer goroutines too: the reporter's 500 clients come down to a handful.
  ASSERT_TRUE(std::regex_search(shrink.out, m, std::regex("clients 500 -> (\\d+)"))) << shrink.out;
  EXPECT_LT(std::stoull(m[1]), 20u);
  const std::string smaller = LineValue(shrink.out, "token: ");
  ASSERT_NE(smaller, token);
  const BinaryRun replay = RunPoolcheckBinary({"replay", smaller});
  EXPECT_EQ(replay.exit_code, 1) << replay.err;
  EXPECT_TRUE(absl::StartsWith(replay.out, "FAIL I6 issue31480 pool=async-reset")) << replay.out;
}

TEST(PoolcheckBinary, TracePerfettoWritesATimelineThatParses) {
  // Shows trace --format perfetto -o FILE writes JSON that parses, with a named track per
  // goroutine, running slices on several tracks, pool, driver, blocked, spawn and failure
  // slices, and every flow start matched by a finish.
  const std::string token = LineValue(Explore31480().out, "token: ");
  const std::string path = testing::TempPath("timeline.json");
  const BinaryRun trace = RunPoolcheckBinary({"trace", token, "--format", "perfetto", "-o", path});
  EXPECT_EQ(trace.exit_code, 1) << trace.err;  // the traced run fails
  std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(testing::ReadWholeFile(path));
  ASSERT_TRUE(doc.has_value());
  std::set<double> named, sliced;
  std::set<std::string> slice_cats;
  std::multiset<double> flow_ids;
  for (const testing::JsonValue& e : (*doc)["traceEvents"].array) {
    const std::string& ph = e["ph"].string;
    if (ph == "M" && e["name"].string == "thread_name") named.insert(e["tid"].number);
    if (ph == "X") sliced.insert(e["tid"].number);
    if (ph == "X") slice_cats.insert(e["cat"].string);
    if (ph == "s" || ph == "f") flow_ids.insert(e["id"].number);
  }
  // A track for every goroutine started by the failing step: hundreds of the 500 clients
  // (PCT's change points now spread over the whole run, so the failure can come before
  // the last client starts), main and the pool's goroutines.
  EXPECT_GT(named.size(), 200u);
  EXPECT_GT(sliced.size(), 100u);
  for (const char* cat : {"pool", "driver", "block", "blocked", "spawn", "exit", "FAIL"}) {
    EXPECT_EQ(slice_cats.count(cat), 1u) << cat;
  }
  EXPECT_FALSE(flow_ids.empty());
  for (double id : flow_ids) EXPECT_EQ(flow_ids.count(id), 2u) << id;
}

TEST(PoolcheckBinary, TraceTextHasALanePerGoroutine) {
  // Shows the text format's header names goroutine lanes and the failure appears in a row.
  const std::string token = LineValue(Explore31480().out, "token: ");
  const BinaryRun trace = RunPoolcheckBinary({"trace", token, "--goroutines", "0,1,2"});
  EXPECT_EQ(trace.exit_code, 1) << trace.err;
  const std::string header = trace.out.substr(0, trace.out.find('\n'));
  EXPECT_NE(header.find("|g0 main"), std::string::npos) << header;
  EXPECT_NE(header.find("|g2 "), std::string::npos) << header;
}

TEST(PoolcheckBinary, TraceTextDefaultsToTheInvolvedGoroutinesAndCutsNothing) {
  // Shows that on the tour's 500-client token the text trace shows by default only the
  // goroutines the failure report names (its first line says so and names
  // --goroutines all), that the decisive "marked bad by full resetterCh" event appears
  // whole, that no cell is cut ('~'), and that --goroutines all widens to a lane for each
  // of the run's goroutines.
  const BinaryRun explore = Explore31480();
  const std::string token = LineValue(explore.out, "token: ");
  const BinaryRun trace = RunPoolcheckBinary({"trace", token});
  EXPECT_EQ(trace.exit_code, 1) << trace.err;
  EXPECT_TRUE(absl::StartsWith(trace.out, "lanes: the 6 goroutines the failure involves, of "))
      << trace.out.substr(0, 300);
  EXPECT_NE(trace.out.find("--goroutines all"), std::string::npos);
  EXPECT_LT(trace.out.size(), 2'000'000u);  // was 14 MB with every lane
  EXPECT_EQ(trace.out.find('~'), std::string::npos);
  const size_t header_begin = trace.out.find('\n') + 1;
  const std::string header =
      trace.out.substr(header_begin, trace.out.find('\n', header_begin) - header_begin);
  EXPECT_EQ(std::count(header.begin(), header.end(), '|'), 7) << header;  // 6 lanes
  // The report shows the decisive event, and every word of it is in the trace.
  EXPECT_NE(explore.out.find("marked bad by full resetterCh"), std::string::npos) << explore.out;
  for (const char* word : {"marked", "bad", "by", "full", "resetterCh"}) {
    EXPECT_NE(trace.out.find(word), std::string::npos) << word;
  }
  const BinaryRun all = RunPoolcheckBinary({"trace", token, "--goroutines", "all"});
  EXPECT_EQ(all.exit_code, 1) << all.err;
  // One lane per goroutine of the run: as many as the default's first line counts ("of N"),
  // hundreds of the 500 clients (the failure comes before the last clients start).
  const size_t of = trace.out.find(", of ");
  ASSERT_NE(of, std::string::npos) << trace.out.substr(0, 300);
  const long total = std::strtol(trace.out.c_str() + of + 5, nullptr, 10);
  EXPECT_GT(total, 200);
  const std::string all_header = all.out.substr(0, all.out.find('\n'));
  EXPECT_EQ(std::count(all_header.begin(), all_header.end(), '|'), total + 1) << all_header.size();
}

TEST(PoolcheckBinary, SyncResetPassesTheSameExploration) {
  // Shows the fixed pool passes the same exploration (the 10,000-run version is the long
  // test), with exit 0 and a "passed" summary.
  const BinaryRun run = RunPoolcheckBinary({"explore", "--scenario", "issue31480", "--pool",
                                            "sync-reset", "--strategy", "pct", "--runs", "200"});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(absl::StartsWith(run.out, "passed issue31480 pool=sync-reset strategy=pct")) << run.out;
}

}  // namespace
}  // namespace cli
