// What `poolcheck explore` was asked to do, parsed from its flags and, for the shard, from
// the environment CI runners set when no --shard is given: GTEST_TOTAL_SHARDS /
// GTEST_SHARD_INDEX, Bazel's TEST_TOTAL_SHARDS / TEST_SHARD_INDEX, or Kubernetes indexed
// Jobs' JOB_COMPLETION_INDEX with POOLCHECK_TOTAL_SHARDS.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "cli/args.h"
#include "cli/command.h"
#include "cli/explore_outcome.h"
#include "explore/runner.h"

namespace cli {

inline constexpr char kDefaultFailuresDir[] = "poolcheck-failures";

struct ExploreRequest {
  explore::Target target;
  explore::ExploreOptions options;
  ExploreOutcome outcome;  // the request's half, filled in here
  bool json = false;
  std::string junit_path;
  std::string save_failure_path;
  std::string failures_dir = kDefaultFailuresDir;  // "" with --no-failure-files
  double progress_every_s = 10;  // non-terminal progress line period
  std::string shard_status_file;  // touched to tell a test runner sharding is honoured
  std::string report_dir;         // --report: the offline HTML report goes here
};

// Reads an environment variable (nullopt when unset); tests pass their own.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup ProcessEnv();

// The shard from the environment (see above); nullopt when none of the variables is set.
// A half-set pair or a bad value is InvalidArgument naming the variable.
absl::StatusOr<std::optional<Shard>> ShardFromEnv(const EnvLookup& env);

absl::StatusOr<ExploreRequest> ParseExploreRequest(const ParsedArgs& args, const EnvLookup& env);

// The flags explore shares with fuzz (--runs, --time, --seed, --jobs, --shard, output and
// failure-file flags, --until-risk, --report), into a request whose target and strategy are
// set; fills the outcome's description of the request.
absl::Status ParseRunFlags(const ParsedArgs& args, const EnvLookup& env, ExploreRequest& req);

// Runs a parsed request as `poolcheck explore` does (progress line, signals, failure files,
// the failing run's report, --junit, --report, the summary) and returns the exit code.
// `after_runs` (may be empty) sees the outcome once the runs are done, before anything is
// printed (fuzz adds its reach histogram there).
int RunExploreRequest(ExploreRequest& req, CommandIo& io,
                      const std::function<void(ExploreOutcome&)>& after_runs);

}  // namespace cli
