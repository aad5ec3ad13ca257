// The name tables of sim/outcome.h: each enum's printed names in one array, read both ways.
#include "sim/outcome.h"

#include <utility>

namespace sim {
namespace {

struct KindName {
  FailureKind kind;
  absl::string_view name;
};
constexpr KindName kKindNames[] = {
    {FailureKind::kNone, ""},
    {FailureKind::kCheck, "check"},
    {FailureKind::kDeadlock, "deadlock"},
    {FailureKind::kBudget, "budget"},
    {FailureKind::kPanic, "panic"},
    {FailureKind::kDivergence, "divergence"},
    {FailureKind::kHarness, "harness"},
};
constexpr FailureKind kKinds[] = {
    FailureKind::kNone,  FailureKind::kCheck,      FailureKind::kDeadlock, FailureKind::kBudget,
    FailureKind::kPanic, FailureKind::kDivergence, FailureKind::kHarness,
};

struct StateName {
  GoroutineState state;
  absl::string_view name;
};
constexpr StateName kStateNames[] = {
    {GoroutineState::kRunning, "running"},
    {GoroutineState::kRunnable, "runnable"},
    {GoroutineState::kBlocked, "blocked"},
    {GoroutineState::kDone, "done"},
};
constexpr GoroutineState kStates[] = {GoroutineState::kRunning, GoroutineState::kRunnable,
                                      GoroutineState::kBlocked, GoroutineState::kDone};

}  // namespace

std::span<const FailureKind> AllFailureKinds() { return kKinds; }

absl::string_view FailureKindName(FailureKind kind) {
  for (const KindName& k : kKindNames) {
    if (k.kind == kind) return k.name;
  }
  return "unknown";
}

std::string FailureId::Name() const {
  return kind == FailureKind::kCheck ? check : std::string(FailureKindName(kind));
}

FailureId FailureId::FromName(absl::string_view name) {
  for (const KindName& k : kKindNames) {
    if (k.kind != FailureKind::kCheck && k.name == name) return FailureId{k.kind, ""};
  }
  return Check(std::string(name));
}

bool FailureId::IsValidCheckId(absl::string_view id) {
  return FromName(id).kind == FailureKind::kCheck;
}

std::span<const GoroutineState> AllGoroutineStates() { return kStates; }

absl::string_view GoroutineStateName(GoroutineState state) {
  for (const StateName& s : kStateNames) {
    if (s.state == state) return s.name;
  }
  return "unknown";
}

std::optional<GoroutineState> ParseGoroutineState(absl::string_view name) {
  for (const StateName& s : kStateNames) {
    if (s.name == name) return s.state;
  }
  return std::nullopt;
}

}  // namespace sim
