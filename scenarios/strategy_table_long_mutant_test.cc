// The strategy comparison table of scenarios/FINDINGS.md (issue 9, section 3): for random,
// PCT (default depth) and POS, the median number of runs to the first failure over 11
// exploration seeds with a cap of runs per seed, and how many seeds found one, on every
// named scenario on the pre-fix pool (async-reset, strict: any failure counts) and on
// every pool mutant (model/sql/mutation.h, on sync-reset, in the scenario that exercises
// it, looking past the fixed pool's known bugs). Explorations run in this process, one at
// a time (--jobs 1). It prints the tables as markdown; it shows that POS finds
// golang/go#31480 on most seeds and that every mutant has a row, so a new mutant cannot be
// left out of the table silently. The fuzz column is `poolcheck fuzz --pool <version>
// --seed S` (generated workloads, not the row's scenario): cases to the first failure, on
// async-reset strict for the pre-fix table (the same measurement in every row), and on
// sync-reset with the mutation, looking past known bugs, for the mutants, where a failure
// the real pool repeats on the same case and seed is not the mutant's and does not count.
// Run: build/scenarios/scenario_long_mutant_tests --gtest_filter='StrategyTable.*'
// (about 8 minutes on one core, most of it random walk at issue31480's 500 clients).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "explore/runner.h"
#include "explore/testing/targets.h"
#include "gtest/gtest.h"
#include "properties/invariant.h"
#include "explore/workload_target.h"
#include "scenarios/scenario.h"
#include "scenarios/workload_gen.h"
#include "sim/strategy_registry.h"

namespace scenarios {
namespace {
namespace testing = ::explore::testing;
using model::sql::Mutation;
using model::sql::PoolVersion;

constexpr uint64_t kSeeds = 11;
constexpr uint64_t kCap = 1000;             // runs per seed
constexpr uint64_t kReporterScaleCap = 100;  // issue31480 at 500 clients: ~0.3 s a random run
const char* const kStrategies[] = {"random", "pct", "pos"};

struct Row {
  std::string what;      // the scenario, or the mutant
  std::string scenario;  // what runs (with parameters, if not the defaults)
  explore::Target target;
  uint64_t cap = kCap;
};

// One strategy on one row: runs to the first failure per seed (0: none within the cap)
// and the failure ids seen.
struct Cell {
  std::vector<uint64_t> runs;
  std::set<std::string> caught_as;
};

Cell Measure(const Row& row, const std::string& strategy) {
  Cell cell;
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    explore::ExploreOptions options = testing::Options(strategy, row.cap, seed);
    options.isolate_crashes = row.target.mutation == Mutation::kCrashOnHandoff;
    absl::StatusOr<explore::ExploreSummary> s = explore::Explore(row.target, options);
    EXPECT_TRUE(s.ok()) << row.what << " " << strategy << ": " << s.status();
    if (!s.ok() || !s->first_failure) {
      cell.runs.push_back(0);
      continue;
    }
    cell.runs.push_back(s->first_failure->run_index + 1);
    cell.caught_as.insert(s->first_failure->result.failure.Name());
  }
  return cell;
}

// Fuzz case `index` of `seed` (as `poolcheck fuzz --seed seed` runs it) on `gen`'s pool.
explore::RunReport RunFuzzCase(const GenOptions& gen, const properties::KnownBugAllowances& allow,
                               uint64_t seed, uint64_t index) {
  const uint64_t case_seed = sim::RunSeed(seed, index);
  const explore::Target target = explore::WorkloadTarget(
      Generate(case_seed, gen), properties::InvariantSet::All(), allow);
  std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(GenerateStrategy(case_seed));
  absl::StatusOr<explore::RunReport> report =
      explore::RunTarget(target, *strategy, seed, sim::RunStart(case_seed, index));
  EXPECT_TRUE(report.ok()) << report.status();
  return report.ok() ? *std::move(report) : explore::RunReport{};
}

// Cases to the first failure of fuzz seed `seed` (0: none within `cap`), run as `poolcheck
// fuzz` runs them: each case in an isolated worker, so a crash is a failure, not the end
// of this process. With a mutation (but crash-on-handoff's, whose crash is the point) all
// cap cases run, and a failure group counts only if its first case does not fail the same
// way on the real pool, and a crash group does not count (before ce65d0a the harness
// crashed on about one case in 15,000: FINDINGS, fuzz section, behaviour 5).
uint64_t FuzzCasesToFailure(const GenOptions& gen, const properties::KnownBugAllowances& allow,
                            uint64_t seed, uint64_t cap, std::set<std::string>& caught_as) {
  const bool judge_groups =
      gen.mutation != Mutation::kNone && gen.mutation != Mutation::kCrashOnHandoff;
  explore::ExploreOptions options = testing::Options("random", cap, seed);
  options.isolate_crashes = true;
  options.keep_going = judge_groups;
  options.generate = [&](uint64_t i) {
    const uint64_t case_seed = sim::RunSeed(seed, i);
    return explore::GeneratedRun{
        explore::WorkloadTarget(Generate(case_seed, gen), properties::InvariantSet::All(),
                                allow),
        GenerateStrategy(case_seed)};
  };
  absl::StatusOr<explore::ExploreSummary> s =
      explore::Explore(options.generate(0).target, options);
  EXPECT_TRUE(s.ok()) << s.status();
  if (!s.ok()) return 0;
  if (!judge_groups) {
    if (!s->first_failure) return 0;
    caught_as.insert(s->first_failure->result.failure.Name());
    return s->first_failure->run_index + 1;
  }
  GenOptions real = gen;
  real.mutation = Mutation::kNone;
  for (const explore::FailureGroup& group : s->groups) {
    if (!group.first || group.first->result.failure.kind == sim::FailureKind::kCrash) continue;
    const explore::RunReport clean = RunFuzzCase(real, allow, seed, group.first_run);
    if (clean.result.failed() && clean.result.failure == group.first->result.failure) continue;
    caught_as.insert(group.first->result.failure.Name());
    return group.first_run + 1;
  }
  return 0;
}

// The fuzz column's cell: `poolcheck fuzz --pool version` (with `mutation`) over the seeds.
Cell MeasureFuzz(PoolVersion version, Mutation mutation,
                 const properties::KnownBugAllowances& allow, uint64_t cap) {
  GenOptions gen;
  gen.versions = {version};
  gen.mutation = mutation;
  Cell cell;
  for (uint64_t seed = 1; seed <= kSeeds; ++seed) {
    cell.runs.push_back(FuzzCasesToFailure(gen, allow, seed, cap, cell.caught_as));
  }
  return cell;
}

uint64_t Found(const Cell& cell) {
  return std::count_if(cell.runs.begin(), cell.runs.end(), [](uint64_t r) { return r > 0; });
}

// The median over all seeds, a seed that found nothing counting as more than the cap:
// ">cap" when most seeds found nothing.
std::string MedianText(const Cell& cell, uint64_t cap) {
  std::vector<uint64_t> sorted = cell.runs;
  for (uint64_t& r : sorted) {
    if (r == 0) r = cap + 1;
  }
  std::sort(sorted.begin(), sorted.end());
  const uint64_t median = sorted[sorted.size() / 2];
  const std::string value = median > cap ? absl::StrCat(">", cap) : absl::StrCat(median);
  return absl::StrCat(value, " (", Found(cell), "/", kSeeds, ")");
}

// The fuzz cell: the median, then what fuzz's first failures were ("70 (11/11) I6, I4").
std::string FuzzText(const Cell& fuzz) {
  return absl::StrCat(MedianText(fuzz, kCap), " ",
                      fuzz.caught_as.empty() ? "-" : absl::StrJoin(fuzz.caught_as, ", "));
}

std::vector<Row> ScenarioRows() {
  std::vector<Row> rows;
  for (const Scenario& s : AllScenarios()) {
    Row row{s.name, s.name, testing::MakeTarget(s.name, PoolVersion::kAsyncReset)};
    if (s.name == "issue31480") row.cap = kReporterScaleCap;
    rows.push_back(std::move(row));
  }
  rows.push_back({"issue31480 minimal", "issue31480 clients=2 ops_per_client=2 max_open=2 "
                                        "max_idle=2 capacity=1",
                  testing::MakeTarget("issue31480", PoolVersion::kAsyncReset, Mutation::kNone,
                                      {{"clients", "2"}, {"ops_per_client", "2"},
                                       {"max_open", "2"}, {"max_idle", "2"},
                                       {"capacity", "1"}})});
  return rows;
}

// Where each mutant runs: the scenario of scenario_checks_mutant_test.cc, or one whose
// operations reach the mutated code. issue31480 runs small (8 clients at maxOpen 2, so
// callers wait for conns) to keep the table's time down.
Row MutantRow(Mutation m) {
  const Params small_31480 = {{"clients", "8"}, {"max_open", "2"}, {"max_idle", "2"}};
  struct Where {
    Mutation mutation;
    const char* scenario;
    Params params;
  };
  const Where table[] = {
      {Mutation::kSkipNeedReset, "bad_conn_on_reuse", {}},
      {Mutation::kForgetNumOpenDecrement, "waiters_open_fail", {}},
      {Mutation::kDropWaiterWakeup, "issue31480", small_31480},
      {Mutation::kDoubleRelease, "lifetime_expiry", {}},
      {Mutation::kIgnoreMaxOpen, "lower_max_open", {}},
      {Mutation::kLeakOpener, "close_with_waiters", {}},
      {Mutation::kNoTxRollbackOnCancel, "tx_cancel", {}},
      {Mutation::kUnlockedDriverCall, "tx_cancel", {}},
      {Mutation::kNextAfterRowsClose, "tx_cancel", {{"tx_ops", "2"}}},
      {Mutation::kCrashOnHandoff, "issue31480", small_31480},
      {Mutation::kStmtOnOtherConn, "", {}},
      {Mutation::kPoolAboveMaxOpen, "lower_max_open", {}},
      {Mutation::kLeakConnOnLateDeadline, "", {}},  // needs a clock advance
  };
  for (const Where& w : table) {
    if (w.mutation != m) continue;
    std::string shown = w.scenario;
    for (const auto& [key, value] : w.params) absl::StrAppend(&shown, " ", key, "=", value);
    Row row{std::string(model::sql::MutationName(m)), shown,
            testing::MakeTarget(w.scenario, PoolVersion::kSyncReset, m, w.params)};
    row.target.allow = properties::KnownBugAllowances::AllKnownBugs();
    return row;
  }
  return {std::string(model::sql::MutationName(m)), "?", {}};
}

void PrintRow(const Row& row, const std::map<std::string, Cell>& cells, const Cell& fuzz) {
  std::set<std::string> caught_as;
  std::string line = absl::StrCat("| ", row.what, " | ", row.scenario, " | ", row.cap);
  for (const char* strategy : kStrategies) {
    const Cell& cell = cells.at(strategy);
    absl::StrAppend(&line, " | ", MedianText(cell, row.cap));
    caught_as.insert(cell.caught_as.begin(), cell.caught_as.end());
  }
  absl::StrAppend(&line, " | ", FuzzText(fuzz), " | ",
                  caught_as.empty() ? "-" : absl::StrJoin(caught_as, ", "), " |");
  std::printf("%s\n", line.c_str());
  std::fflush(stdout);
}

// Measures and prints one row (its fuzz cell given); returns its cells by strategy.
std::map<std::string, Cell> MeasureRow(const Row& row, const Cell& fuzz) {
  std::map<std::string, Cell> cells;
  for (const char* strategy : kStrategies) cells[strategy] = Measure(row, strategy);
  PrintRow(row, cells, fuzz);
  return cells;
}

void PrintHeader(const char* title) {
  std::printf("\n%s\n\n| target | scenario | cap | random | pct | pos | fuzz | caught as |\n"
              "|---|---|---|---|---|---|---|---|\n", title);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

TEST(StrategyTable, PreFixPoolScenarios) {
  // Shows the comparison on the pre-fix pool by measuring it: prints a row per scenario as
  // it is measured, then checks that POS found #31480 at reporter scale on most seeds.
  const auto start = std::chrono::steady_clock::now();
  PrintHeader("Pre-fix pool (async-reset), every scenario with its defaults, strict:");
  const Cell fuzz = MeasureFuzz(PoolVersion::kAsyncReset, Mutation::kNone, {}, kCap);
  EXPECT_GT(Found(fuzz) * 2, kSeeds) << "fuzz found a failure on async-reset on too few seeds";
  std::map<std::string, Cell> pos_31480;
  for (const Row& row : ScenarioRows()) {
    std::map<std::string, Cell> cells = MeasureRow(row, fuzz);
    if (row.what == "issue31480") pos_31480 = cells;
  }
  std::printf("\n%llu seeds per cell; median runs to the first failure (seeds that found "
              "one); %.0f s\n", static_cast<unsigned long long>(kSeeds), SecondsSince(start));
  ASSERT_EQ(pos_31480.count("pos"), 1u);
  EXPECT_GT(Found(pos_31480["pos"]) * 2, kSeeds) << "POS found #31480 on too few seeds";
}

TEST(StrategyTable, Mutants) {
  // Shows the comparison on every mutant by measuring it (looking past the fixed pool's
  // known bugs, so a row counts the mutant's failures only), and that every mutant of
  // kAllMutations has a row.
  const auto start = std::chrono::steady_clock::now();
  PrintHeader("Mutants (sync-reset, looking past its known bugs):");
  for (Mutation m : model::sql::kAllMutations) {
    if (m == Mutation::kNone) continue;
    const Row row = MutantRow(m);
    EXPECT_NE(row.scenario, "?") << row.what << " has no row in MutantRow";
    const Cell fuzz = MeasureFuzz(PoolVersion::kSyncReset, m,
                                  properties::KnownBugAllowances::AllKnownBugs(), kCap);
    if (m != Mutation::kLeakConnOnLateDeadline) {
      EXPECT_GT(Found(fuzz), 0u) << row.what << ": fuzz never caught it";
    }
    if (row.target.scenario.empty()) {
      std::printf("| %s | (no named scenario reaches it) | - | not run | not run | "
                  "not run | %s | - |\n", row.what.c_str(), FuzzText(fuzz).c_str());
      continue;
    }
    MeasureRow(row, fuzz);
  }
  std::printf("\n%llu seeds per cell; %.0f s\n", static_cast<unsigned long long>(kSeeds),
              SecondsSince(start));
}

}  // namespace
}  // namespace scenarios
