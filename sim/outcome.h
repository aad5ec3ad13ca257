// The typed outcome of a run: how it failed (FailureKind, plus the check's id when a check
// failed it) and what state each goroutine was in when it ended (GoroutineState). Code
// branches on these types, never on their printed names; the printed names (reports,
// JSON, JUnit, tokens, corpus files) come from the one pair of functions per type below,
// which map names and values both ways.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "absl/strings/string_view.h"

namespace sim {

// Why a run failed.
enum class FailureKind : uint8_t {
  kNone,        // the run did not fail
  kCheck,       // a check called sim::Fail; FailureId::check names it ("I6", "fakedb")
  kDeadlock,    // every goroutine blocked, no timer armed, main not returned
  kBudget,      // RunOptions::max_steps decisions without the run ending (livelock)
  kPanic,       // Go's panic(), or an uncaught C++ exception in a goroutine
  kDivergence,  // a replay could not follow its recording
  kHarness,     // the harness misbehaved (a hook threw, a strategy picked out of range)
  kCrash,       // the run killed its process with a signal (seen from outside it: explore's
                // isolated workers, a forked replay); the message names the signal
};

// Every kind, in declaration order (for tables and tests).
std::span<const FailureKind> AllFailureKinds();

// The printed name of a kind that is not kCheck: "deadlock", "budget", "panic",
// "divergence", "harness", "crash"; "" for kNone; "check" for kCheck (whose failures print the
// check's own id instead, see FailureId::Name).
absl::string_view FailureKindName(FailureKind kind);

// Which failure: the kind and, for kCheck, the id of the check. Equality says "the same
// failure" (shrink keeps a run only if it fails the same way).
struct FailureId {
  FailureKind kind = FailureKind::kNone;
  std::string check;  // kCheck only: the id passed to sim::Fail

  static FailureId Check(std::string id) { return {FailureKind::kCheck, std::move(id)}; }
  // The printed id: the check's id for kCheck, else FailureKindName(kind).
  std::string Name() const;
  // The inverse of Name(): "" is kNone, a kind's name that kind, anything else a check.
  static FailureId FromName(absl::string_view name);
  // Whether `id` may name a check: not empty and not the name of another kind.
  static bool IsValidCheckId(absl::string_view id);

  bool operator==(const FailureId&) const = default;
};

// A goroutine's state when its report was taken.
enum class GoroutineState : uint8_t {
  kRunning,   // it raised the failure (or was running when the report was taken)
  kRunnable,  // it could have run next
  kBlocked,   // waiting (GoroutineReport::blocked_on says on what)
  kDone,      // it returned
};

// Every state, in declaration order.
std::span<const GoroutineState> AllGoroutineStates();
// "running", "runnable", "blocked", "done".
absl::string_view GoroutineStateName(GoroutineState state);
// The inverse of GoroutineStateName; nullopt for any other text.
std::optional<GoroutineState> ParseGoroutineState(absl::string_view name);

}  // namespace sim
