// Rule counting and chosen faults for one run of the fake driver.
#include "model/fakedb/fault_decider.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "model/driver/driver.h"
#include "sim/choice.h"

namespace model::fakedb {

FaultDecider::FaultDecider(FaultPlan plan)
    : plan_(std::move(plan)),
      matches_(plan_.rules.size(), 0),
      budget_left_(plan_.chosen.active() ? plan_.chosen.budget : 0) {}

FaultDecision FaultDecider::Decide(CallKind kind, ConnId conn, bool conn_failed) {
  FaultDecision decision;
  ApplyRules(kind, conn, decision);
  if (!decision.faulted() && !conn_failed) ApplyChoice(kind, conn, decision);
  return decision;
}

void FaultDecider::ApplyRules(CallKind kind, ConnId conn, FaultDecision& decision) {
  for (size_t i = 0; i < plan_.rules.size(); ++i) {
    const FaultRule& rule = plan_.rules[i];
    if (!rule.calls.Contains(kind)) continue;
    if (kind != CallKind::kOpen && rule.conn != kAnyConn && rule.conn != conn) continue;
    if (!rule.FiresOn(++matches_[i])) continue;
    if (rule.action == FaultAction::kDelay) {
      decision.extra_delay += rule.delay;
      continue;
    }
    if (decision.faulted()) continue;  // an earlier rule already decided
    decision.rule = static_cast<int>(i);
    decision.block = rule.action == FaultAction::kBlockUntilDone;
    decision.status = StatusForAction(rule.action, kind);
  }
}

void FaultDecider::ApplyChoice(CallKind kind, ConnId conn, FaultDecision& decision) {
  if (budget_left_ == 0 || !plan_.chosen.calls.Contains(kind)) return;
  const std::string what = kind == CallKind::kOpen
                               ? std::string("fault: Open")
                               : absl::StrCat("fault: ", CallKindName(kind), " conn ", conn);
  if (!sim::ChooseBool(what)) return;
  --budget_left_;
  decision.chosen = true;
  decision.status = driver::ErrBadConn();
}

absl::Status StatusForAction(FaultAction action, CallKind kind) {
  switch (action) {
    case FaultAction::kBadConn:
      return driver::ErrBadConn();
    case FaultAction::kError:
      return InjectedError(kind);
    case FaultAction::kBlockUntilDone:
    case FaultAction::kDelay:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace model::fakedb
