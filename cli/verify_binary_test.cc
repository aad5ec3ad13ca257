// End-to-end tests of `poolcheck verify` as a user runs it: each of its endings has its own
// exit code and line. A small fixed-pool configuration is verified (exit 0); the pre-fix
// pool's minimal #31480 configuration under one preemption gives a counterexample whose
// printed token replays to the same I6 failure (exit 1); a budget that runs out says so
// (exit 4, never "verified"); bad input is exit 2 with one line on stderr. Like explore,
// the counterexample's token is kept in the failures directory (the file replays to the
// same failure), --json prints the verdict and counts as a document, and when stderr is
// not a terminal a progress line reports executions, depth and the Knuth estimate.
#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using testing::BinaryRun;
using testing::RunPoolcheckBinary;

std::vector<std::string> Verify31480(const std::string& pool, const std::string& clients,
                                     const std::string& ops) {
  return {"verify", "--scenario", "issue31480", "--pool", pool,
          "--param", "clients=" + clients, "--param", "ops_per_client=" + ops,
          "--param", "max_open=2", "--param", "max_idle=2", "--param", "capacity=1"};
}

TEST(VerifyBinary, ASmallFixedConfigurationIsVerified) {
  const BinaryRun run = RunPoolcheckBinary(Verify31480("sync-reset", "1", "2"));
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(absl::StrContains(run.out, "verified: no invariant violated in ")) << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "covering every interleaving with any number of preemptions")) << run.out;
}

TEST(VerifyBinary, ThePreFixPoolGivesACounterexampleThatReplays) {
  std::vector<std::string> args = Verify31480("async-reset", "2", "2");
  const std::string dir = ::testing::TempDir() + "/verify_failures";
  args.insert(args.end(), {"--preemptions", "1", "--failures-dir", dir});
  const BinaryRun run = RunPoolcheckBinary(args);
  EXPECT_EQ(run.exit_code, 1) << run.err;
  std::string file;
  for (absl::string_view line : absl::StrSplit(run.out, '\n')) {
    if (absl::StartsWith(line, "token file: ")) file = std::string(line.substr(12));
  }
  ASSERT_TRUE(absl::StartsWith(file, dir + "/I6-issue31480-")) << run.out;
  const BinaryRun from_file = RunPoolcheckBinary({"replay", file});
  EXPECT_EQ(from_file.exit_code, 1) << from_file.err;
  EXPECT_TRUE(absl::StartsWith(from_file.out, "FAIL I6 issue31480")) << from_file.out;
  EXPECT_TRUE(absl::StartsWith(run.out, "FAIL I6 issue31480")) << run.out;
  std::string token;
  for (absl::string_view line : absl::StrSplit(run.out, '\n')) {
    if (absl::StartsWith(line, "token: ")) token = std::string(line.substr(7));
  }
  ASSERT_FALSE(token.empty()) << run.out;
  const BinaryRun replay = RunPoolcheckBinary({"replay", token});
  EXPECT_EQ(replay.exit_code, 1) << replay.err;
  EXPECT_TRUE(absl::StartsWith(replay.out, "FAIL I6 issue31480")) << replay.out;
}

TEST(VerifyBinary, AnExhaustedBudgetIsExitFourNotVerified) {
  std::vector<std::string> args = Verify31480("sync-reset", "3", "2");
  args.insert(args.end(), {"--runs", "5"});
  const BinaryRun run = RunPoolcheckBinary(args);
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_TRUE(absl::StartsWith(run.out, "budget exhausted before the tree: 5 executions, ~"))
      << run.out;
  EXPECT_FALSE(absl::StrContains(run.out, "verified:")) << run.out;
}

TEST(VerifyBinary, JsonSummaryCarriesTheVerdict) {
  std::vector<std::string> args = Verify31480("sync-reset", "1", "2");
  args.push_back("--json");
  const BinaryRun verified = RunPoolcheckBinary(args);
  EXPECT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_TRUE(absl::StrContains(verified.out, "\"verdict\":\"verified\"")) << verified.out;
  EXPECT_TRUE(absl::StrContains(verified.out, "\"preemption_bound\":null")) << verified.out;
  EXPECT_TRUE(absl::StartsWith(verified.out, "{\"schema_version\":1,\"command\":\"verify\""))
      << verified.out;

  std::vector<std::string> failing = Verify31480("async-reset", "2", "2");
  failing.insert(failing.end(), {"--preemptions", "1", "--json", "--no-failure-files"});
  const BinaryRun counterexample = RunPoolcheckBinary(failing);
  EXPECT_EQ(counterexample.exit_code, 1) << counterexample.err;
  EXPECT_TRUE(absl::StrContains(counterexample.out, "\"verdict\":\"counterexample\""))
      << counterexample.out;
  EXPECT_TRUE(absl::StrContains(counterexample.out, "\"invariant\":\"I6\""))
      << counterexample.out;
  EXPECT_TRUE(absl::StrContains(counterexample.out, "\"file\":\"\"")) << counterexample.out;
}

TEST(VerifyBinary, ProgressLinesWhenStderrIsNotATerminal) {
  std::vector<std::string> args = Verify31480("sync-reset", "3", "2");
  args.insert(args.end(), {"--time", "2s", "--progress-every", "0.5s"});
  const BinaryRun run = RunPoolcheckBinary(args);
  EXPECT_EQ(run.exit_code, 4) << run.err;
  EXPECT_TRUE(absl::StrContains(run.err, "verify: elapsed ")) << run.err;
  EXPECT_TRUE(absl::StrContains(run.err, ", depth ")) << run.err;
  EXPECT_TRUE(absl::StrContains(run.err, ", remaining ~")) << run.err;
}

TEST(VerifyBinary, ClockAdvancesFindTheTxCancelBug) {
  // Shows `--advances` explores clock advances and that a decision whose goroutines would
  // all only queue (a WaitGroup.Wait, a Lock of a held mutex) stays forced when an advance
  // is offered: without that, DPOR dropped every run past such a decision once the run's
  // advances were spent and called tx_cancel "verified" after 29 executions, missing the
  // go#34775 failure (I11) that it finds with the fix.
  const BinaryRun run = RunPoolcheckBinary({"verify", "--scenario", "tx_cancel", "--param",
                                            "clients=1", "--advances", "1",
                                            "--no-failure-files"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_TRUE(absl::StrContains(run.out, "I11")) << run.out;
  EXPECT_TRUE(absl::StrContains(run.out, "dpor:advances=1")) << run.out;
}

TEST(VerifyBinary, BadInputIsOneLineAndExitTwo) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"verify"},
        std::vector<std::string>{"verify", "--scenario", "nope"},
        std::vector<std::string>{"verify", "--scenario", "issue31480", "--preemptions", "x"},
        std::vector<std::string>{"verify", "--scenario", "issue31480", "--advances", "-1"},
        std::vector<std::string>{"verify", "--scenario", "issue31480", "--pool", "nope"},
        std::vector<std::string>{"verify", "--scenario", "issue31480", "--no-failure-files",
                                 "--failures-dir", "x"}}) {
    const BinaryRun run = RunPoolcheckBinary(args);
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
}

}  // namespace
}  // namespace cli
