// Fault rules: construction helpers, the firing window, and the one-line rendering used in
// counterexamples.
#include "model/fakedb/fault_plan.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace model::fakedb {

namespace {

constexpr char kInjectedPrefix[] = "fakedb: injected error in ";

// "1st", "2nd", "3rd", "4th", "11th", "21st".
std::string Ordinal(uint64_t n) {
  const uint64_t tens = n % 100;
  const char* suffix = "th";
  if (tens < 11 || tens > 13) {
    if (n % 10 == 1) suffix = "st";
    if (n % 10 == 2) suffix = "nd";
    if (n % 10 == 3) suffix = "rd";
  }
  return absl::StrCat(n, suffix);
}

std::string ActionText(const FaultRule& rule) {
  switch (rule.action) {
    case FaultAction::kBadConn:
      return rule.calls == CallKindSet(CallKind::kValidConnection) ? "false" : "ErrBadConn";
    case FaultAction::kError:
      return "error";
    case FaultAction::kBlockUntilDone:
      return "block until ctx done";
    case FaultAction::kDelay:
      return absl::StrCat("+", rule.delay.ToString());
  }
  return "?";
}

// Which calls the rule fires on, e.g. "2nd Exec", "every call", "Open 1st..3rd",
// "ValidConnection from 5th".
std::string SubjectText(const FaultRule& rule) {
  const std::string calls = rule.calls == CallKindSet::All() ? "call" : rule.calls.ToString();
  if (rule.count == 0 && rule.first == 1) return absl::StrCat("every ", calls);
  if (rule.count == 0) return absl::StrCat(calls, " from ", Ordinal(rule.first));
  if (rule.count == 1) return absl::StrCat(Ordinal(rule.first), " ", calls);
  return absl::StrCat(calls, " ", Ordinal(rule.first), "..",
                      Ordinal(rule.first + rule.count - 1));
}

}  // namespace

FaultRule FaultRule::Nth(CallKindSet calls, uint64_t n) {
  return FaultRule{.calls = calls, .conn = kAnyConn, .first = n, .count = 1,
                   .action = FaultAction::kBadConn, .delay = sim::Duration::Zero()};
}
FaultRule FaultRule::FromNth(CallKindSet calls, uint64_t n) {
  return FaultRule{.calls = calls, .conn = kAnyConn, .first = n, .count = 0,
                   .action = FaultAction::kBadConn, .delay = sim::Duration::Zero()};
}
FaultRule FaultRule::Always(CallKindSet calls) { return FromNth(calls, 1); }
FaultRule FaultRule::FirstN(CallKindSet calls, uint64_t n) {
  FaultRule rule = Nth(calls, 1);
  rule.count = n;
  return rule;
}

FaultRule& FaultRule::OnConn(ConnId id) {
  conn = id;
  return *this;
}
FaultRule& FaultRule::Returns(FaultAction a) {
  action = a;
  return *this;
}
FaultRule& FaultRule::Delays(sim::Duration d) {
  action = FaultAction::kDelay;
  delay = d;
  return *this;
}

bool FaultRule::FiresOn(uint64_t match_index) const {
  if (match_index < first) return false;
  return count == 0 || match_index - first < count;
}

std::string FaultRule::ToString() const {
  std::string text = SubjectText(*this);
  if (conn != kAnyConn) absl::StrAppend(&text, " on conn ", conn);
  return absl::StrCat(text, " -> ", ActionText(*this));
}

std::string ChosenFaults::ToString() const {
  return absl::StrCat("chosen ErrBadConn on ", calls.ToString(), " budget ", budget);
}

FaultPlan& FaultPlan::Add(const FaultRule& rule) {
  rules.push_back(rule);
  return *this;
}

FaultPlan& FaultPlan::Choose(CallKindSet calls, uint64_t budget) {
  chosen = ChosenFaults{.calls = calls, .budget = budget};
  return *this;
}

std::string FaultPlan::ToString() const {
  if (empty()) return "no faults";
  std::vector<std::string> parts;
  for (const FaultRule& r : rules) parts.push_back(r.ToString());
  if (chosen.active()) parts.push_back(chosen.ToString());
  return absl::StrJoin(parts, "; ");
}

absl::Status InjectedError(CallKind kind) {
  return absl::InternalError(absl::StrCat(kInjectedPrefix, CallKindName(kind)));
}

bool IsInjectedError(const absl::Status& s) {
  return s.code() == absl::StatusCode::kInternal && absl::StartsWith(s.message(), kInjectedPrefix);
}

}  // namespace model::fakedb
