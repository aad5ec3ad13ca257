// Runs one ported Go test body the way poolcheck tests everything: inside sim::RunProgram,
// on every pool version, under several strategies and many seeds each. A failed run (a
// GoT check, a fake-driver guard, a deadlock, a Go panic, the step budget) becomes one
// gtest failure that names the version, the strategy as Describe() gives it, the run seed,
// what failed and where, the goroutines left blocked, the tail of the run's trace, and the
// environment setting that reruns exactly that run.
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
#include "model/sql/options.h"
#include "sim/run.h"
#include "sim/strategy_registry.h"

namespace model::gotest {

struct GoTestOptions {
  std::vector<sql::PoolVersion> versions = sql::AllPoolVersions();  // every row of the table
  // Specs for sim::MakeStrategy; one strategy object serves all seeds of a version, so an
  // adaptive strategy (PCT) learns the run length as Go's tests would run repeatedly.
  std::vector<std::string> strategies = {"random", "pct:depth=3"};
  // Runs per (version, strategy); POOLCHECK_GOTEST_SEEDS overrides it for longer hunts.
  uint64_t seeds = 20;
  uint64_t exploration_seed = 1;
  uint64_t max_steps = 400'000;
  // The broken pool variant to run on; POOLCHECK_GOTEST_MUTATION=<name> overrides it. Only
  // a binary linked with poolcheck_model_mutants honours it (to measure which ported tests
  // catch which mutant); model_tests links the production pool, where it has no effect.
  sql::Mutation mutation = sql::Mutation::kNone;
};

using GoTestBody = std::function<void(GoT& t)>;

// What RunGoTest found, for tests of the runner itself.
struct GoTestRunSummary {
  uint64_t runs = 0;
  uint64_t failed = 0;
  std::vector<std::string> reports;  // one text per failed run
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

// POOLCHECK_GOTEST_RUN="<version>|<strategy>|<seed>", or nothing if unset.
inline std::optional<RunSpec> PinnedRunFromEnv() {
  const char* text = std::getenv("POOLCHECK_GOTEST_RUN");
  if (text == nullptr || *text == '\0') return std::nullopt;
  std::vector<std::string> parts = absl::StrSplit(text, '|');
  RunSpec spec;
  std::optional<sql::PoolVersion> version =
      parts.size() == 3 ? sql::PoolVersionFromName(parts[0]) : std::nullopt;  // or an alias
  if (!version || !absl::SimpleAtoi(parts[2], &spec.run_seed)) {
    ADD_FAILURE() << "POOLCHECK_GOTEST_RUN must be <version>|<strategy>|<seed>, got " << text;
    return std::nullopt;
  }
  spec.version = *version;
  spec.strategy = parts[1];
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
    absl::StrAppend(&text, " g", g.id, " \"", g.name, "\" ", g.state, " on ", g.blocked_on,
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
  return sim::RunProgram(strategy, spec.run_seed, run_options, [&body, &t] { body(t); }, hooks);
}

inline std::unique_ptr<sim::Strategy> MustMakeStrategy(const std::string& spec) {
  absl::StatusOr<std::unique_ptr<sim::Strategy>> made = sim::MakeStrategy(spec);
  if (!made.ok()) {
    ADD_FAILURE() << "bad strategy spec '" << spec << "': " << made.status();
    return nullptr;
  }
  return *std::move(made);
}

// Reruns a failed run from its printed description, traced, to show its last events and
// to confirm that the printed line really reproduces it.
inline std::optional<sim::RunResult> RerunTraced(const GoTestBody& body, const FailedRun& failed,
                                                 uint64_t max_steps) {
  std::unique_ptr<sim::Strategy> strategy = MustMakeStrategy(failed.described_strategy);
  if (strategy == nullptr) return std::nullopt;
  RunSpec spec{failed.version, failed.described_strategy, failed.run_seed, failed.run_index,
               failed.mutation};
  return RunOnce(body, *strategy, spec, max_steps, /*record_trace=*/true);
}

// Runs the seeds of one (version, strategy) pair; stops at the first failure.
inline void RunPair(const GoTestBody& body, const GoTestOptions& options, sql::PoolVersion version,
                    const std::string& spec_text, sql::Mutation mutation,
                    GoTestRunSummary& summary) {
  std::unique_ptr<sim::Strategy> strategy = MustMakeStrategy(spec_text);
  if (strategy == nullptr) return;
  const uint64_t seeds = SeedsFromEnv(options.seeds);
  for (uint64_t i = 0; i < seeds; ++i) {
    RunSpec spec{version, spec_text, sim::RunSeed(options.exploration_seed, i), i, mutation};
    sim::RunResult result = RunOnce(body, *strategy, spec, options.max_steps, false);
    ++summary.runs;
    if (!result.failed) continue;
    ++summary.failed;
    FailedRun failed{version, spec_text, strategy->Describe(), spec.run_seed, i,
                     seeds,   mutation,  std::move(result)};
    std::optional<sim::RunResult> rerun = RerunTraced(body, failed, options.max_steps);
    summary.reports.push_back(FormatFailure(failed, rerun ? &*rerun : nullptr));
    return;
  }
}

}  // namespace detail

// RunGoTest without reporting: what it found, for tests of the runner itself.
inline GoTestRunSummary RunGoTestQuietly(const GoTestBody& body, const GoTestOptions& options) {
  GoTestRunSummary summary;
  const sql::Mutation mutation = detail::MutationFromEnv(options.mutation);
  if (std::optional<detail::RunSpec> pinned = detail::PinnedRunFromEnv()) {
    pinned->mutation = mutation;
    std::unique_ptr<sim::Strategy> strategy = detail::MustMakeStrategy(pinned->strategy);
    if (strategy == nullptr) return summary;
    sim::RunResult result = detail::RunOnce(body, *strategy, *pinned, options.max_steps, true);
    ++summary.runs;
    FailedRun run{pinned->version, pinned->strategy, strategy->Describe(), pinned->run_seed, 0, 1,
                  mutation,        std::move(result)};
    if (run.result.failed) ++summary.failed;
    summary.reports.push_back(FormatPinnedRun(run));
    return summary;
  }
  for (sql::PoolVersion version : options.versions) {
    for (const std::string& spec : options.strategies) {
      detail::RunPair(body, options, version, spec, mutation, summary);
    }
  }
  return summary;
}

// Runs `body` once per (version, strategy, seed); stops a (version, strategy) pair at its
// first failed run. Every failure is reported with ADD_FAILURE. Returns the number of failed
// runs. With POOLCHECK_GOTEST_RUN="<version>|<strategy>|<seed>" (as a failure prints it),
// runs only that run, traced.
inline int RunGoTest(const GoTestBody& body, const GoTestOptions& options = {}) {
  GoTestRunSummary summary = RunGoTestQuietly(body, options);
  const bool pinned = std::getenv("POOLCHECK_GOTEST_RUN") != nullptr;
  for (const std::string& report : summary.reports) {
    if (pinned && summary.failed == 0) {
      std::cout << report << "\n";
    } else {
      ADD_FAILURE() << report;
    }
  }
  EXPECT_GT(summary.runs, 0u) << "no run was made";
  return static_cast<int>(summary.failed);
}

}  // namespace model::gotest
