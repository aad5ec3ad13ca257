// Access annotations: what each step of a run touches, for partial-order reduction (DPOR,
// sim/strategies/dpor.h) and any other strategy that needs to know which steps commute.
//
// Every scheduling point declares the access its goroutine is about to make (the pending
// access: an object and a kind). While a step runs, the primitives note every sim object
// the step reads or writes, including side effects on objects other than the declared one
// (a send that completes a select withdraws that select's waiters from its other channels;
// a cancel closes its children's Done channels), and every goroutine or timer the step
// makes runnable (wakes, spawns, armed timers). Objects are named by a stable per-run id
// assigned the first time a step touches them, never by address, so a run that repeats a
// prefix assigns the same ids.
//
// Soundness assumption: simulated code shares memory between goroutines only through sim
// primitives (true of Go's data-race-free pool) or through state it declares with
// NoteSharedAccess (the fake driver's tables and the monitors fed by them). Two steps that
// touch no common object, or only read a common object, then commute.
//
// Cost: declaring costs two stores per scheduling point; noting costs one predictable
// branch unless a strategy asks for the record (AccessListener).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/strategy.h"

namespace sim {

enum class AccessKind : uint8_t {
  kNone = 0,      // no shared object (Gosched, a spawn's own point)
  kUnknown,       // an unannotated point: conflicts with everything
  kMutexLock,
  kMutexUnlock,
  kRLock,
  kRUnlock,
  kChanSend,
  kChanRecv,
  kChanClose,
  kChanLen,       // len/cap of a channel: a read
  kSelect,        // a select over several channels (each noted separately)
  kAtomicRead,
  kAtomicWrite,
  kAtomicAdd,     // an Add whose result the caller ignores (Atomic::AddIgnoringResult)
  kWaitGroupAdd,   // a positive delta
  kWaitGroupDone,  // a negative delta (Done)
  kWaitGroupWait,
  kWaitGroupStart,  // noted by an Add that raises the counter from zero (exclusive)
  kContext,       // create, cancel, or read Err of a context
  kTimer,         // arm, stop, reset or fire a timer
  kSharedRead,    // harness state declared with NoteSharedAccess
  kSharedWrite,
};

// True for kinds that only read their object (two reads of one object commute).
bool IsReadOnly(AccessKind kind);
// Accesses of one object commute when they have the same nonzero class: reads (1), RLocks
// (2), RUnlocks (3), positive WaitGroup adds (4), Dones (5), atomic Adds whose result
// nobody reads (6); the order of two Dones only changes which of them wakes the waiters,
// not the state after both. Class 0 is exclusive.
uint8_t CommuteClass(AccessKind kind);
const char* AccessKindName(AccessKind kind);

// One access of a step: object 0 means "no object" (kNone) or "every object" (kUnknown).
struct Access {
  uint32_t object = 0;
  AccessKind kind = AccessKind::kNone;
  bool operator==(const Access&) const = default;
};

// True when the two accesses may not commute: a common object and not one commuting
// class, or either is kUnknown.
bool Conflicts(const Access& a, const Access& b);

// The per-run identity of a sim object. Embedded in every primitive's state; the id is
// assigned (from a per-run counter) the first time the object is touched in a run.
class AccessTag {
 public:
  AccessTag() = default;
  // A copy is another object: it gets its own id.
  AccessTag(const AccessTag&) {}
  AccessTag& operator=(const AccessTag&) { return *this; }

  uint32_t IdFor(uint64_t run_serial, uint32_t& next_id) {
    if (run_serial_ != run_serial) {
      run_serial_ = run_serial;
      id_ = ++next_id;
    }
    return id_;
  }

 private:
  uint64_t run_serial_ = 0;
  uint32_t id_ = 0;
};

// A process of the choice stream: a goroutine id, or kTimerChoiceBase + a timer's sequence
// number (the value a kSchedule Choice records for it).
using ProcessId = uint32_t;
ProcessId ProcessOf(const Candidate& c);

// What one step did, filled in by the scheduler while the step runs.
struct StepRecord {
  std::vector<Access> accesses;    // in order, possibly repeated
  std::vector<ProcessId> enabled;  // goroutines woken or spawned, timers armed
  bool clock_advanced_after = false;  // after this step every goroutine was blocked and
                                      // the clock moved on before the next decision
  void Clear() {
    accesses.clear();
    enabled.clear();
    clock_advanced_after = false;
  }
};

// A strategy that also implements AccessListener gets each step's record: the scheduler
// finds it by dynamic_cast when a run starts and appends to the record while a step runs.
// The strategy reads and clears it in PickNext (it then holds the step just finished; at
// a run's first PickNext it holds only the spawn of main). The record of a run's last
// step is left in place when the run ends: read it at the next StartRun.
class AccessListener {
 public:
  virtual ~AccessListener() = default;
  virtual StepRecord& step_record() = 0;
};

// For strategies, during PickNext: the access the candidate's goroutine declared at the
// point where it waits (a woken goroutine: the operation it blocked in); kNone for a timer
// (firing it touches the timer). Assigns the object's id if it has none yet.
Access PendingAccess(const Candidate& c);

// For strategies, during PickNext: whether the candidate waits in sync.Mutex.Lock (not
// TryLock, not an RWMutex) or sync.WaitGroup.Wait, and whether that step would block now
// (the mutex is held; the counter is above zero). Such a step only queues its goroutine
// (it changes nothing else); a strategy may treat such a candidate as disabled, as DPOR
// does (sim/strategies/dpor.h).
struct LockIntent {
  bool lock = false;  // the candidate's next step is a Mutex.Lock or WaitGroup.Wait (or
                      // its continuation after a wake)
  bool held = false;  // the step would queue the goroutine (again)
};
LockIntent PendingLock(const Candidate& c);

// For simulated or harness code that shares state outside sim primitives: notes that the
// running step reads (write = false) or writes that state. No effect outside a run or when
// no strategy listens.
void NoteSharedAccess(AccessTag& tag, bool write);

}  // namespace sim
