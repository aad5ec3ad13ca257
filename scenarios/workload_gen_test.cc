// Tests of the workload generator and its reach. Shows: a seed always gives the same case
// and distinct seeds give distinct ones; every generated workload is valid and survives the
// token codec; over 2,000 generated cases every version of the table, op kind, mid-run
// setting and driver entry point fault is drawn; and, running those cases once each, a
// caller waited for a conn (the pool event "conn: wait as req#_") in >= 50% of them and a
// fault fired (the driver's call log, scenarios/fault_fired.h) at every driver entry point
// in >= 5% of them. Counts, not time.
#include "scenarios/workload_gen.h"

#include <iostream>
#include <map>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "explore/runner.h"
#include "explore/workload_codec.h"
#include "gtest/gtest.h"
#include "scenarios/fault_fired.h"
#include "scenarios/workload_reach.h"
#include "sim/strategy_registry.h"

namespace scenarios {
namespace {

constexpr uint64_t kCases = 2000;

TEST(WorkloadGen, SameSeedSameCaseAndSeedsDiffer) {
  // Shows Generate and GenerateStrategy are functions of the seed: equal encodings for
  // equal seeds, and at least 95 distinct programs among 100 seeds.
  GenOptions options;
  std::set<std::string> distinct;
  for (uint64_t seed = 0; seed < 100; ++seed) {
    const std::string a = *explore::EncodeWorkload(Generate(seed, options));
    EXPECT_EQ(a, *explore::EncodeWorkload(Generate(seed, options)));
    EXPECT_EQ(GenerateStrategy(seed), GenerateStrategy(seed));
    EXPECT_TRUE(sim::MakeStrategy(GenerateStrategy(seed)).ok()) << GenerateStrategy(seed);
    distinct.insert(a);
  }
  EXPECT_GE(distinct.size(), 95u);
}

TEST(WorkloadGen, EveryCaseIsValidAndRoundTripsThroughTheCodec) {
  // Shows 2,000 generated workloads pass ValidateWorkload and decode from their token text
  // to a workload that encodes and shows identically.
  GenOptions options;
  for (uint64_t seed = 0; seed < kCases; ++seed) {
    const Workload w = Generate(seed, options);
    ASSERT_TRUE(ValidateWorkload(w).ok()) << ValidateWorkload(w) << "\n" << w.Show();
    absl::StatusOr<std::string> text = explore::EncodeWorkload(w);
    ASSERT_TRUE(text.ok()) << text.status();
    absl::StatusOr<Workload> back = explore::DecodeWorkload(*text);
    ASSERT_TRUE(back.ok()) << back.status();
    EXPECT_EQ(back->Show(), w.Show());
    EXPECT_EQ(*explore::EncodeWorkload(*back), *text);
  }
}

TEST(WorkloadGen, ReachesEveryVersionOpSettingAndFault) {
  // Shows the histogram of 2,000 cases: every row of the version table is drawn, every
  // feature (op kinds, settings mid-run, DB.Close in flight, contexts, statements on
  // DB/Tx/Conn, rows left open, a fault planned on each driver entry point) is reached by
  // some case. --pool restricts the versions.
  GenOptions options;
  ReachTally tally;
  std::set<model::sql::PoolVersion> versions;
  for (uint64_t seed = 0; seed < kCases; ++seed) {
    const Workload w = Generate(seed, options);
    tally.Add(w);
    versions.insert(w.pool.version);
  }
  EXPECT_EQ(versions.size(), model::sql::AllPoolVersions().size());
  for (const auto& [name, cases] : tally.Rows()) EXPECT_GT(cases, 0u) << name;
  GenOptions one;
  one.versions = {model::sql::PoolVersion::kAsyncReset};
  for (uint64_t seed = 0; seed < 50; ++seed) {
    EXPECT_EQ(Generate(seed, one).pool.version, model::sql::PoolVersion::kAsyncReset);
  }
}

TEST(WorkloadGen, HalfTheCasesMakeACallerWaitAndEveryEntryPointsFaultFires) {
  // Shows that running each of 2,000 generated cases once (its own strategy and seed), the
  // pool event of a caller waiting for a conn ("conn: wait as req#_", the pool's waitCount
  // increment) happens in at least half of the runs, and a fault fires (a call the fake
  // driver failed by the plan) at each driver entry point in at least 5% of the runs.
  GenOptions options;
  uint64_t waited = 0;
  std::map<std::string, uint64_t> fired;  // entry point -> runs
  for (uint64_t seed = 0; seed < kCases; ++seed) {
    explore::Target target = explore::WorkloadTarget(Generate(seed, options));
    target.allow = properties::KnownBugAllowances::AllKnownBugs();
    std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(GenerateStrategy(seed));
    absl::StatusOr<explore::RunReport> r =
        explore::RunTarget(target, *strategy, 1, sim::RunStart(seed, seed));
    ASSERT_TRUE(r.ok()) << r.status();
    if (r->coverage.events.count("conn: wait as req#_") > 0) ++waited;
    for (const FaultTarget& t : FaultTargets()) {
      if (r->coverage.events.count(FaultFiredEvent(t.name)) > 0) ++fired[t.name];
    }
  }
  std::cout << "a caller waited in " << waited << " of " << kCases << " cases\n";
  EXPECT_GE(waited * 2, kCases);
  for (const FaultTarget& t : FaultTargets()) {
    std::cout << "fault fired on " << t.name << " in " << fired[t.name] << " cases\n";
    EXPECT_GE(fired[t.name] * 20, kCases) << t.name;
  }
}

}  // namespace
}  // namespace scenarios
