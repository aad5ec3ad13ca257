// Parsing of `poolcheck explore`'s request: see explore_request.h.
#include "cli/explore_request.h"

#include <cstdlib>
#include <filesystem>
#include <limits>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "cli/values.h"
#include "model/sql/pool_version.h"
#include "explore/build_identity.h"
#include "properties/known_bugs.h"
#include "scenarios/scenario.h"
#include "sim/strategy_registry.h"

namespace cli {

EnvLookup ProcessEnv() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());  // nondeterminism-ok: CI shard only
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

namespace {

struct ShardVars {
  const char* index;
  const char* total;
};

// In order of precedence: the first pair with either variable set decides.
constexpr ShardVars kShardVars[] = {{"GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS"},
                                    {"TEST_SHARD_INDEX", "TEST_TOTAL_SHARDS"},
                                    {"JOB_COMPLETION_INDEX", "POOLCHECK_TOTAL_SHARDS"}};

absl::StatusOr<uint64_t> EnvNumber(const EnvLookup& env, const char* name, uint64_t min_value) {
  return ParseUint(absl::StrCat("environment variable ", name), env(name).value_or(""), min_value,
                   std::numeric_limits<uint32_t>::max());
}

}  // namespace

absl::StatusOr<std::optional<Shard>> ShardFromEnv(const EnvLookup& env) {
  for (const ShardVars& vars : kShardVars) {
    const bool has_index = env(vars.index).has_value(), has_total = env(vars.total).has_value();
    if (!has_index && !has_total) continue;
    if (!has_index || !has_total) {
      return absl::InvalidArgumentError(absl::StrCat(
          "environment sets ", has_index ? vars.index : vars.total, " without ",
          has_index ? vars.total : vars.index, " (both are needed to pick a shard)"));
    }
    absl::StatusOr<uint64_t> index = EnvNumber(env, vars.index, 0);
    if (!index.ok()) return index.status();
    absl::StatusOr<uint64_t> total = EnvNumber(env, vars.total, 1);
    if (!total.ok()) return total.status();
    if (*index >= *total) {
      return absl::InvalidArgumentError(absl::StrCat("environment shard ", vars.index, "=", *index,
                                                     " is not below ", vars.total, "=", *total));
    }
    return Shard{static_cast<uint32_t>(*index), static_cast<uint32_t>(*total)};
  }
  return std::optional<Shard>();
}

namespace {

absl::Status ParseRunBounds(const ParsedArgs& args, ExploreRequest& req) {
  if (std::optional<std::string> time = args.Get("--time")) {
    absl::StatusOr<double> seconds = ParseDurationSeconds("--time", *time);
    if (!seconds.ok()) return seconds.status();
    req.options.time_budget_s = *seconds;
    req.options.runs = std::numeric_limits<uint64_t>::max();
  }
  if (std::optional<std::string> runs = args.Get("--runs")) {
    absl::StatusOr<uint64_t> n = ParseUint("--runs", *runs, 1, std::numeric_limits<uint64_t>::max());
    if (!n.ok()) return n.status();
    req.options.runs = *n;
  }
  if (std::optional<std::string> seed = args.Get("--seed")) {
    absl::StatusOr<uint64_t> s = ParseUint("--seed", *seed, 0, std::numeric_limits<uint64_t>::max());
    if (!s.ok()) return s.status();
    req.options.seed = *s;
  }
  if (std::optional<std::string> jobs = args.Get("--jobs")) {
    absl::StatusOr<uint64_t> j = ParseUint("--jobs", *jobs, 1, 256);
    if (!j.ok()) return j.status();
    req.options.jobs = static_cast<uint32_t>(*j);
  }
  return absl::OkStatus();
}

// --shard, else the CI environment's shard variables.
absl::Status ParseShardRequest(const ParsedArgs& args, const EnvLookup& env,
                               ExploreRequest& req) {
  std::optional<Shard> shard;
  if (std::optional<std::string> text = args.Get("--shard")) {
    absl::StatusOr<Shard> s = ParseShard(*text);
    if (!s.ok()) return s.status();
    shard = *s;
  } else {
    absl::StatusOr<std::optional<Shard>> s = ShardFromEnv(env);
    if (!s.ok()) return s.status();
    shard = *s;
    // Bazel and gtest runners check that a sharded test touched this file.
    for (const char* var : {"TEST_SHARD_STATUS_FILE", "GTEST_SHARD_STATUS_FILE"}) {
      if (shard && req.shard_status_file.empty()) req.shard_status_file = env(var).value_or("");
    }
  }
  if (shard) {
    req.options.shard_index = shard->index;
    req.options.shard_count = shard->count;
  }
  return absl::OkStatus();
}

absl::Status ParseOutputFlags(const ParsedArgs& args, ExploreRequest& req) {
  req.options.keep_going = args.Has("--keep-going");
  req.options.isolate_crashes = true;  // a run that crashes the pool is a failure, not our end
  req.json = args.Has("--json");
  req.junit_path = args.Get("--junit").value_or("");
  req.save_failure_path = args.Get("--save-failure").value_or("");
  if (std::optional<std::string> dir = args.Get("--failures-dir")) {
    if (dir->empty()) return absl::InvalidArgumentError("bad value for --failures-dir: empty");
    req.failures_dir = *dir;
  }
  if (args.Has("--no-failure-files")) {
    if (args.Has("--failures-dir")) {
      return absl::InvalidArgumentError("--no-failure-files and --failures-dir exclude each other");
    }
    req.failures_dir.clear();
  }
  if (std::optional<std::string> every = args.Get("--progress-every")) {
    absl::StatusOr<double> s = ParseDurationSeconds("--progress-every", *every);
    if (!s.ok()) return s.status();
    req.progress_every_s = *s;
  }
  return absl::OkStatus();
}

// --until-risk P: a probability in (0, 1). Without --runs, runs until the risk is met.
absl::Status ParseUntilRisk(const ParsedArgs& args, ExploreRequest& req) {
  std::optional<std::string> text = args.Get("--until-risk");
  if (!text) return absl::OkStatus();
  double p = 0;
  if (!absl::SimpleAtod(*text, &p) || !(p > 0 && p < 1)) {
    return absl::InvalidArgumentError(
        absl::StrCat("--until-risk: '", *text, "' is not a probability between 0 and 1"));
  }
  req.options.until_risk = p;
  if (!args.Has("--runs")) req.options.runs = std::numeric_limits<uint64_t>::max();
  return absl::OkStatus();
}

// --report DIR: refuses a directory that already holds a report (nothing is overwritten).
absl::Status ParseReportDir(const ParsedArgs& args, ExploreRequest& req) {
  req.report_dir = args.Get("--report").value_or("");
  if (req.report_dir.empty()) return absl::OkStatus();
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::path(req.report_dir) / "index.html", ec)) {
    return absl::FailedPreconditionError(absl::StrCat(
        "--report: ", req.report_dir,
        " already holds a report (index.html); choose another directory"));
  }
  return absl::OkStatus();
}

absl::Status ParseTarget(const ParsedArgs& args, ExploreRequest& req) {
  std::optional<std::string> name = args.Get("--scenario");
  if (!name) return absl::InvalidArgumentError("explore needs --scenario NAME (try: poolcheck list)");
  absl::StatusOr<const scenarios::Scenario*> scenario = scenarios::FindScenario(*name);
  if (!scenario.ok()) return scenario.status();
  absl::StatusOr<scenarios::Params> params =
      scenarios::ResolveParams(**scenario, args.All("--param"));
  if (!params.ok()) return params.status();
  req.target.scenario = *name;
  req.target.params = *params;
  if (std::optional<std::string> pool = args.Get("--pool")) {
    absl::StatusOr<model::sql::PoolVersion> v = model::sql::ParsePoolVersion(*pool);
    if (!v.ok()) return v.status();
    req.target.pool = *v;
  }
  if (std::optional<std::string> allow = args.Get("--allow-known-bug")) {
    absl::StatusOr<properties::KnownBugAllowances> a = properties::ParseKnownBugs(*allow);
    if (!a.ok()) return a.status();
    req.target.allow = *a;
  }
  req.options.strategy = args.Get("--strategy").value_or("portfolio");
  absl::StatusOr<std::unique_ptr<sim::Strategy>> strategy = sim::MakeStrategy(req.options.strategy);
  if (!strategy.ok()) return strategy.status();
  return absl::OkStatus();
}

}  // namespace

absl::Status ParseRunFlags(const ParsedArgs& args, const EnvLookup& env, ExploreRequest& req) {
  if (absl::Status s = ParseRunBounds(args, req); !s.ok()) return s;
  if (absl::Status s = ParseShardRequest(args, env, req); !s.ok()) return s;
  if (absl::Status s = ParseOutputFlags(args, req); !s.ok()) return s;
  if (absl::Status s = ParseUntilRisk(args, req); !s.ok()) return s;
  if (absl::Status s = ParseReportDir(args, req); !s.ok()) return s;
  ExploreOutcome& o = req.outcome;
  o.scenario = req.target.scenario;
  o.pool = std::string(model::sql::PoolVersionName(req.target.pool));
  o.strategy = req.options.strategy;
  o.params = req.target.params;
  o.allowed_known_bugs = properties::KnownBugNames(req.target.allow);
  o.seed = req.options.seed;
  o.runs_requested = req.options.runs == std::numeric_limits<uint64_t>::max() ? 0 : req.options.runs;
  o.time_budget_s = req.options.time_budget_s;
  o.shard = Shard{req.options.shard_index, req.options.shard_count};
  o.jobs = req.options.jobs;
  o.build = explore::SourceId();
  return absl::OkStatus();
}

absl::StatusOr<ExploreRequest> ParseExploreRequest(const ParsedArgs& args, const EnvLookup& env) {
  ExploreRequest req;
  if (absl::Status s = ParseTarget(args, req); !s.ok()) return s;
  if (absl::Status s = ParseRunFlags(args, env, req); !s.ok()) return s;
  return req;
}

}  // namespace cli
