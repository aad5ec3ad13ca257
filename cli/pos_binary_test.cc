// End-to-end tests of POS (sim/strategies/pos.h) in the poolcheck binary: `list` names it,
// `explore --strategy pos` finds golang/go#31480 on async-reset, and the token it prints
// replays (`poolcheck replay`) to the same report byte for byte.
#include <regex>
#include <string>

#include "absl/strings/match.h"
#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

using testing::BinaryRun;
using testing::LineValue;
using testing::RunPoolcheckBinary;

TEST(PosBinary, ListNamesPos) {
  // Shows `poolcheck list` has a strategy line for pos with its summary.
  const BinaryRun run = RunPoolcheckBinary({"list"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\n  pos                    partial-order sampling"), std::string::npos)
      << run.out;
}

TEST(PosBinary, FindsIssue31480AndItsTokenReplaysByteForByte) {
  // Shows POS exploring the reporter's #31480 workload on async-reset exits 1 with an I6
  // report naming strategy=pos, and `poolcheck replay <token>` exits 1 printing exactly
  // the report explore printed (explore adds only its summary after a blank line).
  const BinaryRun explore = RunPoolcheckBinary(
      {"explore", "--scenario", "issue31480", "--pool", "async-reset", "--strategy", "pos",
       "--runs", "100", "--seed", "1", "--no-failure-files"});
  ASSERT_EQ(explore.exit_code, 1) << explore.out << explore.err;
  const std::string first_line = explore.out.substr(0, explore.out.find('\n'));
  EXPECT_TRUE(std::regex_match(first_line, std::regex(
      "FAIL I6 issue31480 pool=async-reset strategy=pos seed=1 run=\\d+ step=\\d+")))
      << first_line;
  const std::string token = LineValue(explore.out, "token: ");
  ASSERT_TRUE(absl::StartsWith(token, "pc1.")) << explore.out;
  const BinaryRun replay = RunPoolcheckBinary({"replay", token});
  EXPECT_EQ(replay.exit_code, 1) << replay.err;
  ASSERT_FALSE(replay.out.empty());
  EXPECT_EQ(explore.out.substr(0, replay.out.size()), replay.out);
  EXPECT_EQ(explore.out.substr(replay.out.size(), 1), "\n");
}

}  // namespace
}  // namespace cli
