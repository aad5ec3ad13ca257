// End-to-end tests of what explore leaves behind for people and CI (issue 12, "nothing
// lost, nothing falsely green" and "CI conventions"), each by running the built binary:
// zero runs is exit 4; failed writes print the finding first and keep its exit code;
// stdout that cannot be written is never exit 0; no file is overwritten; every failure
// lands in the failures directory; --keep-going lists every distinct failure with a
// token; --version and the build id in tokens and JSON; list --json; shards from CI
// environment variables and `poolcheck merge` equal to the unsharded summary; progress
// lines on a non-terminal stderr with the shard's own total.
#include <filesystem>
#include <fstream>
#include <regex>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "cli/testing/json_value.h"
#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"
#include "model/sql/pool_version.h"
#include "sim/token.h"

namespace cli {
namespace {

using testing::BinaryRun;
using testing::RunPoolcheckBinary;
using Args = std::vector<std::string>;

// #31480 at a small scale: async-reset (before the fix) fails within a few runs, in well under a second.
const Args kSmall31480Base = {"explore", "--scenario", "issue31480", "--pool", "async-reset",
                              "--strategy", "pct", "--param", "clients=8", "--param",
                              "capacity=1", "--param", "max_open=2"};

Args With(Args base, const Args& extra) {
  base.insert(base.end(), extra.begin(), extra.end());
  return base;
}

const Args kSmall31480 = With(kSmall31480Base, {"--runs", "200"});

std::string LineValue(const std::string& text, const std::string& prefix) {
  for (absl::string_view line : absl::StrSplit(text, '\n')) {
    if (absl::StartsWith(line, prefix)) return std::string(line.substr(prefix.size()));
  }
  return "";
}

std::string FreshDir(const std::string& name) {
  const std::string dir = testing::TempPath(name);
  std::filesystem::create_directories(dir);
  return dir;
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(ExploreOutput, ABudgetThatRanNothingIsNotAPass) {
  // Shows --time 1ns starts no run and exits 4 with "NO RUNS" (text) or status "no_runs"
  // and passed=false (JSON), never 0 with "passed".
  const BinaryRun text = RunPoolcheckBinary({"explore", "--scenario", "issue31480", "--time",
                                             "1ns", "--no-failure-files"});
  EXPECT_EQ(text.exit_code, 4) << text.out << text.err;
  EXPECT_TRUE(absl::StartsWith(text.out, "NO RUNS issue31480")) << text.out;
  const BinaryRun json = RunPoolcheckBinary({"explore", "--scenario", "issue31480", "--time",
                                             "1ns", "--json", "--no-failure-files"});
  EXPECT_EQ(json.exit_code, 4);
  std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(json.out);
  ASSERT_TRUE(doc.has_value()) << json.out;
  EXPECT_EQ((*doc)["status"].string, "no_runs");
  EXPECT_FALSE((*doc)["passed"].boolean);
}

TEST(ExploreOutput, AFailedWritePrintsTheFindingFirstAndKeepsItsExitCode) {
  // Shows that when --junit, --save-failure and the failures directory cannot be written
  // (a missing directory), the report and token are still printed in full, each write
  // error follows as one stderr line, and the exit code is the failure's (1), not 2.
  const Args args = With(kSmall31480, {"--junit", "/nonexistent/dir/r.xml", "--save-failure",
                                       "/nonexistent/dir/t.token", "--failures-dir",
                                       "/proc/nonexistent-failures"});
  const BinaryRun run = RunPoolcheckBinary(args);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_TRUE(absl::StartsWith(run.out, "FAIL I6 issue31480")) << run.out;
  const std::string token = LineValue(run.out, "token: ");
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(LineValue(run.out, "replay: poolcheck replay "), token);  // not the unwritten file
  EXPECT_EQ(testing::LineCount(run.err), 3u) << run.err;
  EXPECT_NE(run.err.find("cannot write '/nonexistent/dir/r.xml'"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("cannot write '/nonexistent/dir/t.token'"), std::string::npos);
  EXPECT_NE(run.err.find("failures directory"), std::string::npos);
  EXPECT_EQ(RunPoolcheckBinary({"replay", token}).exit_code, 1);
}

TEST(ExploreOutput, ShrinkSaveFailurePrintsTheSmallerRunFirst) {
  // Shows shrink --save into a missing directory still prints the shrunk report and its
  // token, then one error line, and exits 1 (the failure), not 2.
  const BinaryRun found = RunPoolcheckBinary(With(kSmall31480, {"--no-failure-files"}));
  const std::string token = LineValue(found.out, "token: ");
  ASSERT_FALSE(token.empty());
  const BinaryRun shrink = RunPoolcheckBinary({"shrink", token, "--max-runs", "50", "--save",
                                               "/nonexistent/dir/small.token"});
  EXPECT_EQ(shrink.exit_code, 1) << shrink.err;
  EXPECT_NE(shrink.out.find("\ntoken: pc1."), std::string::npos) << shrink.out;
  EXPECT_EQ(testing::LineCount(shrink.err), 1u) << shrink.err;
  EXPECT_NE(shrink.err.find("cannot write '/nonexistent/dir/small.token'"), std::string::npos);
}

TEST(ExploreOutput, StdoutThatCannotBeWrittenIsNeverSuccess) {
  // Shows --json into a full device (/dev/full) exits 5 with one stderr line when nothing
  // failed, and keeps exit 1 when a run failed; list into /dev/full is 5 too.
  const BinaryRun pass = RunPoolcheckBinary(
      {"explore", "--scenario", "issue31480", "--runs", "3", "--json", "--no-failure-files"},
      300, {}, "/dev/full");
  EXPECT_EQ(pass.exit_code, 5) << pass.err;
  EXPECT_EQ(pass.err, "poolcheck: cannot write standard output\n");
  const BinaryRun fail = RunPoolcheckBinary(With(kSmall31480, {"--json", "--no-failure-files"}),
                                            300, {}, "/dev/full");
  EXPECT_EQ(fail.exit_code, 1) << fail.err;
  EXPECT_EQ(RunPoolcheckBinary({"list"}, 60, {}, "/dev/full").exit_code, 5);
}

TEST(ExploreOutput, SaveFailureNeverOverwritesAnotherFile) {
  // Shows --save-failure onto an existing file with other contents leaves that file as it
  // was, prints the finding (replayable from the printed token) and then the refusal; onto
  // a file that already holds the same token it is quietly fine.
  const std::string path = testing::TempPath("precious.token");
  WriteFile(path, "my notes\n");
  const BinaryRun run = RunPoolcheckBinary(
      With(kSmall31480, {"--save-failure", path, "--no-failure-files"}));
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(testing::ReadWholeFile(path), "my notes\n");
  EXPECT_NE(run.err.find("already exists"), std::string::npos) << run.err;
  EXPECT_FALSE(LineValue(run.out, "token: ").empty());
  std::filesystem::remove(path);
  const Args save = With(kSmall31480, {"--save-failure", path, "--no-failure-files"});
  ASSERT_EQ(RunPoolcheckBinary(save).exit_code, 1);
  const BinaryRun again = RunPoolcheckBinary(save);
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(again.err, "");
  EXPECT_EQ(LineValue(again.out, "replay: poolcheck replay "), path);
}

TEST(ExploreOutput, EveryFailureIsWrittenToTheFailuresDirectoryByContent) {
  // Shows a failing exploration writes its token into --failures-dir under a content name
  // (invariant-scenario-hash.token) that replays the failure; rerunning it finds the same
  // file (still one), and the file a different exploration would write never replaces it.
  const std::string dir = FreshDir("failures");
  const Args args = With(kSmall31480, {"--failures-dir", dir});
  const BinaryRun run = RunPoolcheckBinary(args);
  ASSERT_EQ(run.exit_code, 1) << run.err;
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    files.push_back(entry.path().filename().string());
  }
  ASSERT_EQ(files.size(), 1u);
  EXPECT_TRUE(std::regex_match(files[0], std::regex("I6-issue31480-[0-9a-f]{16}\\.token")))
      << files[0];
  const std::string path = dir + "/" + files[0];
  EXPECT_NE(testing::ReadWholeFile(path).find(LineValue(run.out, "token: ")), std::string::npos);
  EXPECT_EQ(RunPoolcheckBinary({"replay", path}).exit_code, 1);
  EXPECT_EQ(RunPoolcheckBinary(args).exit_code, 1);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir),
                          std::filesystem::directory_iterator{}), 1);
  const BinaryRun other = RunPoolcheckBinary(With(args, {"--seed", "2"}));
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_NE(testing::ReadWholeFile(path).find(LineValue(run.out, "token: ")), std::string::npos);
}

TEST(ExploreOutput, KeepGoingReportsEveryDistinctFailureWithATokenInEveryFormat) {
  // Shows --keep-going lists the distinct failures (invariant, where, what broke) with
  // their run counts, first run and a token that replays it, in the text output, the JSON
  // (failure_groups) and the JUnit failure body; the counts add up to the failures.
  const std::string junit = testing::TempPath("keep.xml");
  const Args args = With(kSmall31480, {"--keep-going", "--no-failure-files", "--junit", junit});
  const BinaryRun text = RunPoolcheckBinary(args);
  ASSERT_EQ(text.exit_code, 1) << text.err;
  EXPECT_NE(text.out.find("\ndistinct failures (1):\n  I6 at "), std::string::npos) << text.out;
  const std::string group_token = LineValue(text.out, "    token: ");
  ASSERT_FALSE(group_token.empty());
  EXPECT_EQ(RunPoolcheckBinary({"replay", group_token}).exit_code, 1);
  EXPECT_NE(testing::ReadWholeFile(junit).find("token " + group_token), std::string::npos);
  const BinaryRun json = RunPoolcheckBinary(With(args, {"--json"}));
  std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(json.out);
  ASSERT_TRUE(doc.has_value());
  const auto& groups = (*doc)["failure_groups"].array;
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0]["invariant"].string, "I6");
  EXPECT_EQ(groups[0]["token"].string, group_token);
  EXPECT_EQ(groups[0]["runs"].number, (*doc)["failures"].number);
  EXPECT_GT(groups[0]["runs"].number, 1);
  EXPECT_FALSE(groups[0]["what"].string.empty());
}

TEST(ExploreOutput, VersionAndTheBuildInTokensAndJson) {
  // Shows --version names the build, the JSON summary and tokens carry the same source
  // id, and a token from another build that does not replay says which build made it.
  const BinaryRun version = RunPoolcheckBinary({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  std::smatch m;
  ASSERT_TRUE(std::regex_match(version.out, m, std::regex("poolcheck (\\S+) \\(.*\\)\n")))
      << version.out;
  const std::string build = m[1];
  const BinaryRun run = RunPoolcheckBinary(With(kSmall31480, {"--json", "--no-failure-files"}));
  std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(run.out);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ((*doc)["build"].string, build);
  absl::StatusOr<sim::ReplayToken> token =
      sim::DecodeToken((*doc)["first_failure"]["token"].string);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->meta.at("build"), build);
  token->meta["build"] = "0123456789ab-elsewhere";
  token->steps += 1;  // as if that build's pool took another step
  const BinaryRun replay = RunPoolcheckBinary({"replay", sim::EncodeToken(*token)});
  EXPECT_EQ(replay.exit_code, 2);
  EXPECT_NE(replay.err.find("made by build 0123456789ab-elsewhere, this is build " + build),
            std::string::npos)
      << replay.err;
}

TEST(ExploreOutput, ListJsonForCiMatrices) {
  // Shows list --json is one JSON object with a schema version and lists of scenarios
  // (with parameters), strategies, pool versions and known bugs.
  const BinaryRun run = RunPoolcheckBinary({"list", "--json"});
  EXPECT_EQ(run.exit_code, 0);
  std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(run.out);
  ASSERT_TRUE(doc.has_value()) << run.out;
  EXPECT_EQ((*doc)["schema_version"].number, 1);
  bool found = false;
  for (const testing::JsonValue& s : (*doc)["scenarios"].array) {
    if (s["name"].string == "issue31480") found = !s["params"].array.empty();
  }
  EXPECT_TRUE(found);
  EXPECT_EQ((*doc)["pools"].array.size(), model::sql::AllPoolVersions().size());
  EXPECT_GE((*doc)["strategies"].array.size(), 4u);
  EXPECT_GE((*doc)["known_bugs"].array.size(), 2u);
  for (const testing::JsonValue& bug : (*doc)["known_bugs"].array) {
    if (bug["name"].string == "last-retry-waits-beside-idle") {
      EXPECT_EQ(bug["confirmed_by"].string, "confirm/last_retry_waits (Go 1.19.8)");
    }
  }
}

// The summary without the fields a merge cannot reproduce (wall time, worker count).
std::string Comparable(const std::string& json) {
  return std::regex_replace(json, std::regex("\"(elapsed_s|jobs)\":[0-9.]+,"), "");
}

TEST(ExploreOutput, ShardsFromCiEnvironmentsMergeIntoTheUnshardedSummary) {
  // Shows the three CI conventions pick the shard (gtest's, Bazel's, and a Kubernetes
  // completion index with POOLCHECK_TOTAL_SHARDS), Bazel's shard status file is touched,
  // and `poolcheck merge` of the three --json summaries is exactly the unsharded summary
  // (but wall time and jobs), failures and their tokens, coverage, residual risk and
  // saturation curve included; a missing or repeated shard is bad input.
  const Args unsharded_args = With(kSmall31480Base, {"--runs", "90", "--keep-going", "--json",
                                                     "--no-failure-files"});
  const BinaryRun unsharded = RunPoolcheckBinary(unsharded_args);
  ASSERT_EQ(unsharded.exit_code, 1) << unsharded.err;
  const std::string status_file = testing::TempPath("shard_status");
  const std::vector<std::vector<std::string>> envs = {
      {"GTEST_SHARD_INDEX=0", "GTEST_TOTAL_SHARDS=3"},
      {"TEST_SHARD_INDEX=1", "TEST_TOTAL_SHARDS=3", "TEST_SHARD_STATUS_FILE=" + status_file},
      {"JOB_COMPLETION_INDEX=2", "POOLCHECK_TOTAL_SHARDS=3"}};
  std::vector<std::string> files;
  for (const auto& env : envs) {
    const BinaryRun shard = RunPoolcheckBinary(unsharded_args, 300, env);
    files.push_back(testing::TempPath("shard.json"));
    WriteFile(files.back(), shard.out);
    std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(shard.out);
    ASSERT_TRUE(doc.has_value()) << shard.err;
    EXPECT_EQ((*doc)["shard"]["count"].number, 3);
  }
  EXPECT_TRUE(std::filesystem::exists(status_file));
  const BinaryRun merged = RunPoolcheckBinary({"merge", files[2], files[0], files[1]});
  EXPECT_EQ(merged.exit_code, 1) << merged.err;
  EXPECT_EQ(Comparable(merged.out), Comparable(unsharded.out));
  EXPECT_EQ(RunPoolcheckBinary({"merge", files[0], files[1]}).exit_code, 2);
  EXPECT_EQ(RunPoolcheckBinary({"merge", files[0], files[1], files[1]}).exit_code, 2);
  const BinaryRun half = RunPoolcheckBinary(unsharded_args, 60, {"GTEST_SHARD_INDEX=0"});
  EXPECT_EQ(half.exit_code, 2);
  EXPECT_NE(half.err.find("GTEST_TOTAL_SHARDS"), std::string::npos) << half.err;
  EXPECT_EQ(RunPoolcheckBinary(unsharded_args, 60, {"TEST_SHARD_INDEX=3", "TEST_TOTAL_SHARDS=3"})
                .exit_code, 2);
}

TEST(ExploreOutput, ProgressLinesOnANonTerminalWithTheShardsOwnTotal) {
  // Shows that with stderr not a terminal, a progress line comes every --progress-every
  // (elapsed, execs done of the shard's own total, execs/s), and the total of shard 1/4 of
  // 12,000 runs is 3,000 (enough runs to last over a second).
  const BinaryRun run = RunPoolcheckBinary(
      {"explore", "--scenario", "issue31480", "--pool", "sync-reset", "--strategy", "random",
       "--param", "clients=20", "--runs", "12000", "--shard", "1/4", "--progress-every", "0.2s",
       "--no-failure-files"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_GE(testing::LineCount(run.err), 2u) << run.err;
  EXPECT_TRUE(std::regex_search(
      run.err, std::regex("^explore: elapsed \\d+s, execs \\d+/3000 \\(\\d+/s\\), failing 0, "
                          "distinct \\d+\n")))
      << run.err;
}

TEST(ExploreOutput, AKnownBugAllowanceCoversTheDeadlockItLeaves) {
  // Shows the case: bad_conn_on_reuse (random, seed 1, 2,000 runs) strictly fails
  // at run 1051 with I3, the last-retry bug itself; allowing only another bug still fails
  // there; with --allow-known-bug all the run's deadlock is attributed to that bug: the
  // exploration passes and says so in the summary and the JSON.
  const Args args = {"explore", "--scenario", "bad_conn_on_reuse", "--strategy", "random",
                     "--seed", "1", "--runs", "2000", "--no-failure-files"};
  const BinaryRun strict = RunPoolcheckBinary(args);
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_EQ(strict.out.rfind("FAIL I3 bad_conn_on_reuse pool=sync-reset strategy=random seed=1 run=1051 ", 0), 0u)
      << strict.out.substr(0, 200);
  EXPECT_EQ(RunPoolcheckBinary(With(args, {"--allow-known-bug", "tx-stmt-after-cancel-rollback"}))
                .exit_code, 1);
  const BinaryRun allowed = RunPoolcheckBinary(With(args, {"--allow-known-bug", "all"}));
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out;
  EXPECT_NE(allowed.out.find("0 failing, 1 deadlocking as the allowed known bugs leave them "
                             "(first run 1051)"), std::string::npos) << allowed.out;
  const BinaryRun json = RunPoolcheckBinary(With(args, {"--allow-known-bug", "all", "--json"}));
  std::optional<testing::JsonValue> doc = testing::JsonParser::Parse(json.out);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ((*doc)["known_bug_consequences"].number, 1);
  EXPECT_EQ((*doc)["known_bug_panics"].number, 0);  // it deadlocked
  EXPECT_EQ((*doc)["first_known_bug_consequence_run"].number, 1051);
  EXPECT_TRUE((*doc)["passed"].boolean);
}

}  // namespace
}  // namespace cli
