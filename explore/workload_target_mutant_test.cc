// (Mutant build.) Shows a run of a workload given as data (the "workload" pseudo-scenario)
// gets a token that carries the workload and the checked invariants, and that replaying
// that token alone reproduces the run: the workload runs on a mutant so that it fails.
#include "explore/workload_target.h"

#include "gtest/gtest.h"
#include "model/fakedb/fault_plan.h"
#include "scenarios/ops.h"
#include "sim/strategy_registry.h"
#include "sim/token.h"

namespace explore {
namespace {

using model::fakedb::CallKind;
using model::fakedb::FaultAction;
using model::fakedb::FaultRule;
namespace ops = scenarios::ops;

// Two clients, two Execs each, under maxOpen 1; the first two opens fail, and the mutant
// keeps their numOpen slots, so I3 (a waiter stranded at maxOpen) fires.
scenarios::Workload StrandedWaiter() {
  scenarios::Workload w;
  w.pool.mutation = model::sql::Mutation::kForgetNumOpenDecrement;
  w.pool.max_open = 1;
  w.driver.faults.Add(FaultRule::FirstN(CallKind::kOpen, 2).Returns(FaultAction::kError));
  w.clients.assign(2, scenarios::Client{sim::Duration::Zero(), {ops::Exec(), ops::Exec()}});
  w.main_wait_limit = sim::Duration::Seconds(10);
  return w;
}

TEST(WorkloadTarget, ItsTokenCarriesTheWorkloadAndReplaysTheRun) {
  // Shows a failing run of a workload target (only I3 checked) has a token whose metadata
  // holds the workload and the checks, and that replaying the decoded token, with nothing
  // else, gives the same failure, message, steps, fingerprint and workload.
  const Target target = WorkloadTarget(StrandedWaiter(),
                                       properties::InvariantSet::Only(properties::InvariantId::kI3));
  std::unique_ptr<sim::Strategy> random = *sim::MakeStrategy("random");
  std::optional<RunReport> failure;
  for (uint64_t i = 0; i < 20 && !failure; ++i) {
    absl::StatusOr<RunReport> run = RunTarget(target, *random, 1, sim::RunStart(sim::RunSeed(1, i), i));
    ASSERT_TRUE(run.ok()) << run.status();
    if (run->result.failed()) failure = *std::move(run);
  }
  ASSERT_TRUE(failure.has_value()) << "no run of 20 failed";
  EXPECT_EQ(failure->result.failure.Name(), "I3");
  EXPECT_EQ(failure->token.meta.at("scenario"), "workload");
  EXPECT_EQ(failure->token.meta.at("checks"), "I3");
  EXPECT_EQ(failure->token.meta.at("mutation"), "forget-num-open-decrement");
  EXPECT_FALSE(failure->token.meta.at("workload").empty());

  absl::StatusOr<sim::ReplayToken> decoded = sim::DecodeToken(sim::EncodeToken(failure->token));
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  absl::StatusOr<RunReport> replay = Replay(*decoded, /*record_trace=*/false);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->result.failure.Name(), "I3");
  EXPECT_EQ(replay->result.message, failure->result.message);
  EXPECT_EQ(replay->result.steps, failure->result.steps);
  EXPECT_EQ(replay->result.fingerprint, failure->result.fingerprint);
  EXPECT_EQ(replay->workload_text, StrandedWaiter().Show());
  EXPECT_EQ(replay->target.checks, properties::InvariantSet::Only(properties::InvariantId::kI3));
}

}  // namespace
}  // namespace explore
