// (Mutant build: links the pool compiled with its mutations.)
// Shows generated cases (scenarios/workload_gen.h, as `poolcheck fuzz` runs them) catch
// every pool mutant but crash-on-handoff (which kills the process: crash_mutant_test.cc)
// within 3,000 cases each, looking past the fixed pool's known bugs, including
// leak-conn-on-late-deadline (a deadline must land mid-operation: only the generated
// strategies with clock advances reach it) and the two the
// RapidCheck generic property does not reach: stmt-on-other-conn (I12: a DB Stmt run while
// another client holds the conn it was prepared on) and pool-above-max-open (I2: maxOpen
// lowered below busy conns), each with its invariant; and that the catching case, rerun on
// the real pool with the same strategy and seed, does not fail that way, so the mutant
// made it fail.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "explore/runner.h"
#include "gtest/gtest.h"
#include "scenarios/workload_gen.h"
#include "sim/strategy_registry.h"

namespace explore {
namespace {

using model::sql::Mutation;

struct MutantCase {
  Mutation mutation;
  const char* invariant;  // the invariant it must break; "" for any
};

class FuzzCatches : public ::testing::TestWithParam<MutantCase> {};

TEST_P(FuzzCatches, TheMutant) {
  scenarios::GenOptions gen;
  gen.versions = {model::sql::PoolVersion::kSyncReset};
  gen.mutation = GetParam().mutation;
  const auto allow = properties::KnownBugAllowances::AllKnownBugs();
  ExploreOptions options;
  options.strategy = "random";
  options.runs = 3000;
  options.generate = [&](uint64_t i) {
    const uint64_t seed = sim::RunSeed(7, i);
    return GeneratedRun{WorkloadTarget(scenarios::Generate(seed, gen),
                                       properties::InvariantSet::All(), allow),
                        scenarios::GenerateStrategy(seed)};
  };
  absl::StatusOr<ExploreSummary> summary = Explore(options.generate(0).target, options);
  ASSERT_TRUE(summary.ok()) << summary.status();
  ASSERT_TRUE(summary->first_failure.has_value()) << "not caught in 3000 cases";
  const RunReport& caught = *summary->first_failure;
  const std::string broken = caught.result.failure.Name();
  if (*GetParam().invariant != '\0') EXPECT_EQ(broken, GetParam().invariant) << caught.result.message;
  std::cout << model::sql::MutationName(GetParam().mutation) << " caught at case "
            << caught.run_index << ": " << caught.result.failure.Name() << "\n"
            << caught.workload_text << "\n";
  Target real = caught.target;
  real.mutation = Mutation::kNone;
  real.workload->pool.mutation = Mutation::kNone;
  std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(caught.strategy);
  absl::StatusOr<RunReport> clean =
      RunTarget(real, *strategy, caught.exploration_seed, sim::RunStart(caught.token.run_seed));
  ASSERT_TRUE(clean.ok()) << clean.status();
  EXPECT_FALSE(clean->result.failed() && clean->result.failure == caught.result.failure)
      << clean->result.message;
}

std::vector<MutantCase> Mutants() {
  std::vector<MutantCase> out;
  for (Mutation m : model::sql::kAllMutations) {
    if (m == Mutation::kNone || m == Mutation::kCrashOnHandoff) continue;
    const char* invariant = m == Mutation::kStmtOnOtherConn    ? "I12"
                            : m == Mutation::kPoolAboveMaxOpen ? "I2"
                                                               : "";
    out.push_back(MutantCase{m, invariant});
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(Mutants, FuzzCatches, ::testing::ValuesIn(Mutants()),
                         [](const ::testing::TestParamInfo<MutantCase>& info) {
                           std::string name(model::sql::MutationName(info.param.mutation));
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

}  // namespace
}  // namespace explore
