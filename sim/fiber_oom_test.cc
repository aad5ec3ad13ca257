// Shows running out of memory for fiber stacks is one line on stderr and exit code 3 (the
// internal-error code), not an abort that explore would report as a crash of the run: a
// forked child lowers its address-space limit and starts goroutines until a stack cannot
// be mapped.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "sim/chan.h"
#include "sim/go.h"
#include "sim/testing/run_helpers.h"

namespace sim {
namespace {

// Starts goroutines that each block on a channel nobody sends on, so none returns its
// stack, until the process runs out of address space.
void ExhaustStacks() {
  rlimit limit{};
  getrlimit(RLIMIT_AS, &limit);
  limit.rlim_cur = 1ull << 30;  // 1 GiB: far below 200,000 fiber stacks
  setrlimit(RLIMIT_AS, &limit);
  (void)testing::RunCooperative([] {
    Chan<int> never = Chan<int>::Make();
    for (int i = 0; i < 200000; ++i) {
      Go("holder", [never]() mutable { (void)never.Recv(); });
      testing::LetOthersRunUntilBlocked();
    }
  });
}

TEST(FiberOom, IsOneLineAndExitCode3) {
#if defined(__SANITIZE_ADDRESS__) || defined(POOLCHECK_ASAN)
  GTEST_SKIP() << "an address-space limit breaks AddressSanitizer's shadow memory";
#endif
  const std::string err_path = ::testing::TempDir() + "fiber_oom_" + std::to_string(getpid());
  const pid_t pid = fork();
  if (pid == 0) {
    std::freopen(err_path.c_str(), "w", stderr);
    ExhaustStacks();
    _exit(0);
  }
  int wstatus = 0;
  waitpid(pid, &wstatus, 0);
  std::ifstream in(err_path);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string err = text.str();
  ASSERT_TRUE(WIFEXITED(wstatus)) << "killed by signal " << WTERMSIG(wstatus) << ": " << err;
  EXPECT_EQ(WEXITSTATUS(wstatus), 3) << err;
  EXPECT_EQ(err.rfind("poolcheck: out of memory for a fiber stack", 0), 0u) << err;
  EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1) << err;
}

}  // namespace
}  // namespace sim
