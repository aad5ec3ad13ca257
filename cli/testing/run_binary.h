// Running the built poolcheck binaries from tests: the command line, its stdout, stderr and
// exit code, with a time limit so a hang fails the test instead of stalling the suite.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace cli::testing {

struct BinaryRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

inline std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A fresh path in the test's temporary directory. The name has the test process's pid;
// a leftover of an earlier process with the same pid (pids are reused, and a test may
// leave a report directory behind) is removed first, or a test that must create the path
// would find it there.
inline std::string TempPath(const std::string& name) {
  static int counter = 0;
  const std::string path = ::testing::TempDir() + "poolcheck_cli_" +
                           std::to_string(::getpid()) + "_" + std::to_string(++counter) +
                           "_" + name;
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
  return path;
}

// Runs the binary at `binary` with `args`; exit code 124 means it hit `timeout_s`. `env`
// holds NAME=VALUE settings for its environment; `stdout_to` replaces the captured stdout
// (e.g. "/dev/full").
inline BinaryRun RunBinary(const std::string& binary, const std::vector<std::string>& args,
                           int timeout_s = 300, const std::vector<std::string>& env = {},
                           const std::string& stdout_to = "") {
  const std::string out_path = TempPath("stdout"), err_path = TempPath("stderr");
  // The test's own shard variables (a sharded test runner) must not shard the binary.
  std::string command = "timeout " + std::to_string(timeout_s) + " env";
  for (const char* var : {"GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS", "TEST_SHARD_INDEX",
                          "TEST_TOTAL_SHARDS", "JOB_COMPLETION_INDEX", "POOLCHECK_TOTAL_SHARDS",
                          "TEST_SHARD_STATUS_FILE", "GTEST_SHARD_STATUS_FILE"}) {
    command += std::string(" -u ") + var;
  }
  for (const std::string& e : env) command += " " + ShellQuote(e);
  command += " " + ShellQuote(binary);
  for (const std::string& a : args) command += " " + ShellQuote(a);
  command += " >" + ShellQuote(stdout_to.empty() ? out_path : stdout_to) + " 2>" +
             ShellQuote(err_path) + " </dev/null";
  const int status = std::system(command.c_str());
  BinaryRun run;
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  run.out = ReadWholeFile(out_path);
  run.err = ReadWholeFile(err_path);
  std::remove(out_path.c_str());
  std::remove(err_path.c_str());
  return run;
}

// Runs POOLCHECK_BIN, the shipped poolcheck, with `args`.
inline BinaryRun RunPoolcheckBinary(const std::vector<std::string>& args, int timeout_s = 300,
                                    const std::vector<std::string>& env = {},
                                    const std::string& stdout_to = "") {
  return RunBinary(POOLCHECK_BIN, args, timeout_s, env, stdout_to);
}

// The value of the first output line "<prefix><value>", or "" (e.g. the "token: " line).
inline std::string LineValue(const std::string& text, const std::string& prefix) {
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (text.compare(start, prefix.size(), prefix) == 0 && end - start >= prefix.size()) {
      return text.substr(start + prefix.size(), end - start - prefix.size());
    }
    start = end + 1;
  }
  return "";
}

inline size_t LineCount(const std::string& text) {
  size_t lines = 0;
  for (char c : text) lines += c == '\n' ? 1 : 0;
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines;
}

}  // namespace cli::testing
