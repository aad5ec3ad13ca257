// Shows POOLCHECK_GOTEST_MUTATION working in model_mutant_tests, the ported Go tests
// compiled against the mutant pool: this binary reruns itself on one ported test, which
// passes without the setting and fails with POOLCHECK_GOTEST_MUTATION=ignore-max-open,
// its report naming the mutation. (CTest runs only these tests of this binary; the
// ported tests themselves run in model_tests.)
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "gtest/gtest.h"

namespace model::gotest {
namespace {

// The ported Go test that catches ignore-max-open (it counts the conns the pool opens).
constexpr char kCatchingTest[] = "GoSqlTest.MaxOpenConns";

struct SelfRun {
  int exit_code = -1;
  std::string output;
};

// Runs this test binary on `filter` with `env` ("NAME=value" or empty) in front.
SelfRun RunSelf(const std::string& env, const std::string& filter) {
  char self[4096] = {};
  const ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
  EXPECT_GT(n, 0) << "cannot find this binary";
  const std::string out_path =
      ::testing::TempDir() + "gotest_mutation_" + std::to_string(getpid()) + ".txt";
  const std::string command = "env -u POOLCHECK_GOTEST_MUTATION " + env + " timeout 600 '" +
                              std::string(self) + "' --gtest_filter='" + filter + "' >'" +
                              out_path + "' 2>&1 </dev/null";
  const int status = std::system(command.c_str());
  SelfRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  std::ifstream in(out_path);
  std::ostringstream text;
  text << in.rdbuf();
  run.output = text.str();
  std::remove(out_path.c_str());
  return run;
}

TEST(GoTestMutantBuild, EnvMutationMakesAPortedTestFail) {
  // Shows the knob reaches the pool here: the same ported test passes on the unmutated
  // pool and fails on ignore-max-open; the failure prints a token that carries the
  // mutation, and rerunning that token alone (no POOLCHECK_GOTEST_MUTATION) reproduces
  // the failing run exactly.
  const SelfRun clean = RunSelf("", kCatchingTest);
  EXPECT_EQ(clean.exit_code, 0) << clean.output;
  EXPECT_NE(clean.output.find("[  PASSED  ] 1 test"), std::string::npos) << clean.output;
  const SelfRun broken = RunSelf("POOLCHECK_GOTEST_MUTATION=ignore-max-open", kCatchingTest);
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  const std::string key = "POOLCHECK_GOTEST_TOKEN=";
  const size_t at = broken.output.find(key);
  ASSERT_NE(at, std::string::npos) << broken.output;
  const size_t start = at + key.size();
  const std::string token =
      broken.output.substr(start, broken.output.find_first_of(" \n", start) - start);
  const SelfRun rerun = RunSelf(key + "'" + token + "'", kCatchingTest);
  EXPECT_EQ(rerun.exit_code, 1) << rerun.output;
  EXPECT_NE(rerun.output.find("ignore-max-open"), std::string::npos) << rerun.output;
  EXPECT_NE(rerun.output.find("reproduced the token's run exactly"), std::string::npos)
      << rerun.output;
}

}  // namespace
}  // namespace model::gotest
