// Test helper for tests that run programs: explore a program under a strategy until a
// given failure appears (or a budget of runs is spent), and check that the failure's
// replay token, encoded and decoded, reproduces it exactly.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "gtest/gtest.h"
#include "sim/run.h"
#include "sim/strategy.h"
#include "sim/strategy_registry.h"
#include "sim/token.h"

namespace sim::testing {

// A failing run and what is needed to rerun it.
struct FoundFailure {
  RunResult result;
  uint64_t run_index = 0;
  uint64_t run_seed = 0;
  std::string strategy;  // Describe() of the run
};

// Runs `main` under `strategy` for runs 0..budget-1 of exploration `exploration_seed`
// (stopping early if the strategy is exhausted) and counts runs failing with
// `failure_id`. Returns the first such run; `*hits` gets the count over the whole budget
// when `hits` is given, else exploration stops at the first hit.
inline std::optional<FoundFailure> Explore(Strategy& strategy, uint64_t exploration_seed,
                                           uint64_t budget, const std::function<void()>& main,
                                           const std::string& failure_id,
                                           uint64_t* hits = nullptr) {
  std::optional<FoundFailure> first;
  if (hits != nullptr) *hits = 0;
  for (uint64_t run = 0; run < budget; ++run) {
    const uint64_t seed = RunSeed(exploration_seed, run);
    RunResult r = RunProgram(strategy, RunStart(seed, run), {}, main);
    if (r.exhausted) break;
    if (r.failure.Name() != failure_id) continue;
    if (hits != nullptr) ++*hits;
    if (!first) first = FoundFailure{std::move(r), run, seed, strategy.Describe()};
    if (hits == nullptr) break;
  }
  return first;
}

// The token a failing test prints: the run's strategy, seed, choices and fingerprint.
inline ReplayToken TokenFor(const FoundFailure& found, const std::string& test_name) {
  ReplayToken token;
  token.meta = {{"test", test_name}, {"failure", found.result.failure.Name()}};
  token.strategy = found.strategy;
  token.run_seed = found.run_seed;
  token.has_choices = true;
  token.choices = found.result.choices;
  token.steps = found.result.steps;
  token.fingerprint = found.result.fingerprint;
  return token;
}

// Replays `token` (through its text form) and returns the rerun's result.
inline RunResult Replay(const ReplayToken& token, const std::function<void()>& main) {
  absl::StatusOr<ReplayToken> decoded = DecodeToken(EncodeToken(token));
  EXPECT_TRUE(decoded.ok()) << decoded.status();
  if (!decoded.ok()) return {};
  absl::StatusOr<std::unique_ptr<Strategy>> strategy = MakeReplayStrategy(*decoded);
  EXPECT_TRUE(strategy.ok()) << strategy.status();
  if (!strategy.ok()) return {};
  return RunProgram(**strategy, decoded->run_seed, {}, main);
}

// Checks the failure reproduces from its token: with the recorded choices always, and
// from (strategy spec, seed) alone when the strategy is seed-driven (not DFS).
inline void ExpectReplayReproduces(const FoundFailure& found, const std::string& test_name,
                                   const std::function<void()>& main) {
  ReplayToken token = TokenFor(found, test_name);
  std::printf("  replay token (%s): %s\n", test_name.c_str(), EncodeToken(token).c_str());
  const RunResult again = Replay(token, main);
  EXPECT_EQ(again.failure.Name(), found.result.failure.Name()) << again.message;
  EXPECT_EQ(again.message, found.result.message);
  EXPECT_EQ(again.fingerprint, found.result.fingerprint);
  EXPECT_EQ(again.steps, found.result.steps);
  EXPECT_EQ(ReplayMismatch(token, again), std::nullopt);
  // A strategy whose every run continues the earlier ones (DFS) has no seed-only form.
  absl::StatusOr<std::unique_ptr<Strategy>> spec = MakeStrategy(found.strategy);
  ASSERT_TRUE(spec.ok()) << spec.status();
  if ((*spec)->LearnsFromRuns() == Strategy::kEveryRun) return;
  token.has_choices = false;
  token.choices.clear();
  const RunResult from_seed = Replay(token, main);
  EXPECT_EQ(from_seed.failure.Name(), found.result.failure.Name()) << from_seed.message;
  EXPECT_EQ(from_seed.message, found.result.message);
  EXPECT_EQ(from_seed.fingerprint, found.result.fingerprint);
  EXPECT_EQ(ReplayMismatch(token, from_seed), std::nullopt);
}

}  // namespace sim::testing
