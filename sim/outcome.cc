// The name tables of sim/outcome.h: each enum's printed names in one array, read both ways.
#include "sim/outcome.h"

#include <utility>

namespace sim {
namespace {

template <typename Enum>
struct Named {
  Enum value;
  absl::string_view name;
};

constexpr Named<FailureKind> kKindNames[] = {
    {FailureKind::kNone, ""},
    {FailureKind::kCheck, "check"},
    {FailureKind::kDeadlock, "deadlock"},
    {FailureKind::kBudget, "budget"},
    {FailureKind::kPanic, "panic"},
    {FailureKind::kDivergence, "divergence"},
    {FailureKind::kHarness, "harness"},
    {FailureKind::kCrash, "crash"},
};
constexpr FailureKind kKinds[] = {
    FailureKind::kNone,  FailureKind::kCheck,      FailureKind::kDeadlock, FailureKind::kBudget,
    FailureKind::kPanic, FailureKind::kDivergence, FailureKind::kHarness, FailureKind::kCrash,
};

constexpr Named<GoroutineState> kStateNames[] = {
    {GoroutineState::kRunning, "running"},
    {GoroutineState::kRunnable, "runnable"},
    {GoroutineState::kBlocked, "blocked"},
    {GoroutineState::kDone, "done"},
};
constexpr GoroutineState kStates[] = {GoroutineState::kRunning, GoroutineState::kRunnable,
                                      GoroutineState::kBlocked, GoroutineState::kDone};

template <typename Enum, size_t N>
absl::string_view NameIn(const Named<Enum> (&table)[N], Enum value) {
  for (const Named<Enum>& row : table) {
    if (row.value == value) return row.name;
  }
  return "unknown";
}

}  // namespace

std::span<const FailureKind> AllFailureKinds() { return kKinds; }

absl::string_view FailureKindName(FailureKind kind) { return NameIn(kKindNames, kind); }

std::string FailureId::Name() const {
  return kind == FailureKind::kCheck ? check : std::string(FailureKindName(kind));
}

FailureId FailureId::FromName(absl::string_view name) {
  for (const Named<FailureKind>& k : kKindNames) {
    if (k.value != FailureKind::kCheck && k.name == name) return FailureId{k.value, ""};
  }
  return Check(std::string(name));
}

bool FailureId::IsValidCheckId(absl::string_view id) {
  return FromName(id).kind == FailureKind::kCheck;
}

std::span<const GoroutineState> AllGoroutineStates() { return kStates; }

absl::string_view GoroutineStateName(GoroutineState state) { return NameIn(kStateNames, state); }

std::optional<GoroutineState> ParseGoroutineState(absl::string_view name) {
  for (const Named<GoroutineState>& s : kStateNames) {
    if (s.name == name) return s.value;
  }
  return std::nullopt;
}

}  // namespace sim
