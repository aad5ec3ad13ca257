// Tests of the strategy registry: every listed strategy builds from its spec, Describe()
// round-trips, bad specs get one-line InvalidArgument errors, and RunSeed spreads runs.
#include "sim/strategy_registry.h"

#include <set>
#include <string>

#include "gtest/gtest.h"

namespace sim {
namespace {

TEST(RegistryTest, EverySpecBuildsAndDescribesItselfParseably) {
  // Shows spec -> strategy -> Describe() -> spec is stable for each strategy and form.
  for (const std::string spec :
       {"random", "pct", "pct:depth=2", "pct:depth=5,steps=300", "dfs",
        "dfs:preemptions=2", "portfolio", "pos"}) {
    absl::StatusOr<std::unique_ptr<Strategy>> s = MakeStrategy(spec);
    ASSERT_TRUE(s.ok()) << spec << ": " << s.status();
    const std::string described = (*s)->Describe();
    absl::StatusOr<std::unique_ptr<Strategy>> again = MakeStrategy(described);
    ASSERT_TRUE(again.ok()) << described << ": " << again.status();
    EXPECT_EQ((*again)->Describe(), described);
  }
  EXPECT_EQ((*MakeStrategy("pct"))->Describe(), "pct:depth=3,steps=1000");
  EXPECT_EQ((*MakeStrategy("dfs:preemptions=2"))->Describe(), "dfs:preemptions=2");
}

TEST(RegistryTest, BadSpecsAreOneLineInvalidArguments) {
  // Shows each kind of mistake is rejected with InvalidArgument and a message on one line
  // that names the problem.
  const std::pair<std::string, std::string> cases[] = {
      {"rnadom", "unknown strategy 'rnadom' (known: portfolio, pct, random"},
      {"pct:deep=3", "strategy 'pct': unknown parameter 'deep'"},
      {"pct:depth=0", "parameter depth=0 must be an integer in [1, 64]"},
      {"pct:depth=x", "parameter depth=x must be an integer"},
      {"pct:depth=3,depth=4", "parameter 'depth' given twice"},
      {"pct:depth", "parameter 'depth' is not key=value"},
      {"random:seed=1", "strategy 'random': unknown parameter 'seed'"},
      {"pos:depth=3", "strategy 'pos': unknown parameter 'depth'"},
      {"", "expected a name"},
      {"PCT", "expected a name"},
      {"replay", "built from a replay token"},
  };
  for (const auto& [spec, expected] : cases) {
    absl::StatusOr<std::unique_ptr<Strategy>> s = MakeStrategy(spec);
    ASSERT_FALSE(s.ok()) << spec;
    EXPECT_EQ(s.status().code(), absl::StatusCode::kInvalidArgument) << spec;
    const std::string message(s.status().message());
    EXPECT_NE(message.find(expected), std::string::npos) << spec << " -> " << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(RegistryTest, ListHasUniqueDocumentedNames) {
  // Shows the table the CLI prints: unique names, each with a summary and parameter docs,
  // including every strategy and replay.
  std::set<std::string> names;
  for (const StrategyInfo& info : ListStrategies()) {
    EXPECT_TRUE(names.insert(std::string(info.name)).second) << info.name;
    EXPECT_FALSE(info.summary.empty()) << info.name;
    EXPECT_FALSE(info.params_doc.empty()) << info.name;
  }
  EXPECT_EQ(names, (std::set<std::string>{"portfolio", "pct", "random", "dfs", "dpor", "pos", "replay"}));
}

TEST(RegistryTest, ReplayStrategyComesFromTheToken) {
  // Shows a token with choices gives a replay, one without gives its own strategy back.
  ReplayToken with_choices;
  with_choices.has_choices = true;
  with_choices.choices = {{ChoiceKind::kSchedule, 0}};
  EXPECT_EQ((*MakeReplayStrategy(with_choices))->Describe(), "replay");
  ReplayToken from_seed;
  from_seed.strategy = "pct:depth=2,steps=77";
  EXPECT_EQ((*MakeReplayStrategy(from_seed))->Describe(), "pct:depth=2,steps=77");
  from_seed.strategy = "nope";
  EXPECT_FALSE(MakeReplayStrategy(from_seed).ok());
}

TEST(RegistryTest, RunSeedsAreDistinctAcrossRunsAndExplorations) {
  // Shows independence of runs: 100 explorations x 1,000 runs give 100,000 distinct
  // seeds, and the derivation is a pure function.
  std::set<uint64_t> seeds;
  for (uint64_t exploration = 0; exploration < 100; ++exploration) {
    for (uint64_t run = 0; run < 1000; ++run) seeds.insert(RunSeed(exploration, run));
  }
  EXPECT_EQ(seeds.size(), 100000u);
  EXPECT_EQ(RunSeed(12345, 678), RunSeed(12345, 678));
  EXPECT_NE(RunSeed(0, 1), RunSeed(1, 0));
}

}  // namespace
}  // namespace sim
