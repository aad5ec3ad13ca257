// I4 no leak, judged at the end of a run once every client operation has completed:
// every conn the pool handed out has come back (none is still in use); and if the DB was
// closed, every driver conn the pool opened is closed, no open is in flight, and none of
// the pool's own goroutines (opener, resetter, cleaner, Tx/Rows awaitDone) is still alive.
//
// A run ends when main returns and nothing can run without time passing, so pool work
// may still be under way (a driver call taking virtual time, a goroutine asleep, others
// blocked behind them). Such a run is not at rest and is not judged: I4 needs programs
// that let time pass after DB.Close (the test programs sleep a minute before returning).
//
// Known bug cleaner-started-after-close (KnownBugAllowances::cleaner_started_after_close):
// a settings call after Close starts a connectionCleaner that outlives it; allowed, a live
// connectionCleaner is not judged.
#pragma once

#include "properties/invariant.h"

namespace properties {

class I4Leak : public Invariant {
 public:
  explicit I4Leak(const KnownBugAllowances& allow = {}) : allow_(allow) {}
  InvariantId id() const override { return InvariantId::kI4; }
  void AtEnd(const Observation& obs, const EndState& end) override;

 private:
  bool DriverCallsRunning(const model::fakedb::CallLog& log) const;
  bool AnyAsleep(const EndState& end) const;
  void CheckConnsReturned(const Observation& obs);
  void CheckDriverConnsClosed(const Observation& obs);
  void CheckPoolGoroutinesGone(const EndState& end);

  KnownBugAllowances allow_;
};

// Whether a goroutine with this name is one the pool starts (the names model/sql gives
// its `go` statements).
bool IsPoolGoroutine(std::string_view name);

}  // namespace properties
