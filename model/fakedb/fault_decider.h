// Applies a fault plan to the stream of driver calls of one run: counts each rule's
// matching calls, spends the chosen-fault budget, and asks the strategy (sim::ChooseBool)
// where chosen faults land. Calls must be presented in the order they start, which is
// deterministic under a fixed schedule, so the decisions replay exactly.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "model/fakedb/call_kind.h"
#include "model/fakedb/fault_plan.h"
#include "sim/time.h"

namespace model::fakedb {

// What the plan decided for one call.
struct FaultDecision {
  absl::Status status;        // non-OK: the call fails with this without doing its work
  bool block = false;         // wait until the call's context is done, return ctx.Err()
  sim::Duration extra_delay;  // from kDelay rules, added to the call's latency
  int rule = -1;              // index of the rule that set status/block, else -1
  bool chosen = false;        // status set by a strategy choice

  bool faulted() const { return block || !status.ok(); }
};

class FaultDecider {
 public:
  explicit FaultDecider(FaultPlan plan);

  // Decides the fate of a call that is starting. `conn_failed`: the driver already failed
  // this conn (and the call is not a Close), so the call fails anyway and no choice is
  // spent on it (rules still count it).
  FaultDecision Decide(CallKind kind, ConnId conn, bool conn_failed);

  const FaultPlan& plan() const { return plan_; }
  uint64_t chosen_budget_left() const { return budget_left_; }

 private:
  void ApplyRules(CallKind kind, ConnId conn, FaultDecision& decision);
  void ApplyChoice(CallKind kind, ConnId conn, FaultDecision& decision);

  FaultPlan plan_;
  std::vector<uint64_t> matches_;  // per rule: matching calls seen so far
  uint64_t budget_left_ = 0;
};

// The status a firing rule's action gives a call of `kind` (OK for kDelay and block).
absl::Status StatusForAction(FaultAction action, CallKind kind);

}  // namespace model::fakedb
