// End-to-end tests of `poolcheck verify` as a user runs it: each of its endings has its own
// exit code and line. A small fixed-pool configuration is verified (exit 0); the pre-fix
// pool's minimal #31480 configuration under one preemption gives a counterexample whose
// printed token replays to the same I6 failure (exit 1); a budget that runs out says so
// (exit 4, never "verified"); bad input is exit 2 with one line on stderr.
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
  EXPECT_TRUE(absl::StrContains(run.out, "up to bound unbounded")) << run.out;
}

TEST(VerifyBinary, ThePreFixPoolGivesACounterexampleThatReplays) {
  std::vector<std::string> args = Verify31480("async-reset", "2", "2");
  args.insert(args.end(), {"--preemptions", "1"});
  const BinaryRun run = RunPoolcheckBinary(args);
  EXPECT_EQ(run.exit_code, 1) << run.err;
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

TEST(VerifyBinary, BadInputIsOneLineAndExitTwo) {
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"verify"},
        std::vector<std::string>{"verify", "--scenario", "nope"},
        std::vector<std::string>{"verify", "--scenario", "issue31480", "--preemptions", "x"},
        std::vector<std::string>{"verify", "--scenario", "issue31480", "--pool", "nope"}}) {
    const BinaryRun run = RunPoolcheckBinary(args);
    EXPECT_EQ(run.exit_code, 2) << run.err;
    EXPECT_EQ(std::count(run.err.begin(), run.err.end(), '\n'), 1) << run.err;
  }
}

}  // namespace
}  // namespace cli
