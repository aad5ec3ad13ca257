// The generic property: for any generated workload (pool config, driver faults, clients'
// op sequences with timeouts and cancellation) and any schedule (strategy + seed), every
// invariant I1-I11 holds. Shown holding on the fixed pool (sync-reset) over many cases, and, without
// being told about golang/go#31480, finding a failure on async-reset with a small
// resetterCh and shrinking it (workload and schedule together) to a few clients.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>

#include "gtest/gtest.h"
#include "properties/testing/workload_gen.h"
#include "rapidcheck.h"
#include "model/fakedb/fake_driver.h"
#include "properties/monitor.h"
#include "scenarios/workload_run.h"
#include "sim/strategy_registry.h"
#include "sim/token.h"

namespace properties {
namespace {

using testing::PropertyCase;
using testing::ScheduleStrategies;

constexpr uint64_t kMaxSteps = 200'000;

// Cases per property: 1000, or POOLCHECK_PROPERTY_CASES for a longer soak.
int Cases() {
  const char* env = std::getenv("POOLCHECK_PROPERTY_CASES");
  return env != nullptr ? std::max(1, std::atoi(env)) : 1000;
}

// One run of a case: what explore::RunWorkload does, keeping the driver's call log and
// the monitor's counters for the report.
struct CaseRun {
  sim::RunResult result;
  sim::ReplayToken token;
  std::string driver_calls;
  MonitorCounters counters;
};

CaseRun RunCase(const PropertyCase& c, MonitorOptions monitor_options = {}) {
  const std::string spec = ScheduleStrategies()[c.schedule.strategy];
  auto strategy = sim::MakeStrategy(spec);
  sim::RunOptions options;
  options.max_steps = kMaxSteps;
  ClientLog log;
  auto driver = model::fakedb::FakeDriver::Create(c.workload.driver);
  Monitor monitor(driver, log, monitor_options);
  scenarios::WorkloadEnv env;
  env.driver = driver;
  env.log = &log;
  env.on_open = [&monitor](const std::shared_ptr<model::sql::DB>& db) { monitor.Attach(db); };
  CaseRun run;
  run.result = sim::RunProgram(**strategy, c.schedule.seed, options,
                               scenarios::WorkloadMain(c.workload, env), monitor.Hooks());
  run.counters = monitor.counters();
  run.token.strategy = (*strategy)->Describe();
  run.token.run_seed = c.schedule.seed;
  run.token.has_choices = true;
  run.token.choices = run.result.choices;
  run.token.steps = run.result.steps;
  run.token.fingerprint = run.result.fingerprint;
  for (const auto& call : driver->log().entries()) {
    absl::StrAppend(&run.driver_calls, "  ", call.ToString(), "\n");
  }
  return run;
}

// The case, its failure, the replay token and the driver's calls.
std::string ShowFailure(const PropertyCase& c, const CaseRun& r) {
  std::ostringstream os;
  testing::showValue(c, os);
  os << "\nfails: " << r.result.failure_id << ": " << r.result.message
     << "\nreplay token: " << sim::EncodeToken(r.token) << "\ndriver calls:\n"
     << r.driver_calls << "goroutines not done:\n";
  for (const sim::GoroutineReport& g : r.result.goroutines) {
    if (g.state == "done") continue;
    os << "  g" << g.id << " " << g.name << " [" << g.state << ": " << g.blocked_on << "] at "
       << g.location << "\n";
  }
  return os.str();
}

// Checks the property "every invariant holds" with a fixed RapidCheck seed; `last_failure`
// receives every failing case, so after shrinking it holds the shrunk counterexample. Each
// case runs under its schedule and, while it passes, `seeds_per_case - 1` more run seeds
// (schedule.seed + i): a smaller workload then keeps failing under some interleaving,
// which lets shrinking go further; the case recorded carries the seed that failed.
rc::detail::TestResult CheckAllInvariants(model::sql::PoolVersion version,
                                          const testing::GenOptions& gen_options, int cases,
                                          const MonitorOptions& monitor_options,
                                          std::optional<PropertyCase>* last_failure,
                                          uint32_t seeds_per_case = 1) {
  rc::detail::TestParams params;
  params.seed = 20190426;  // fixed: the test is deterministic
  params.maxSuccess = cases;
  params.maxSize = 100;
  rc::detail::TestMetadata meta;
  meta.id = meta.description = "every invariant holds for any workload and schedule";
  return rc::detail::checkTestable(
      [&] {
        PropertyCase c = *testing::gen::Case(version, gen_options);
        const uint32_t first_seed = c.schedule.seed;
        for (uint32_t i = 0; i < seeds_per_case; ++i) {
          c.schedule.seed = first_seed + i;
          const CaseRun r = RunCase(c, monitor_options);
          if (!r.result.failed) continue;
          *last_failure = c;
          RC_FAIL(r.result.failure_id + ": " + r.result.message);
        }
      },
      meta, params);
}

// Expects the property to fail, the shrunk case to rerun to the same failure id, to have
// at most `max_clients` clients, and prints it. Returns the rerun.
CaseRun ExpectShrunkFailure(const rc::detail::TestResult& result,
                            const std::optional<PropertyCase>& failure,
                            const MonitorOptions& options, size_t max_clients) {
  rc::detail::FailureResult found;
  EXPECT_TRUE(result.match(found)) << "no failure found";
  if (!failure.has_value()) {
    ADD_FAILURE() << "no failing case recorded";
    return CaseRun{};
  }
  CaseRun rerun = RunCase(*failure, options);
  EXPECT_TRUE(rerun.result.failed);
  EXPECT_NE(found.description.find(rerun.result.failure_id), std::string::npos)
      << found.description;
  EXPECT_LE(failure->workload.clients.size(), max_clients) << ShowFailure(*failure, rerun);
  std::cout << "shrunk counterexample (" << found.numSuccess << " cases passed first):\n"
            << ShowFailure(*failure, rerun) << "\n";
  return rerun;
}

// Shows the invariants hold on the fixed pool over generated workloads and schedules (1000
// by default), every invariant enabled. It looks past the two real bugs of the fixed pool the strict
// checkers find (FixedPoolBugTxStatementAfterCancelRollback below, and the hand-written
// program in fixed_pool_bugs_invariant_test.cc), and every op runs under a deadline so the
// second one cannot hang a run; a failing case is printed.
TEST(GenericProperty, HoldsOnSyncReset) {
  testing::GenOptions gen_options;
  gen_options.deadline_every_op = true;
  MonitorOptions options;
  options.allow = KnownBugAllowances::AllKnownBugs();
  std::optional<PropertyCase> failure;
  const rc::detail::TestResult result = CheckAllInvariants(
      model::sql::PoolVersion::kSyncReset, gen_options, Cases(), options, &failure);
  rc::detail::SuccessResult success;
  ASSERT_TRUE(result.match(success))
      << (failure ? ShowFailure(*failure, RunCase(*failure, options)) : "no failing case");
  EXPECT_EQ(success.numSuccess, Cases());
}

// Shows the generic property, not told about golang/go#31480, finds a failure on
// async-reset with resetterCh of capacity 1 and shrinks it to at most 2 clients; the
// shrunk case reruns to the same failure. Prints it.
TEST(GenericProperty, FindsAndShrinksFailureOnAsyncReset) {
  testing::GenOptions gen_options;
  gen_options.resetter_capacities = {1};
  gen_options.deadline_every_op = true;
  MonitorOptions options;
  options.allow = KnownBugAllowances::AllKnownBugs();  // bugs async-reset shares with sync-reset
  std::optional<PropertyCase> failure;
  const rc::detail::TestResult result = CheckAllInvariants(
      model::sql::PoolVersion::kAsyncReset, gen_options, Cases(), options, &failure, 8);
  const CaseRun rerun = ExpectShrunkFailure(result, failure, options, 2);
  EXPECT_EQ(rerun.result.failure_id, "I6") << rerun.result.message;
}

// A real bug of the fixed pool the strict I11 finds: Tx.awaitDone's rollback on cancel
// does not wait for the tx's statement in progress, so the statement (or its Rows.Next)
// reaches the driver after the Rollback. Found, shrunk to at most 2 clients, printed.
TEST(GenericProperty, FixedPoolBugTxStatementAfterCancelRollback) {
  testing::GenOptions gen_options;
  gen_options.deadline_every_op = true;
  MonitorOptions options;
  options.enabled = InvariantSet::Only(InvariantId::kI11);
  std::optional<PropertyCase> failure;
  const rc::detail::TestResult result = CheckAllInvariants(
      model::sql::PoolVersion::kSyncReset, gen_options, Cases(), options, &failure, 8);
  const CaseRun rerun = ExpectShrunkFailure(result, failure, options, 2);
  EXPECT_NE(rerun.result.message.find("after the tx ended"), std::string::npos)
      << rerun.result.message;
}

}  // namespace
}  // namespace properties
