// Runs one ported Go test body the way poolcheck tests everything: inside sim::RunProgram,
// on every pool version, over the default sweep (sim/sweep.h: its strategies, many seeds
// each). A failed run (a GoT check, a fake-driver guard, a deadlock, a Go panic, the step
// budget) becomes one gtest failure that names the version, the strategy as Describe()
// gives it, the run seed, what failed and where, the goroutines left blocked, the tail of
// the run's trace, its replay token and the command that reruns exactly that run
// (POOLCHECK_GOTEST_TOKEN=<token> <this binary> --gtest_filter=<this test>).
#pragma once

#include <cstdint>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "model/gotest/go_t.h"
#include "model/gotest/run_report.h"
#include "model/sql/mutation.h"
#include "model/sql/options.h"
#include "sim/run.h"
#include "sim/strategy_registry.h"
#include "sim/sweep.h"
#include "sim/token.h"

namespace model::gotest {

struct GoTestOptions {
  std::vector<sql::PoolVersion> versions = sql::AllPoolVersions();  // every row of the table
  // Specs for sim::MakeStrategy (the default sweep's); one strategy object serves all
  // seeds of a version, so an adaptive strategy (PCT) learns the run length as Go's tests
  // would run repeatedly.
  std::vector<std::string> strategies = sim::DefaultSweepSpecs();
  // Runs per (version, strategy); POOLCHECK_GOTEST_SEEDS overrides it for longer hunts.
  uint64_t seeds = 20;
  uint64_t exploration_seed = 1;
  uint64_t max_steps = 400'000;
  // The broken pool variant to run on; POOLCHECK_GOTEST_MUTATION=<name> overrides it. Only
  // model_mutant_tests (the same tests linked with poolcheck_model_mutants) can run one;
  // in model_tests, which links the shipped pool, asking for one fails the test unrun.
  sql::Mutation mutation = sql::Mutation::kNone;
};

using GoTestBody = std::function<void(GoT& t)>;

// What RunGoTest found, for tests of the runner itself.
struct GoTestRunSummary {
  uint64_t runs = 0;
  uint64_t failed = 0;
  std::vector<std::string> reports;  // one text per failed run
  bool refused = false;              // asked for a mutation the linked pool cannot run
};
namespace detail {

// One run to do: which pool, which strategy spec, which run seed.
struct RunSpec {
  sql::PoolVersion version = sql::kDefaultPoolVersion;
  std::string strategy;
  uint64_t run_seed = 0;
  uint64_t run_index = 0;
  sql::Mutation mutation = sql::Mutation::kNone;
};

inline sql::Mutation MutationFromEnv(sql::Mutation fallback) {
  const char* text = std::getenv("POOLCHECK_GOTEST_MUTATION");
  if (text == nullptr || *text == '\0') return fallback;
  std::optional<sql::Mutation> m = sql::ParseMutation(text);
  if (!m) ADD_FAILURE() << "unknown POOLCHECK_GOTEST_MUTATION " << text;
  return m.value_or(fallback);
}

// The token in POOLCHECK_GOTEST_TOKEN if it is a run of the running test, else nothing
// (a malformed token is a test failure).
inline std::optional<sim::ReplayToken> PinnedTokenFromEnv() {
  const char* text = std::getenv("POOLCHECK_GOTEST_TOKEN");
  if (text == nullptr || *text == '\0') return std::nullopt;
  absl::StatusOr<sim::ReplayToken> token = sim::DecodeToken(text);
  if (!token.ok()) {
    ADD_FAILURE() << "POOLCHECK_GOTEST_TOKEN: " << token.status();
    return std::nullopt;
  }
  auto test = token->meta.find("gotest");
  if (test == token->meta.end() || test->second != CurrentTestName()) return std::nullopt;
  return *std::move(token);
}

// The run a token describes: its pool version and mutation, and its run seed.
inline std::optional<RunSpec> SpecFromToken(const sim::ReplayToken& token) {
  RunSpec spec;
  auto pool = token.meta.find("pool");
  std::optional<sql::PoolVersion> version =
      pool == token.meta.end() ? std::nullopt : sql::PoolVersionFromName(pool->second);  // or an alias
  std::optional<sql::Mutation> mutation = sql::Mutation::kNone;
  if (auto m = token.meta.find("mutation"); m != token.meta.end()) {
    mutation = sql::ParseMutation(m->second);
  }
  if (!version || !mutation) {
    ADD_FAILURE() << "POOLCHECK_GOTEST_TOKEN names an unknown pool or mutation";
    return std::nullopt;
  }
  spec.version = *version;
  spec.mutation = *mutation;
  spec.strategy = token.strategy;
  spec.run_seed = token.run_seed;
  return spec;
}

inline uint64_t SeedsFromEnv(uint64_t fallback) {
  const char* text = std::getenv("POOLCHECK_GOTEST_SEEDS");
  uint64_t seeds = 0;
  if (text != nullptr && absl::SimpleAtoi(text, &seeds) && seeds > 0) return seeds;
  return fallback;
}

// The end-of-run check every ported test gets (Go's tests have none): once the test has
// returned and nothing can run, no goroutine may be left, neither the pool's (opener,
// resetter, cleaner, awaitDone of Rows and Tx) after closeDB nor the test's own.
inline void FailOnLeftoverGoroutines() {
  std::vector<sim::GoroutineReport> live = sim::LiveGoroutines();
  if (live.empty()) return;
  std::string text = absl::StrCat(live.size(), " goroutine(s) left when the test ended:");
  for (const sim::GoroutineReport& g : live) {
    absl::StrAppend(&text, " g", g.id, " \"", g.name, "\" ", sim::GoroutineStateName(g.state),
                    " on ", g.blocked_on,
                    " at ", g.location, ";");
  }
  sim::Fail(std::string(kLeakFailure), text);
}

inline sim::RunResult RunOnce(const GoTestBody& body, sim::Strategy& strategy, const RunSpec& spec,
                              uint64_t max_steps, bool record_trace) {
  sim::RunOptions run_options;
  run_options.max_steps = max_steps;
  run_options.record_trace = record_trace;
  GoT t(spec.version, spec.mutation);
  sim::RunHooks hooks;
  hooks.at_end = FailOnLeftoverGoroutines;
  return sim::RunProgram(strategy, sim::RunStart(spec.run_seed, spec.run_index), run_options,
                         [&body, &t] { body(t); }, hooks);
}

// Reruns the run a token describes, traced (what POOLCHECK_GOTEST_TOKEN does).
inline std::optional<sim::RunResult> RerunToken(const GoTestBody& body,
                                                const sim::ReplayToken& token,
                                                uint64_t max_steps) {
  std::optional<RunSpec> spec = SpecFromToken(token);
  absl::StatusOr<std::unique_ptr<sim::Strategy>> strategy = sim::MakeReplayStrategy(token);
  if (!spec || !strategy.ok()) {
    ADD_FAILURE() << "cannot rerun the token: "
                  << (strategy.ok() ? "bad metadata" : strategy.status().ToString());
    return std::nullopt;
  }
  return RunOnce(body, **strategy, *spec, max_steps, /*record_trace=*/true);
}

// Reruns a failed run from its printed token, traced, to show its last events and to
// confirm that the printed reproduction really reproduces it.
inline std::optional<sim::RunResult> RerunTraced(const GoTestBody& body, const FailedRun& failed,
                                                 uint64_t max_steps) {
  return RerunToken(body, GoTestToken(failed), max_steps);
}

// Runs the default sweep's runs on one version; stops a strategy at its first failure.
inline void RunVersion(const GoTestBody& body, const GoTestOptions& options,
                       sql::PoolVersion version, sql::Mutation mutation,
                       GoTestRunSummary& summary) {
  sim::SweepPlan plan;
  plan.strategies = options.strategies;
  plan.runs_per_strategy = SeedsFromEnv(options.seeds);
  plan.exploration_seed = options.exploration_seed;
  absl::Status swept = sim::RunSweep(plan, [&](const sim::SweepRun& run) {
    RunSpec spec{version, run.spec, run.run_seed, run.run_index, mutation};
    sim::RunResult result = RunOnce(body, run.strategy, spec, options.max_steps, false);
    ++summary.runs;
    if (!result.failed()) return sim::SweepNext::kContinue;
    ++summary.failed;
    FailedRun failed{version,  run.spec, run.strategy.Describe(), spec.run_seed, run.run_index,
                     plan.runs_per_strategy, mutation, std::move(result)};
    std::optional<sim::RunResult> rerun = RerunTraced(body, failed, options.max_steps);
    summary.reports.push_back(FormatFailure(failed, rerun ? &*rerun : nullptr));
    return sim::SweepNext::kNextStrategy;
  });
  if (!swept.ok()) ADD_FAILURE() << "bad strategy: " << swept;
}

}  // namespace detail

// RunGoTest without reporting: what it found, for tests of the runner itself. A mutation
// the linked pool cannot run is one gtest failure, and nothing runs.
inline GoTestRunSummary RunGoTestQuietly(const GoTestBody& body, const GoTestOptions& options) {
  GoTestRunSummary summary;
  const sql::Mutation mutation = detail::MutationFromEnv(options.mutation);
  if (mutation != sql::Mutation::kNone && !sql::PoolLibraryHonoursMutations()) {
    ADD_FAILURE() << "mutation " << sql::MutationName(mutation)
                  << " (POOLCHECK_GOTEST_MUTATION) needs the mutant build of the pool; this "
                     "binary links the shipped pool: run model_mutant_tests instead";
    summary.refused = true;
    return summary;
  }
  if (std::optional<sim::ReplayToken> token = detail::PinnedTokenFromEnv()) {
    std::optional<detail::RunSpec> spec = detail::SpecFromToken(*token);
    std::optional<sim::RunResult> result = detail::RerunToken(body, *token, options.max_steps);
    if (!spec || !result) return summary;
    ++summary.runs;
    FailedRun run{spec->version, token->strategy, token->strategy, token->run_seed, 0, 1,
                  spec->mutation, *std::move(result)};
    if (run.result.failed()) ++summary.failed;
    summary.reports.push_back(FormatPinnedRun(run, sim::ReplayMismatch(*token, run.result)));
    return summary;
  }
  for (sql::PoolVersion version : options.versions) {
    detail::RunVersion(body, options, version, mutation, summary);
  }
  return summary;
}

// Runs `body` once per (version, strategy, seed); stops a (version, strategy) pair at its
// first failed run. Every failure is reported with ADD_FAILURE. Returns the number of failed
// runs. With POOLCHECK_GOTEST_TOKEN=<token of this test> (as a failure prints it), reruns
// only that run, traced, and says whether it reproduced the token's run.
inline int RunGoTest(const GoTestBody& body, const GoTestOptions& options = {}) {
  GoTestRunSummary summary = RunGoTestQuietly(body, options);
  const bool pinned = std::getenv("POOLCHECK_GOTEST_TOKEN") != nullptr;
  for (const std::string& report : summary.reports) {
    if (pinned && summary.failed == 0) {
      std::cout << report << "\n";
    } else {
      ADD_FAILURE() << report;
    }
  }
  if (!summary.refused) {
    EXPECT_GT(summary.runs, 0u) << "no run was made";
  }
  return static_cast<int>(summary.failed);
}

}  // namespace model::gotest
