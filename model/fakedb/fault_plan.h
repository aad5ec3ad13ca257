// The fault plan of a fake driver: fixed rules ("the 2nd Exec on conn 3 returns
// ErrBadConn", "Open fails 3 times", "every call takes 10ms more") and an optional budget of
// faults the strategy chooses, so that where a driver fails is explored and replayed like a
// schedule. A plan is plain data; it prints as one short line for counterexamples.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "model/fakedb/call_kind.h"
#include "sim/time.h"

namespace model::fakedb {

// What a firing rule does to the call.
enum class FaultAction : uint8_t {
  kBadConn,         // returns driver.ErrBadConn (ValidConnection: false); the conn stays
                    // bad: every later call but a Close returns ErrBadConn
  kError,           // returns InjectedError(): an ordinary error, the conn stays healthy
  kBlockUntilDone,  // blocks until the call's context is done, then returns ctx.Err()
  kDelay,           // takes `delay` more virtual time, then runs normally
};

// One rule. It counts the calls it matches (kind in `calls`, and on `conn` unless that is
// kAnyConn) and fires on matching calls number first, first+1, ..., first+count-1 (count 0:
// every one from `first` on). Open calls have no conn yet: for them `conn` is ignored and
// the count is of open attempts.
struct FaultRule {
  CallKindSet calls;
  ConnId conn = kAnyConn;
  uint64_t first = 1;  // 1-based
  uint64_t count = 1;  // 0: no end
  FaultAction action = FaultAction::kBadConn;
  sim::Duration delay;  // kDelay only

  // Fires on the nth matching call only.
  static FaultRule Nth(CallKindSet calls, uint64_t n);
  // Fires on the nth matching call and every one after it.
  static FaultRule FromNth(CallKindSet calls, uint64_t n);
  // Fires on every matching call.
  static FaultRule Always(CallKindSet calls);
  // Fires on the first n matching calls ("Open fails n times").
  static FaultRule FirstN(CallKindSet calls, uint64_t n);

  FaultRule& OnConn(ConnId id);
  FaultRule& Returns(FaultAction a);
  FaultRule& Delays(sim::Duration d);  // sets action kDelay

  // Whether the rule fires on its match_index-th matching call (1-based).
  bool FiresOn(uint64_t match_index) const;
  // e.g. "2nd Exec on conn 3 -> ErrBadConn", "Open 1st..3rd -> error".
  std::string ToString() const;
};

// Faults the strategy chooses: at each call of a kind in `calls` on a conn the driver has
// not failed yet, while budget remains, sim::ChooseBool("fault: <call> conn <id>") decides
// whether the call returns ErrBadConn; each yes spends one unit of budget.
struct ChosenFaults {
  CallKindSet calls;
  uint64_t budget = 0;

  bool active() const { return budget > 0 && !calls.empty(); }
  // e.g. "chosen ErrBadConn on {Exec,ResetSession} budget 2".
  std::string ToString() const;
};

struct FaultPlan {
  std::vector<FaultRule> rules;  // evaluated in order; the first firing non-delay rule wins
  ChosenFaults chosen;

  FaultPlan& Add(const FaultRule& rule);
  FaultPlan& Choose(CallKindSet calls, uint64_t budget);
  bool empty() const { return rules.empty() && !chosen.active(); }
  // Rules and chosen faults joined by "; ", or "no faults".
  std::string ToString() const;
};

// The error of a kError rule: "fakedb: injected error in <call>" (code kInternal).
absl::Status InjectedError(CallKind kind);
bool IsInjectedError(const absl::Status& s);

}  // namespace model::fakedb
