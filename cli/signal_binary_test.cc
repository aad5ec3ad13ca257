// End-to-end tests of SIGINT/SIGTERM during `poolcheck explore` (issue 12): the binary is
// started with a long time budget and signalled after it has made progress; it must stop
// its workers, print the summary, write its JUnit and failure files for the runs done and
// exit 130 (SIGINT) / 143 (SIGTERM), or 1 when a run had already failed.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cli/testing/run_binary.h"
#include "gtest/gtest.h"

namespace cli {
namespace {

struct Signalled {
  int exit_code = -1;
  std::string out;
};

// Runs the binary with `args`, sends `sig` after `after_ms`, and waits (at most 60 s).
Signalled RunAndSignal(const std::vector<std::string>& args, int sig, int after_ms) {
  const std::string out_path = testing::TempPath("sig_stdout");
  const pid_t pid = fork();
  if (pid == 0) {
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int null = open("/dev/null", O_RDWR);
    dup2(out, 1);
    dup2(null, 2);
    dup2(null, 0);
    std::vector<char*> argv = {const_cast<char*>(POOLCHECK_BIN)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(POOLCHECK_BIN, argv.data());
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(after_ms));
  kill(pid, sig);
  int status = 0;
  for (int waited = 0; waited < 600; ++waited) {
    if (waitpid(pid, &status, WNOHANG) == pid) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (waited == 599) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
  }
  Signalled s;
  s.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  s.out = testing::ReadWholeFile(out_path);
  return s;
}

TEST(ExploreSignals, SigintStopsPrintsTheSummaryAndWritesJUnit) {
  // Shows a SIGINT one second into a 60 s exploration (one process, then two workers with
  // SIGTERM) ends it within the test's wait with exit 130 / 143, an "INTERRUPTED" summary
  // counting the runs done, and a JUnit file whose testcase is an error, not a pass.
  for (const auto& [sig, jobs, code] : {std::tuple{SIGINT, "1", 130}, std::tuple{SIGTERM, "2", 143}}) {
    const std::string junit = testing::TempPath("sig.xml");
    const Signalled run = RunAndSignal(
        {"explore", "--scenario", "issue31480", "--pool", "sync-reset", "--strategy", "random",
         "--param", "clients=20", "--time", "60s", "--jobs", jobs, "--junit", junit,
         "--no-failure-files"},
        sig, 1000);
    EXPECT_EQ(run.exit_code, code) << run.out;
    EXPECT_EQ(run.out.rfind(sig == SIGINT ? "INTERRUPTED by SIGINT issue31480"
                                          : "INTERRUPTED by SIGTERM issue31480", 0), 0u)
        << run.out;
    EXPECT_EQ(run.out.find(": 0 runs"), std::string::npos) << run.out;
    const std::string xml = testing::ReadWholeFile(junit);
    EXPECT_NE(xml.find("<error type=\"interrupted\""), std::string::npos) << xml;
  }
}

TEST(ExploreSignals, FailuresFoundBeforeTheSignalAreKept) {
  // Shows a --keep-going exploration of the pre-fix pool that has found failures when
  // SIGINT arrives still exits 1, prints the first failure's report and token, and has
  // written its failure file.
  const std::string dir = testing::TempPath("sig_failures");
  const Signalled run = RunAndSignal(
      {"explore", "--scenario", "issue31480", "--pool", "async-reset", "--strategy", "pct",
       "--param", "clients=8", "--param", "capacity=1", "--param", "max_open=2", "--time",
       "60s", "--keep-going", "--failures-dir", dir},
      SIGINT, 1000);
  EXPECT_EQ(run.exit_code, 1) << run.out;
  EXPECT_EQ(run.out.rfind("FAIL I6 issue31480", 0), 0u) << run.out.substr(0, 200);
  EXPECT_NE(run.out.find("\ntoken: pc1."), std::string::npos);
  ASSERT_TRUE(std::filesystem::exists(dir));
  EXPECT_FALSE(std::filesystem::is_empty(dir));
}

}  // namespace
}  // namespace cli
