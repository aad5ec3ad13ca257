// Shows `poolcheck replay` accepts the token a failing ported Go test prints: the Go test
// GoSqlTest.MaxOpenConns fails in model_mutant_tests on the ignore-max-open mutant and
// prints a pc1 token; the shipped poolcheck, given that token, hands it to the test binary
// beside it, which reruns exactly that run (exit 1, "reproduced the token's run exactly").
// A Go-test token whose binary is missing is one line and exit 2.
#include <algorithm>
#include <cstdlib>
#include <string>

#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"
#include "sim/token.h"

namespace cli {
namespace {

using testing::BinaryRun;
using testing::RunBinary;

// The token after "POOLCHECK_GOTEST_TOKEN=" in `text`, or "".
std::string PrintedGoTestToken(const std::string& text) {
  const std::string key = "POOLCHECK_GOTEST_TOKEN=";
  const size_t at = text.find(key + "pc");
  if (at == std::string::npos) return "";
  const size_t start = at + key.size();
  return text.substr(start, text.find_first_of(" \n", start) - start);
}

TEST(ReplayGoTestToken, ReplayRerunsTheFailingRunOfAPortedGoTest) {
  const BinaryRun failed =
      RunBinary(MODEL_MUTANT_TESTS_BIN, {"--gtest_filter=GoSqlTest.MaxOpenConns"}, 600,
                {"POOLCHECK_GOTEST_MUTATION=ignore-max-open"});
  ASSERT_EQ(failed.exit_code, 1) << failed.out << failed.err;
  const std::string token = PrintedGoTestToken(failed.out);
  ASSERT_FALSE(token.empty()) << failed.out;
  const BinaryRun replayed = RunBinary(POOLCHECK_BIN, {"replay", token});
  EXPECT_EQ(replayed.exit_code, 1) << replayed.out << replayed.err;
  EXPECT_NE(replayed.out.find("GoSqlTest.MaxOpenConns"), std::string::npos) << replayed.out;
  EXPECT_NE(replayed.out.find("reproduced the token's run exactly"), std::string::npos)
      << replayed.out;
}

TEST(ReplayGoTestToken, ATestBinaryThatIsNotThereIsOneLine) {
  sim::ReplayToken token;
  token.meta["gotest"] = "GoSqlTest.MaxOpenConns";
  token.meta["pool"] = "sync-reset";
  token.strategy = "random";
  token.run_seed = 1;
  const std::string copy = testing::TempPath("poolcheck");
  ASSERT_EQ(std::system(("cp " + testing::ShellQuote(POOLCHECK_BIN) + " " +
                         testing::ShellQuote(copy)).c_str()),
            0);
  const BinaryRun replayed = RunBinary(copy, {"replay", sim::EncodeToken(token)});
  EXPECT_EQ(replayed.exit_code, 2) << replayed.out << replayed.err;
  EXPECT_NE(replayed.err.find("ported Go test GoSqlTest.MaxOpenConns"), std::string::npos)
      << replayed.err;
  EXPECT_EQ(std::count(replayed.err.begin(), replayed.err.end(), '\n'), 1) << replayed.err;
}

}  // namespace
}  // namespace cli
