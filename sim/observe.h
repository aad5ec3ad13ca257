// Harness code that watches a run (an invariant inspecting the pool's state) is not part of
// the program under test: what it reads must not order the program's steps for
// partial-order reduction (sim/access.h). Reads of sim primitives made while an
// ObserverScope is alive (today: a channel's len from DB::Inspect) are not noted.
//
// Soundness: DPOR (sim/strategies/dpor.h) covers every Mazurkiewicz trace of the program;
// a property of a single state is judged on the states those runs pass through, as it
// already was for pool fields the observers read without any note.
#pragma once

namespace sim {

class ObserverScope {
 public:
  ObserverScope();
  ~ObserverScope();
  ObserverScope(const ObserverScope&) = delete;
  ObserverScope& operator=(const ObserverScope&) = delete;
};

// True while an ObserverScope is alive on this thread.
bool Observing();

}  // namespace sim
