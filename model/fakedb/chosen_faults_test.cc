// Tests of faults the strategy chooses: they respect the budget, come only from recorded
// choices, and replay identically from the choice stream.
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "model/fakedb/fake_driver.h"
#include "model/fakedb/testing/fakedb.h"
#include "sim/go.h"

namespace model::fakedb {
namespace {

using testing::As;
using testing::CountDataChoices;
using testing::Exec;
using testing::LogText;

// `workers` goroutines, each on its own conn: `execs` Execs and a ResetSession (if
// `reset`), concurrently.
std::function<void()> Workload(const std::shared_ptr<FakeDriver>& d, int workers = 3,
                               int execs = 4, bool reset = true) {
  return [=] {
    sim::WaitGroup wg;
    for (int w = 0; w < workers; ++w) {
      wg.Add(1);
      sim::Go("worker", [&wg, d, execs, reset] {
        absl::StatusOr<std::shared_ptr<driver::Conn>> c = d->Open("");
        if (c.ok()) {
          for (int i = 0; i < execs; ++i) (void)Exec(*c, "NOOP");
          if (reset) {
            (void)As<driver::SessionResetter>(*c)->ResetSession(sim::Context::Background());
          }
        }
        wg.Done();
      });
    }
    wg.Wait();
  };
}

FakeDriverOptions ChosenOptions(uint64_t budget) {
  FakeDriverOptions o;
  o.call_latency = sim::Duration::Milliseconds(1);
  o.faults.Choose({CallKind::kExec, CallKind::kResetSession}, budget);
  return o;
}

size_t ChosenFaultCount(const CallLog& log) {
  size_t n = 0;
  for (const DriverCall& c : log.entries()) {
    if (!c.fault_chosen) continue;
    EXPECT_TRUE(driver::IsBadConn(c.status)) << c.ToString();
    ++n;
  }
  return n;
}

TEST(ChosenFaults, AStrategyThatAlwaysSaysYesSpendsExactlyTheBudget) {
  // Shows that with every data choice answered "yes", exactly `budget` (2) calls fail, the
  // budget ends at 0, and no further fault choice is asked once it is spent or on a conn
  // already failed: the choice stream holds exactly two fault choices.
  auto d = FakeDriver::Create(ChosenOptions(2));
  testing::SeededStrategy always_yes(/*data_answer=*/1);
  sim::RunResult r = testing::RunSimWith(always_yes, Workload(d), 7);
  ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
  EXPECT_EQ(ChosenFaultCount(d->log()), 2u);
  EXPECT_EQ(d->chosen_fault_budget_left(), 0u);
  EXPECT_EQ(CountDataChoices(r, 1), 2u);
  EXPECT_EQ(CountDataChoices(r, 0), 0u);
  size_t failed_conns = 0;
  for (const ConnSummary& c : d->log().conns()) failed_conns += c.failed_by_driver;
  EXPECT_EQ(failed_conns, 2u);
}

TEST(ChosenFaults, RandomChoicesNeverExceedTheBudgetAndExploreEveryCount) {
  // Shows over 60 seeded runs of three single-Exec workers (three candidate calls) that the
  // number of chosen faults is at most the budget (2), equals the number of "yes" fault
  // choices recorded, and that runs with 0, 1 and 2 faults all occur, i.e. the choice
  // really is explored.
  std::set<size_t> fault_counts;
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    auto d = FakeDriver::Create(ChosenOptions(2));
    sim::RunResult r = testing::RunSim(Workload(d, 3, 1, false), seed);
    ASSERT_FALSE(r.failed()) << r.failure.Name() << ": " << r.message;
    const size_t faults = ChosenFaultCount(d->log());
    EXPECT_LE(faults, 2u) << "seed " << seed;
    EXPECT_EQ(faults, CountDataChoices(r, 1)) << "seed " << seed;
    fault_counts.insert(faults);
  }
  EXPECT_EQ(fault_counts, (std::set<size_t>{0, 1, 2}));
}

TEST(ChosenFaults, ReplayingTheChoiceStreamReproducesTheSameCallLog) {
  // Shows a run with chosen faults and latency jitter replays exactly: feeding its recorded
  // choices back gives the same call log (calls, goroutines, times, results, fault marks)
  // and the same fingerprint; rerunning the same seed does too.
  for (uint64_t seed = 1; seed <= 10; ++seed) {
    FakeDriverOptions o = ChosenOptions(2);
    o.latency_jitter = sim::Duration::Milliseconds(3);
    auto first = FakeDriver::Create(o);
    sim::RunResult r1 = testing::RunSim(Workload(first), seed);
    ASSERT_FALSE(r1.failed()) << r1.failure.Name() << ": " << r1.message;

    auto replayed = FakeDriver::Create(o);
    testing::ChoiceReplayStrategy replay(r1.choices);
    sim::RunResult r2 = testing::RunSimWith(replay, Workload(replayed), seed);
    ASSERT_FALSE(r2.failed()) << r2.failure.Name() << ": " << r2.message;
    EXPECT_EQ(LogText(replayed->log()), LogText(first->log())) << "seed " << seed;
    EXPECT_EQ(r2.fingerprint, r1.fingerprint);

    auto again = FakeDriver::Create(o);
    sim::RunResult r3 = testing::RunSim(Workload(again), seed);
    EXPECT_EQ(LogText(again->log()), LogText(first->log())) << "seed " << seed;
  }
}

}  // namespace
}  // namespace model::fakedb
