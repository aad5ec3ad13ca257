// Test support for the RapidCheck property tests: one generated case run through the one
// run path (explore::RunTarget on a workload target, so its token carries the workload and
// `poolcheck replay` reruns it), the failure text a test prints (the case, what broke, the
// goroutines left, the token and the replay command), and the property "every checked
// invariant holds" checked with a fixed RapidCheck seed and no RapidCheck reproduce line
// (RapidCheck's line would not reproduce a case of this fixed-seed check; the token does).
// Header-only (the library does not link RapidCheck).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include "explore/sweep.h"
#include "explore/workload_target.h"
#include "gtest/gtest.h"
#include "properties/testing/property_case.h"
#include "rapidcheck.h"
#include "sim/strategy_registry.h"

namespace properties::testing {

// How a case is judged: which invariants, looking past which known bugs.
struct Judging {
  InvariantSet checks = InvariantSet::All();
  KnownBugAllowances allow;
};

// The target a case runs as.
inline explore::Target CaseTarget(const PropertyCase& c, const Judging& judging) {
  return explore::WorkloadTarget(c.workload, judging.checks, judging.allow);
}

// One run of a case: its schedule's strategy and seed on its workload.
inline explore::RunReport RunCase(const PropertyCase& c, const Judging& judging) {
  const std::string& spec =
      scenarios::ScheduleStrategies()[static_cast<size_t>(c.schedule.strategy)];
  std::unique_ptr<sim::Strategy> strategy = *sim::MakeStrategy(spec);
  absl::StatusOr<explore::RunReport> report = explore::RunTarget(
      CaseTarget(c, judging), *strategy, c.schedule.seed, sim::RunStart(c.schedule.seed));
  EXPECT_TRUE(report.ok()) << report.status();
  return report.ok() ? *std::move(report) : explore::RunReport{};
}

// The case, its failure, the goroutines not done, then the token and replay command.
inline std::string ShowFailure(const PropertyCase& c, const explore::RunReport& r) {
  std::ostringstream os;
  showValue(c, os);
  os << "\nfails: " << r.result.failure.Name() << ": " << r.result.message
     << "\ngoroutines not done:\n";
  for (const sim::GoroutineReport& g : r.result.goroutines) {
    if (g.state == sim::GoroutineState::kDone) continue;
    os << "  g" << g.id << " " << g.name << " [" << sim::GoroutineStateName(g.state) << ": " << g.blocked_on << "] at "
       << g.location << "\n";
  }
  os << explore::ReproductionLines(r);
  return os.str();
}

// Receives RapidCheck's events and prints nothing (no reproduce line).
class SilentListener : public rc::detail::TestListener {
 public:
  void onTestCaseFinished(const rc::detail::CaseDescription&) override {}
  void onShrinkTried(const rc::detail::CaseDescription&, bool) override {}
  void onTestFinished(const rc::detail::TestMetadata&, const rc::detail::TestResult&) override {}
};

// How a property check runs.
struct CheckOptions {
  int cases = 1000;
  // Each case runs under its schedule and, while it passes, seeds_per_case - 1 more run
  // seeds (schedule.seed + i): a smaller workload then keeps failing under some
  // interleaving, which lets shrinking go further.
  uint32_t seeds_per_case = 1;
  bool shrink = true;
};

// Checks "every checked invariant holds" with a fixed RapidCheck seed; `last_failure`
// receives every failing case (with the seed that failed), so after shrinking it holds
// the shrunk counterexample.
inline rc::detail::TestResult CheckAllInvariants(model::sql::PoolVersion version,
                                                 const scenarios::GenOptions& gen_options,
                                                 const Judging& judging,
                                                 const CheckOptions& check,
                                                 std::optional<PropertyCase>* last_failure) {
  rc::detail::TestParams params;
  params.seed = 20190426;  // fixed: the test is deterministic
  params.maxSuccess = check.cases;
  params.maxSize = 100;
  params.disableShrinking = !check.shrink;
  rc::detail::TestMetadata meta;
  meta.id = meta.description = "every invariant holds for any workload and schedule";
  SilentListener listener;
  auto property = [&] {
    PropertyCase c = *gen::Case(version, gen_options);
    const uint32_t first_seed = c.schedule.seed;
    for (uint32_t i = 0; i < check.seeds_per_case; ++i) {
      c.schedule.seed = first_seed + i;
      const explore::RunReport r = RunCase(c, judging);
      if (!r.result.failed()) continue;
      *last_failure = c;
      RC_FAIL(r.result.failure.Name() + ": " + r.result.message);
    }
  };
  return rc::detail::checkProperty(rc::detail::toProperty(property), meta, params, listener);
}

}  // namespace properties::testing
