// Replaying a ported Go test's token through its test binary; see replay_gotest.h.
#include "cli/replay_gotest.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <vector>

#include "absl/strings/str_cat.h"

namespace cli {
namespace {

// The Go-test binary that ran `token`: build/model/<binary> beside build/cli/poolcheck.
std::filesystem::path GoTestBinary(const sim::ReplayToken& token) {
  std::error_code error;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  const char* name = token.meta.contains("mutation") ? "model_mutant_tests" : "model_tests";
  return self.parent_path().parent_path() / "model" / name;
}

// Runs `binary` with the token in its environment; its exit code (3 if it did not exit).
int RunGoTestBinary(const std::filesystem::path& binary, const std::string& test,
                    const std::string& token_text) {
  std::fflush(nullptr);
  const pid_t pid = fork();
  if (pid < 0) return kExitInternal;
  if (pid == 0) {
    setenv("POOLCHECK_GOTEST_TOKEN", token_text.c_str(), 1);
    const std::string filter = "--gtest_filter=" + test;
    execl(binary.c_str(), binary.c_str(), filter.c_str(), "--gtest_brief=1",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int wstatus = 0;
  while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : kExitInternal;
}

}  // namespace

std::optional<int> ReplayGoTestToken(const sim::ReplayToken& token, CommandIo& io) {
  auto test = token.meta.find("gotest");
  if (test == token.meta.end()) return std::nullopt;
  const std::filesystem::path binary = GoTestBinary(token);
  if (access(binary.c_str(), X_OK) != 0) {
    io.err << "poolcheck: the token is of ported Go test " << test->second << ", whose binary "
           << binary.string() << " is not beside this poolcheck; rerun it with "
           << "POOLCHECK_GOTEST_TOKEN=<the token> <that binary> --gtest_filter=" << test->second
           << "\n";
    return kExitBadInput;
  }
  io.out.flush();
  const int code = RunGoTestBinary(binary, test->second, sim::EncodeToken(token));
  if (code == 127) {
    io.err << "poolcheck: cannot run " << binary.string() << "\n";
    return kExitInternal;
  }
  return code == 0 ? kExitOk : code == 1 ? kExitFailure : kExitInternal;
}

}  // namespace cli
